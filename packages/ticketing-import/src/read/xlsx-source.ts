// XLSX → records of the first worksheet, streaming with exceljs's WorkbookReader: the zip is read
// as a stream, worksheets are spooled to temp files by exceljs and parsed row by row with a SAX
// parser, so the sheet's rows never sit in memory. Text cells usually point into a workbook-wide
// shared-strings table, which has to be held to resolve them: exceljs is asked to emit it, and it
// is kept on disk (shared-string-spool.ts), so memory stays flat however many distinct strings
// the file has.
import type { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { SharedStringSpool } from "./shared-string-spool";
import type { SourceRecord, XlsxDetails } from "./types";

/** What WorkbookReader.parse() yields: shared strings ({ index, text }) and typed events. */
type ParseItem = { index: number; text: unknown } | { eventType: string; value: unknown };
type WorksheetReader = AsyncIterable<{ number: number; values: unknown }> & { name?: string };

export async function* readXlsxRecords(source: Readable, details: XlsxDetails): AsyncGenerator<SourceRecord> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(source, {
    worksheets: "emit",
    sharedStrings: "emit",
    // Styles are needed to know which numbers are dates (the number format says so).
    styles: "cache",
    hyperlinks: "ignore",
    entries: "ignore",
  });
  const strings = new SharedStringSpool();
  // parse() is the generator behind the reader's async iterator, which drops shared strings.
  const items = (workbook as unknown as { parse(): AsyncIterable<ParseItem> }).parse();
  try {
    for await (const item of items) {
      if ("index" in item) {
        strings.append(cellToText(item.text));
        continue;
      }
      if (item.eventType !== "worksheet") continue;
      const worksheet = item.value as WorksheetReader;
      details.sheetName = worksheet.name ?? null;
      for await (const row of worksheet) {
        const values = row.values;
        if (!Array.isArray(values)) continue;
        // row.values is 1-based and sparse (index 0 unused, holes for empty cells).
        const fields: string[] = [];
        for (let i = 1; i < values.length; i++) fields.push(cellToText(resolveSharedString(values[i], strings)));
        yield { line: row.number, fields };
      }
      // Only the first sheet is imported; the rest of the archive is not read.
      break;
    }
  } finally {
    strings.close();
    source.destroy();
  }
}

function resolveSharedString(value: unknown, strings: SharedStringSpool): unknown {
  if (value !== null && typeof value === "object" && "sharedString" in value) {
    return strings.get(Number((value as { sharedString: unknown }).sharedString));
  }
  return value;
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
