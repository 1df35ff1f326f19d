// The mapping screen's model (pure): which targets a kind of file has, which are required, what
// each select starts with (a matching preset, else the suggestions), and turning the submitted
// form back into a column mapping with errors a person can act on.
import { mappingGaps } from "@rappel/ignition-import";
import {
  fieldLabel,
  targetNames,
  ZColumnMapping,
  type FileKind,
  type MappingSuggestion,
  type TColumnMapping,
} from "@rappel/ticketing-import";

export type Language = "fr" | "en";

export interface TargetRow {
  target: string;
  label: string;
  /** Every row of the file is refused without it. */
  required: boolean;
  /** The header pre-selected, or "" for none. */
  selected: string;
  origin: "preset" | "suggestion" | null;
  confidence: number | null;
}

const quote = (s: string, language: Language) => (language === "fr" ? `« ${s} »` : `“${s}”`);
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function columnsOf(mapping: TColumnMapping): Record<string, string | undefined> {
  return mapping.columns as Record<string, string | undefined>;
}

/** A target is required when a mapping of every other target still has a gap. */
export function requiredTargets(kind: FileKind): Set<string> {
  const all = targetNames(kind);
  const required = new Set<string>();
  for (const target of all) {
    const columns = Object.fromEntries(all.filter((t) => t !== target).map((t) => [t, t]));
    if (mappingGaps({ version: 1, kind, columns } as TColumnMapping).length > 0) required.add(target);
  }
  return required;
}

export function targetRows(
  kind: FileKind,
  language: Language,
  suggestions: MappingSuggestion,
  preset: TColumnMapping | null,
): TargetRow[] {
  const required = requiredTargets(kind);
  const suggested = columnsOf(suggestions.mapping);
  const fromPreset = preset ? columnsOf(preset) : null;
  const confidence = new Map(suggestions.columns.filter((c) => c.target).map((c) => [c.target!, c.confidence]));
  return targetNames(kind).map((target) => {
    const presetHeader = fromPreset?.[target];
    const suggestedHeader = suggested[target];
    const selected = fromPreset ? (presetHeader ?? "") : (suggestedHeader ?? "");
    const origin = fromPreset ? (presetHeader ? "preset" : null) : suggestedHeader ? "suggestion" : null;
    return {
      target,
      // Labels are lower case to read well mid-sentence; in the form each starts a line.
      label: capitalise(fieldLabel(kind, target, language)),
      required: required.has(target),
      selected,
      origin,
      confidence: origin === "suggestion" ? (confidence.get(target) ?? null) : null,
    };
  });
}

/**
 * A gap from the service ("missing column for orderRef|ticketRef") in words: alternatives are
 * joined by "or", targets needed together by "and".
 */
export function describeGap(gap: string, kind: FileKind, language: Language): string {
  const spec = /^missing column for (.+)$/.exec(gap)?.[1];
  if (!spec) return gap;
  const or = language === "fr" ? " ou " : " or ";
  const and = " + ";
  return spec
    .split("|")
    .map((alt) => alt.split("+").map((t) => quote(fieldLabel(kind, t, language), language)).join(and))
    .join(or);
}

export type MappingFormResult =
  | { ok: true; mapping: TColumnMapping }
  | { ok: false; duplicates: { header: string; targets: string[] }[]; gaps: string[]; unknownHeaders: string[] };

/** Reads `col.<target>` fields into a mapping and checks it as the service will. */
export function mappingFromForm(kind: FileKind, headers: readonly string[], form: Iterable<[string, string]>): MappingFormResult {
  const targets = new Set<string>(targetNames(kind));
  const known = new Set(headers);
  const columns: Record<string, string> = {};
  const unknownHeaders: string[] = [];
  for (const [name, value] of form) {
    if (!name.startsWith("col.") || value === "") continue;
    const target = name.slice(4);
    if (!targets.has(target)) continue;
    if (!known.has(value)) unknownHeaders.push(value);
    else columns[target] = value;
  }
  const byHeader = new Map<string, string[]>();
  for (const [target, header] of Object.entries(columns)) byHeader.set(header, [...(byHeader.get(header) ?? []), target]);
  const duplicates = [...byHeader].filter(([, t]) => t.length > 1).map(([header, t]) => ({ header, targets: t }));
  const candidate = { version: 1 as const, kind, columns };
  const gaps = mappingGaps(candidate as TColumnMapping);
  const parsed = ZColumnMapping.safeParse(candidate);
  if (duplicates.length || gaps.length || unknownHeaders.length || !parsed.success) {
    return { ok: false, duplicates, gaps, unknownHeaders };
  }
  return { ok: true, mapping: parsed.data };
}

/** Requirements met by one of several targets ("order or ticket reference"), in words. */
export function alternativeRequirements(kind: FileKind, language: Language): string[] {
  return mappingGaps({ version: 1, kind, columns: {} } as TColumnMapping)
    .filter((gap) => gap.includes("|"))
    .map((gap) => describeGap(gap, kind, language));
}
