// XLSX → records of the first worksheet, streaming. The archive's parts are opened through its
// central directory (xlsx-archive.ts) in the order they depend on each other: relationships and
// workbook (which sheet comes first), styles (which numbers are dates), shared strings, then the
// sheet, each handed to exceljs's own parser for that part, so rows are parsed one by one with a
// SAX parser and never sit in memory together. Text cells usually point into a workbook-wide
// shared-strings table, which has to be held to resolve them: it is kept on disk
// (shared-string-spool.ts), so memory stays flat however many distinct strings the file has.
import type { Readable } from "node:stream";
import { SharedStringSpool } from "./shared-string-spool";
import type { SourceRecord, XlsxDetails } from "./types";
import { XlsxArchive } from "./xlsx-archive";

type WorksheetReader = AsyncIterable<{ number: number; values: unknown }>;
interface SheetEntry {
  name: string;
  rId: string;
  state?: string;
}
/**
 * exceljs's WorkbookReader, driven part by part. These methods are its internals (exceljs 4.4,
 * pinned by the lockfile): its public entry point reads the zip in one streaming pass, which is
 * what loses parts.
 */
interface WorkbookPartParsers {
  model?: { sheets?: SheetEntry[] };
  workbookRels?: { Id: string; Target: string }[];
  _parseRels(part: Readable): Promise<void>;
  _parseWorkbook(part: Readable): Promise<void>;
  _parseStyles(part: Readable): Promise<void>;
  _parseSharedStrings(part: Readable): AsyncIterable<{ index: number; text: unknown }>;
  _parseWorksheet(part: Readable, sheetNo: string): Iterable<{ eventType: string; value: WorksheetReader }>;
}

export async function* readXlsxRecords(source: Readable, details: XlsxDetails): AsyncGenerator<SourceRecord> {
  const archive = await XlsxArchive.open(source);
  const strings = new SharedStringSpool();
  try {
    // Loaded here, not with the module: it takes ~0.3 s, which every CSV import's reading thread
    // paid before its first row.
    const { default: ExcelJS } = await import("exceljs");
    // Its input is never read (parse() is not called): the parts are handed to it one by one.
    const workbook = new ExcelJS.stream.xlsx.WorkbookReader(source, {
      worksheets: "emit",
      sharedStrings: "emit",
      // Styles are needed to know which numbers are dates (the number format says so).
      styles: "cache",
      hyperlinks: "ignore",
      entries: "ignore",
    }) as unknown as WorkbookPartParsers;
    if (!archive.has("xl/workbook.xml")) throw new Error("ce n'est pas un classeur Excel (pas de xl/workbook.xml) / not an Excel workbook (no xl/workbook.xml)");
    if (archive.has("xl/_rels/workbook.xml.rels")) await workbook._parseRels(await archive.stream("xl/_rels/workbook.xml.rels"));
    await workbook._parseWorkbook(await archive.stream("xl/workbook.xml"));
    if (archive.has("xl/styles.xml")) await workbook._parseStyles(await archive.stream("xl/styles.xml"));
    if (archive.has("xl/sharedStrings.xml")) {
      for await (const item of workbook._parseSharedStrings(await archive.stream("xl/sharedStrings.xml"))) strings.append(cellToText(item.text));
    }

    const sheet = firstSheet(workbook);
    if (!sheet || !archive.has(sheet.part)) throw new Error("le classeur n'a aucune feuille / the workbook has no worksheet");
    details.sheetName = sheet.name;
    for (const event of workbook._parseWorksheet(await archive.stream(sheet.part), sheet.number)) {
      for await (const row of event.value) {
        const values = row.values;
        if (!Array.isArray(values)) continue;
        // row.values is 1-based and sparse (index 0 unused, holes for empty cells).
        const fields: string[] = [];
        for (let i = 1; i < values.length; i++) fields.push(cellToText(resolveSharedString(values[i], strings)));
        yield { line: row.number, fields };
      }
    }
  } finally {
    strings.close();
    await archive.close();
  }
}

/** The first visible sheet in the workbook's tab order: its name, part path and number. */
function firstSheet(workbook: WorkbookPartParsers): { name: string; part: string; number: string } | undefined {
  const sheets = workbook.model?.sheets ?? [];
  const sheet = sheets.find((s) => s.state !== "hidden" && s.state !== "veryHidden") ?? sheets[0];
  const target = sheet && workbook.workbookRels?.find((rel) => rel.Id === sheet.rId)?.Target;
  if (!sheet || !target) return undefined;
  // Targets are relative to xl/ ("worksheets/sheet1.xml") or absolute in the package ("/xl/…").
  const part = target.startsWith("/") ? target.slice(1) : `xl/${target}`;
  return { name: sheet.name, part, number: /sheet(\d+)\.xml$/i.exec(part)?.[1] ?? "1" };
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
