// The reading side of an import: file → parsed, mapped and validated rows, in chunks (the loop
// that consumes them pays the async iteration per chunk, not per row), with the bytes read so
// far (progress). No database, no keys: refused rows come with their raw cells, sealed by the
// caller.
import { createReadStream } from "node:fs";
import { Transform } from "node:stream";
import { createRowValidator, openImportFile, type FileKind, type MalformedRecord, type RowsByKind, type TColumnMapping } from "@rappel/ticketing-import";
import type { StoredIssue } from "../import-issues";

export interface ReadRowsInput {
  path: string;
  kind: FileKind;
  mapping: TColumnMapping;
  /** The import's clock (rules that depend on today). */
  now: Date;
  /** Rows per chunk. */
  chunkRows: number;
}

type RawCells = Record<string, string>;

/** A row that passed validation. */
export interface ValidRow {
  line: number;
  row: RowsByKind[FileKind];
  warnings: StoredIssue[];
  /** Only when the loading side may still refuse the row and must then keep its cells (keepsRaw). */
  raw: RawCells | null;
}

/** A row the file format or validation refused, with its cells (none for a malformed record). */
export interface RefusedRow {
  line: number;
  issues: StoredIssue[];
  raw: RawCells;
}

export type ReadRow = ValidRow | RefusedRow;

export const isRefused = (r: ReadRow): r is RefusedRow => "issues" in r;

export interface ReadChunk {
  rows: ReadRow[];
  /** Bytes of the file handed to the reader so far (a little ahead of the rows, by its buffers). */
  bytesRead: number;
}

/**
 * Whether a valid row's cells must travel on, for a refusal decided later: any performances row
 * may be refused when written (performances.ts), any spectators row when prepared (one naming
 * nobody once its contact details are read: spectators.ts); a ticket only when its performance
 * is given by reference alone, the one thing the database may not know (tickets.ts). Dropping
 * the others spares a raw record per ticket.
 */
function keepsRaw(kind: FileKind, row: RowsByKind[FileKind]): boolean {
  if (kind !== "tickets") return true;
  const ticket = row as RowsByKind["tickets"];
  return !(ticket.showTitle && ticket.performanceStart && ticket.venue);
}

export async function* readRows(input: ReadRowsInput): AsyncGenerator<ReadChunk> {
  let bytesRead = 0;
  const source = createReadStream(input.path);
  const counted = source.pipe(
    new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytesRead += chunk.length;
        done(null, chunk);
      },
    }),
  );
  source.on("error", (error) => counted.destroy(error));
  const malformed: MalformedRecord[] = [];
  const file = await openImportFile(counted, { onMalformedRow: (m) => malformed.push(m) });
  try {
    const validate = createRowValidator(input.mapping, { now: input.now });
    let rows: ReadRow[] = [];
    const takeMalformed = () => {
      for (const m of malformed.splice(0)) rows.push({ line: m.line, issues: [{ code: "row.malformed", field: "", value: m.message }], raw: {} });
    };
    for await (const { line, raw } of file) {
      const result = validate(raw);
      if (result.ok) rows.push({ line, row: result.row, warnings: result.warnings as StoredIssue[], raw: keepsRaw(input.kind, result.row) ? raw : null });
      else rows.push({ line, issues: result.issues as StoredIssue[], raw });
      takeMalformed();
      if (rows.length >= input.chunkRows) {
        yield { rows, bytesRead };
        rows = [];
      }
    }
    takeMalformed();
    if (rows.length > 0) yield { rows, bytesRead };
  } finally {
    await file.close();
    source.destroy();
  }
}
