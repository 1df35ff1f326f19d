// CSV export of dashboard tables. RFC 4180 (quoted fields, doubled quotes, CRLF), a UTF-8 BOM so
// Excel reads accents correctly, and formula injection neutralised: a text cell starting with
// = + - @ (or tab / carriage return) is prefixed with a single quote, so a spreadsheet shows it as
// text instead of running it (OWASP "CSV injection").

export interface CsvColumn<T> {
  header: string;
  /** The row's property to export, or a function computing the cell. */
  value: keyof T | ((row: T) => unknown);
}

export interface CsvOptions {
  /** "," (default, RFC 4180) or ";" (what French Excel expects) or a tab. */
  delimiter?: "," | ";" | "\t";
  /** Prepend a UTF-8 byte order mark (default true, for Excel). */
  bom?: boolean;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** Neutralises a text cell that a spreadsheet would read as a formula. */
export function neutraliseCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  // Numbers are written as numbers (a negative amount stays a number); only text can be a formula.
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "bigint" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString();
  return neutraliseCell(String(value));
}

function quote(text: string, delimiter: string): string {
  return text.includes('"') || text.includes(delimiter) || /[\r\n]/.test(text) || /^\s|\s$/.test(text)
    ? `"${text.replaceAll('"', '""')}"`
    : text;
}

export function toCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[], options: CsvOptions = {}): string {
  const delimiter = options.delimiter ?? ",";
  const line = (cells: string[]) => cells.map((c) => quote(c, delimiter)).join(delimiter);
  const out = [line(columns.map((c) => neutraliseCell(c.header)))];
  for (const row of rows) {
    out.push(line(columns.map((c) => cellText(typeof c.value === "function" ? c.value(row) : row[c.value]))));
  }
  return `${options.bom === false ? "" : "\uFEFF"}${out.join("\r\n")}\r\n`;
}
