// XLSX → records of the first worksheet, streaming with exceljs's WorkbookReader: the zip is read
// as a stream and rows are parsed with a SAX parser, so the sheet's rows never sit in memory
// (a sheet stored before the shared strings is spooled to a temp file by exceljs, not to RAM).
// One limit is the format's: text cells usually point into a workbook-wide shared-strings table,
// which has to be held to resolve them, so memory grows with the number of *distinct* strings
// (~0.5 KB each: 100,000 rows with two unique strings per row took ~110 MB). CSV has no such
// table and stays flat; very large exports are better sent as CSV.
import type { Readable } from "node:stream";
import ExcelJS from "exceljs";
import type { SourceRecord, XlsxDetails } from "./types";

export async function* readXlsxRecords(source: Readable, details: XlsxDetails): AsyncGenerator<SourceRecord> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(source, {
    worksheets: "emit",
    sharedStrings: "cache",
    // Styles are needed to know which numbers are dates (the number format says so).
    styles: "cache",
    hyperlinks: "ignore",
    entries: "ignore",
  });
  try {
    for await (const worksheet of workbook) {
      details.sheetName = (worksheet as unknown as { name?: string }).name ?? null;
      for await (const row of worksheet) {
        const values = row.values;
        if (!Array.isArray(values)) continue;
        // row.values is 1-based and sparse (index 0 unused, holes for empty cells).
        const fields: string[] = [];
        for (let i = 1; i < values.length; i++) fields.push(cellToText(values[i]));
        yield { line: row.number, fields };
      }
      // Only the first sheet is imported; the rest of the archive is not read.
      break;
    }
  } finally {
    source.destroy();
  }
}

/**
 * A cell as the text a person would type in a CSV. Dates: exceljs turns date-formatted cells into
 * a Date whose UTC fields are the wall-clock time shown in Excel (Excel has no time zones), so
 * they are written back as a zone-less ISO string and read later in Europe/Paris like any date.
 */
export function cellToText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)));
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value instanceof Date) return dateToText(value);
  if (typeof value === "object") {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return v.richText.map((part: { text?: string }) => part.text ?? "").join("");
    if ("result" in v) return cellToText(v.result);
    if ("text" in v) return cellToText(v.text);
    if ("error" in v) return "";
  }
  return String(value);
}

function dateToText(date: Date): string {
  if (Number.isNaN(date.getTime())) return "";
  const iso = date.toISOString(); // yyyy-mm-ddTHH:MM:SS.sssZ, UTC fields = Excel's wall time
  const day = iso.slice(0, 10);
  const time = iso.slice(11, 19);
  // A time-only cell (20:30 in an "Heure" column) is day 0 of Excel's calendar.
  if (day === "1899-12-30" || day === "1899-12-31") return time.slice(0, 5) + (time.endsWith(":00") ? "" : time.slice(5));
  return time === "00:00:00" ? day : `${day}T${time}`;
}
