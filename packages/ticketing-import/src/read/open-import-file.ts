// The one entry point for reading an uploaded file: detects CSV or XLSX, reads the header row,
// and yields each following row as { line, raw } keyed by header, with a running summary.
import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { readCsvRecords } from "./csv-source";
import { readXlsxRecords } from "./xlsx-source";
import type { Delimiter } from "./sniff-delimiter";
import type { CsvDetails, MalformedRecord, SourceRecord, XlsxDetails } from "./types";

export type ImportFileFormat = "csv" | "xlsx";

export interface RawRow {
  /** Line (CSV, where the record starts) or row number (XLSX) in the file, for people. */
  line: number;
  /** Cells by header; a missing trailing cell is "". Null prototype: headers are data. */
  raw: Record<string, string>;
}

export interface ReadSummary {
  format: ImportFileFormat;
  headers: readonly string[];
  headerLine: number;
  /** Data rows yielded so far. */
  rowsRead: number;
  /** Rows with no content at all (blank lines, ";;;;" lines, empty spreadsheet rows); for CSV, empty lines are added when reading ends. */
  blankRowsSkipped: number;
  /** Rows with non-empty cells beyond the header's columns (kept as "Colonne N"). */
  rowsWithExtraCells: number;
  /** Records the format could not read; the first 100 are kept here, all go to onMalformedRow. */
  malformedRows: MalformedRecord[];
  malformedRowCount: number;
  csv: CsvDetails | null;
  xlsx: XlsxDetails | null;
}

export interface OpenImportFileOptions {
  /** Forces the format; otherwise the first bytes decide (XLSX is a zip: "PK"). */
  format?: ImportFileFormat;
  /** Forces the CSV delimiter; otherwise it is sniffed from the first lines. */
  delimiter?: Delimiter;
  /** Largest CSV record in characters (default 256 KiB). */
  maxRecordChars?: number;
  /** Called for every record the format could not read, so none is lost silently. */
  onMalformedRow?: (record: MalformedRecord) => void;
}

export interface ImportFileReader extends AsyncIterable<RawRow> {
  readonly format: ImportFileFormat;
  readonly headers: readonly string[];
  /** Live summary; final once iteration has ended. */
  summary(): ReadSummary;
  /** Stops reading and releases the file (also done when a for-await loop exits early). */
  close(): Promise<void>;
}

/** Why a file cannot be read at all (as opposed to a bad row). */
export class ImportFileError extends Error {
  constructor(
    readonly code: "empty_file" | "no_header" | "xls_unsupported" | "unreadable_xlsx",
    message: string,
  ) {
    super(message);
    this.name = "ImportFileError";
  }
}

const MAX_KEPT_MALFORMED = 100;

