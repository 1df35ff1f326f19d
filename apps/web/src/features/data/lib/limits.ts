// What an upload may be. The size cap keeps one upload from filling the disk; 500 MiB holds a
// few million ticket rows, more than any single export we have seen.
export const MAX_IMPORT_FILE_BYTES = 500 * 1024 * 1024;

export const ACCEPTED_EXTENSIONS = [".csv", ".txt", ".tsv", ".xlsx"] as const;

/** For the file input's `accept`: extensions plus the types browsers report for them. */
export const ACCEPT_ATTRIBUTE = [
  ...ACCEPTED_EXTENSIONS,
  "text/csv",
  "text/plain",
  "text/tab-separated-values",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
].join(",");

export function hasAcceptedExtension(fileName: string): boolean {
  const lower = fileName.toLowerCase();
  return ACCEPTED_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/** A file name for a raw (non-multipart) upload that did not name its file. */
export function defaultFileName(contentType: string | null): string {
  return /spreadsheetml|officedocument/i.test(contentType ?? "") ? "upload.xlsx" : "upload.csv";
}

/** "500 Mo" / "500 MB": the limit as people read it. */
export function formatMegabytes(bytes: number, locale: string): string {
  return `${Math.round(bytes / (1024 * 1024))} ${locale === "fr" ? "Mo" : "MB"}`;
}

/** Server actions take at most 1 MB by default: a show catalogue of a few thousand titles fits. */
export const MAX_CATALOGUE_BYTES = 1_000_000;
