// The mapping step's data: the file's headers and first rows as they will be read, suggested
// targets per column, and the tenant's preset for the same header row when there is one.
import {
  createRowValidator,
  describeIssues,
  missingColumns,
  parseColumnMapping,
  previewImportFile,
  suggestMapping,
  type FileKind,
  type Language,
  type MappingSuggestion,
  type RawRow,
  type ReadSummary,
  type TColumnMapping,
} from "@rappel/ticketing-import";
import { headerSignature } from "./header-signature";
import { importFilePath } from "./storage";

export interface PresetCandidate {
  id: string;
  name: string;
  kind: string;
  headerSignature: string;
  mapping: unknown;
}

export interface ImportPreview {
  headers: readonly string[];
  /** The first rows (at most 20), as read, keyed by header. */
  rows: RawRow[];
  suggestions: MappingSuggestion;
  headerSignature: string;
  /** A saved preset for the same headers and kind, whose columns all exist in this file. */
  matchingPreset?: { id: string; name: string; mapping: TColumnMapping };
  /** Encoding, delimiter, counts: shown so a person can see the file was read right. */
  summary: ReadSummary;
}

export async function previewImport(
  storageDir: string,
  tenantId: string,
  importId: string,
  kind: FileKind,
  presets: readonly PresetCandidate[] = [],
): Promise<ImportPreview> {
  const preview = await previewImportFile(importFilePath(storageDir, tenantId, importId), 20);
  const signature = headerSignature(preview.headers);
  let matchingPreset: ImportPreview["matchingPreset"];
  for (const preset of presets) {
    if (preset.kind !== kind || preset.headerSignature !== signature) continue;
    try {
      const mapping = parseColumnMapping(kind, preset.mapping);
      if (missingColumns(mapping, preview.headers).length > 0) continue;
      matchingPreset = { id: preset.id, name: preset.name, mapping };
      break;
    } catch {
      // A preset saved by an older version that no longer parses is simply not proposed.
      continue;
    }
  }
  return {
    headers: preview.headers,
    rows: preview.rows,
    suggestions: suggestMapping(kind, preview.headers),
    headerSignature: signature,
    ...(matchingPreset ? { matchingPreset } : {}),
    summary: preview.summary,
  };
}

export interface PreviewRowCheck {
  line: number;
  ok: boolean;
  /** Reasons (refused) or warnings (kept), as sentences. */
  messages: string[];
}

/** What a mapping would do to the preview rows, so the mapping screen can show it before confirming. */
export function checkPreviewRows(mapping: TColumnMapping, rows: readonly RawRow[], language: Language): PreviewRowCheck[] {
  const validate = createRowValidator(mapping);
  return rows.map(({ line, raw }) => {
    const r = validate(raw);
    return r.ok
      ? { line, ok: true, messages: describeIssues(mapping.kind, r.warnings, language) }
      : { line, ok: false, messages: describeIssues(mapping.kind, r.issues, language) };
  });
}
