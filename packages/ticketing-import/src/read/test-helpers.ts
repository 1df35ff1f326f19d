// Test helpers (not exported by the package).
import { Readable } from "node:stream";
import iconv from "iconv-lite";
import { openImportFile, type OpenImportFileOptions, type RawRow } from "./open-import-file";

/** A byte stream that delivers `bytes` in chunks of `chunkSize` (1 = the nastiest boundaries). */
export function streamOf(bytes: Buffer, chunkSize = 64 * 1024): Readable {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  return Readable.from(chunks, { objectMode: false });
}

export const utf8 = (text: string) => Buffer.from(text, "utf8");
export const win1252 = (text: string) => iconv.encode(text, "win1252");

export async function readAll(bytes: Buffer, options: OpenImportFileOptions & { chunkSize?: number } = {}) {
  const file = await openImportFile(streamOf(bytes, options.chunkSize), options);
  const rows: RawRow[] = [];
  for await (const row of file) rows.push(row);
  return { headers: file.headers, rows, summary: file.summary(), plain: rows.map((r) => ({ line: r.line, ...r.raw })) };
}
