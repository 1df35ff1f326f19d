// The workbook's shared-strings table, kept on disk instead of in the heap: text cells point
// into it by index, so it must be held while the sheet is read, and exceljs's own cache costs
// ~0.5 KB of heap per distinct string (100,000 rows with two unique strings each took ~110 MB).
// Here each string is appended to a temp file; the heap keeps 8 bytes of offset per string and
// a small cache of recent look-ups (show titles and price categories repeat on every row).
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const WRITE_BLOCK = 1 << 20;
const CACHE_SIZE = 4_096;

export class SharedStringSpool {
  private readonly dir = mkdtempSync(join(tmpdir(), "rappel-xlsx-strings-"));
  private readonly fd = openSync(join(this.dir, "strings"), "w+");
  /** Start offset of string i at [i], end at [i + 1]. */
  private offsets = new Float64Array(1_024);
  private count = 0;
  private written = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private readonly cache = new Map<number, string>();

  get size(): number {
    return this.count;
  }

  append(text: string): void {
    const bytes = Buffer.from(text, "utf8");
    if (this.count + 2 > this.offsets.length) {
      const grown = new Float64Array(this.offsets.length * 2);
      grown.set(this.offsets);
      this.offsets = grown;
    }
    const start = this.written + this.pendingBytes;
    this.offsets[this.count] = start;
    this.offsets[this.count + 1] = start + bytes.length;
    this.count += 1;
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= WRITE_BLOCK) this.flush();
  }

  /** The string at `index`; "" for an index the table does not have (a damaged workbook). */
  get(index: number): string {
    if (!Number.isInteger(index) || index < 0 || index >= this.count) return "";
    const cached = this.cache.get(index);
    if (cached !== undefined) {
      // Re-insert: a Map iterates in insertion order, so the oldest entry is the first key.
      this.cache.delete(index);
      this.cache.set(index, cached);
      return cached;
    }
    this.flush();
    const start = this.offsets[index]!;
    const length = this.offsets[index + 1]! - start;
    const buffer = Buffer.allocUnsafe(length);
    let read = 0;
    while (read < length) read += readSync(this.fd, buffer, read, length - read, start + read);
    const text = buffer.toString("utf8");
    this.cache.set(index, text);
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    return text;
  }

  close(): void {
    closeSync(this.fd);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private flush(): void {
    if (this.pendingBytes === 0) return;
    const block = Buffer.concat(this.pending, this.pendingBytes);
    let done = 0;
    while (done < block.length) done += writeSync(this.fd, block, done, block.length - done, this.written + done);
    this.written += block.length;
    this.pending = [];
    this.pendingBytes = 0;
  }
}