/** Opens a CSV or XLSX export (a path or a byte stream) and reads its header row. */
export async function openImportFile(input: string | Readable, options: OpenImportFileOptions = {}): Promise<ImportFileReader> {
  const stream = typeof input === "string" ? createReadStream(input) : input;
  const { format, source } = await detectFormat(stream, options.format);
  const summary: ReadSummary = {
    format,
    headers: [],
    headerLine: 0,
    rowsRead: 0,
    blankRowsSkipped: 0,
    rowsWithExtraCells: 0,
    malformedRows: [],
    malformedRowCount: 0,
    csv: format === "csv" ? { encoding: null, bom: false, delimiter: null, replacementCharacters: 0, emptyLines: 0 } : null,
    xlsx: format === "xlsx" ? { sheetName: null } : null,
  };
  const onMalformed = (record: MalformedRecord) => {
    summary.malformedRowCount++;
    if (summary.malformedRows.length < MAX_KEPT_MALFORMED) summary.malformedRows.push(record);
    options.onMalformedRow?.(record);
  };
  const records =
    format === "csv"
      ? readCsvRecords(source, summary.csv!, { delimiter: options.delimiter, maxRecordChars: options.maxRecordChars ?? 256 * 1024, onMalformed })
      : readXlsxRecordsChecked(source, summary.xlsx!);

  let header: SourceRecord | undefined;
  for (;;) {
    const next = await records.next();
    if (next.done) break;
    if (isBlank(next.value.fields)) summary.blankRowsSkipped++;
    else {
      header = next.value;
      break;
    }
  }
  if (!header) {
    await records.return(undefined);
    throw new ImportFileError("no_header", "Le fichier ne contient aucune ligne d'en-tête. / The file has no header row.");
  }
  const headers = headerNames(header.fields);
  summary.headers = headers;
  summary.headerLine = header.line;

  let started = false;
  async function* rows(): AsyncGenerator<RawRow> {
    try {
      for await (const record of { [Symbol.asyncIterator]: () => records }) {
        if (isBlank(record.fields)) {
          summary.blankRowsSkipped++;
          continue;
        }
        const raw: Record<string, string> = Object.create(null);
        for (let i = 0; i < headers.length; i++) raw[headers[i]!] = record.fields[i] ?? "";
        if (record.fields.length > headers.length) {
          let extra = false;
          for (let i = headers.length; i < record.fields.length; i++) {
            const cell = record.fields[i]!;
            if (cell.trim() !== "") {
              raw[`Colonne ${i + 1}`] = cell;
              extra = true;
            }
          }
          if (extra) summary.rowsWithExtraCells++;
        }
        summary.rowsRead++;
        yield { line: record.line, raw };
      }
    } finally {
      await records.return(undefined);
    }
  }

  return {
    format,
    headers,
    summary: () => ({ ...summary, blankRowsSkipped: summary.blankRowsSkipped + (summary.csv?.emptyLines ?? 0) }),
    close: async () => {
      await records.return(undefined);
    },
    [Symbol.asyncIterator]() {
      if (started) throw new Error("An import file can be iterated only once.");
      started = true;
      return rows();
    },
  };
}

/**
 * Header cells → unique names: trimmed; empty ones become "Colonne N" (N is the 1-based column),
 * except trailing empty ones (";;" at the end of every line), which are dropped; a repeated name
 * gets " (2)", " (3)"…
 */
export function headerNames(cells: readonly string[]): string[] {
  const trimmed = cells.map((c) => c.replace(/\s+/g, " ").trim());
  while (trimmed.length > 0 && trimmed[trimmed.length - 1] === "") trimmed.pop();
  const seen = new Map<string, number>();
  return trimmed.map((name, i) => {
    const base = name === "" ? `Colonne ${i + 1}` : name;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base} (${count})`;
  });
}

function isBlank(fields: readonly string[]): boolean {
  for (const f of fields) if (f.trim() !== "") return false;
  return true;
}

async function* readXlsxRecordsChecked(source: Readable, details: XlsxDetails): AsyncGenerator<SourceRecord> {
  try {
    yield* readXlsxRecords(source, details);
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError("unreadable_xlsx", `Fichier XLSX illisible / unreadable XLSX file: ${(error as Error).message}`);
  }
}

const ZIP = Buffer.from("PK\x03\x04", "latin1");
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]); // legacy .xls (Excel 97–2003)

/** Peeks at the first bytes without losing them: the returned stream replays them. */
async function detectFormat(stream: Readable, forced?: ImportFileFormat): Promise<{ format: ImportFileFormat; source: Readable }> {
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const first = await iterator.next();
  if (first.done) throw new ImportFileError("empty_file", "Le fichier est vide. / The file is empty.");
  const head = typeof first.value === "string" ? Buffer.from(first.value) : first.value;
  const source = Readable.from(
    (async function* () {
      yield head;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield typeof next.value === "string" ? Buffer.from(next.value) : next.value;
      }
    })(),
    { objectMode: false },
  );
  // Destroying the replay stream (early stop) must release the original file too.
  source.once("close", () => stream.destroy());
  if (forced) return { format: forced, source };
  if (head.subarray(0, 4).equals(OLE)) {
    source.destroy();
    throw new ImportFileError("xls_unsupported", "Format XLS (Excel 97-2003) non pris en charge : enregistrez en XLSX ou CSV. / XLS (Excel 97-2003) is not supported: save as XLSX or CSV.");
  }
  return { format: head.subarray(0, 4).equals(ZIP) ? "xlsx" : "csv", source };
}
