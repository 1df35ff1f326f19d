// PostgreSQL COPY text format, written by hand because it is three rules (tab between fields,
// newline between rows, \N for NULL) plus backslash escapes; then streamed with pg-copy-streams.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

const SPECIAL = /[\\\t\n\r]/;

export function copyText(value: string | null | undefined): string {
  if (value === null || value === undefined) return "\\N";
  if (!SPECIAL.test(value)) return value;
  return value.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
}

/** bytea as hex input (`\x…`), its backslash escaped for COPY. */
export function copyBytes(value: Uint8Array | null | undefined): string {
  if (!value) return "\\N";
  return `\\\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("hex")}`;
}

/** A blind index already in hex. */
export function copyHexBytes(hex: string | null | undefined): string {
  return hex ? `\\\\x${hex}` : "\\N";
}

export function copyNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? "\\N" : String(value);
}

export function copyBool(value: boolean): string {
  return value ? "t" : "f";
}

export function copyDate(value: Date | null | undefined): string {
  return value ? value.toISOString() : "\\N";
}

/** Streams rows (each an array of already-encoded fields) into `table` with COPY FROM STDIN. */
export async function copyRows(client: pg.ClientBase, table: string, columns: readonly string[], rows: Iterable<string[]>): Promise<void> {
  await copyLines(client, table, columns, (function* () {
    for (const row of rows) yield row.join("\t");
  })());
}

/** The same with each row's fields already joined by tabs (built ahead, off the transaction's path); an item may hold several rows, one per line. */
export async function copyLines(client: pg.ClientBase, table: string, columns: readonly string[], lines: Iterable<string>): Promise<void> {
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(", ")}) FROM STDIN`));
  async function* chunks() {
    let chunk = "";
    for (const line of lines) {
      chunk += `${line}\n`;
      if (chunk.length > 256 * 1024) {
        yield chunk;
        chunk = "";
      }
    }
    if (chunk) yield chunk;
  }
  await pipeline(Readable.from(chunks()), stream);
}
