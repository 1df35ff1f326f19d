// The first rows of a file as they will be read, for the mapping screen.
import type { Readable } from "node:stream";
import { openImportFile, type OpenImportFileOptions, type RawRow, type ReadSummary } from "./open-import-file";

export interface ImportFilePreview {
  headers: readonly string[];
  rows: RawRow[];
  summary: ReadSummary;
}

export async function previewImportFile(input: string | Readable, rows = 20, options: OpenImportFileOptions = {}): Promise<ImportFilePreview> {
  const file = await openImportFile(input, options);
  const preview: RawRow[] = [];
  for await (const row of file) {
    preview.push(row);
    if (preview.length >= rows) break;
  }
  await file.close();
  return { headers: file.headers, rows: preview, summary: file.summary() };
}
