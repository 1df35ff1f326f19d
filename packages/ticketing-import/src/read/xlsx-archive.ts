// An XLSX file is a zip archive. Its parts are found through the archive's central directory
// (yauzl), not by reading local headers in one streaming pass: exceljs's streaming reader does the
// latter through unzipper and, under load, loses whole parts (styles, workbook; exceljs#3064),
// which turns dates into numbers or fails the file at random. The central directory sits at the
// end of the file, so the upload's bytes are first spooled to a temporary file (the compressed
// size, on disk: memory stays flat).
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import yauzl from "yauzl";

export class XlsxArchive {
  private constructor(
    private readonly zip: yauzl.ZipFile,
    /** Entries by lower-cased name: OPC part names are case-insensitive. */
    private readonly entries: Map<string, yauzl.Entry>,
    private readonly spoolDir: string,
  ) {}

  /** Spools `source` to disk and reads the archive's directory. Close it when done. */
  static async open(source: Readable): Promise<XlsxArchive> {
    const spoolDir = await mkdtemp(join(tmpdir(), "rappel-xlsx-"));
    try {
      const path = join(spoolDir, "upload.xlsx");
      await pipeline(source, createWriteStream(path));
      const zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false });
      const entries = await readDirectory(zip);
      return new XlsxArchive(zip, entries, spoolDir);
    } catch (error) {
      await rm(spoolDir, { recursive: true, force: true });
      throw error;
    }
  }

  has(name: string): boolean {
    return this.entries.has(name.toLowerCase());
  }

  /** The part's uncompressed bytes as a stream. */
  async stream(name: string): Promise<Readable> {
    const entry = this.entries.get(name.toLowerCase());
    if (!entry) throw new Error(`the archive has no part ${name}`);
    return this.zip.openReadStreamPromise(entry);
  }

  async close(): Promise<void> {
    this.zip.close();
    await rm(this.spoolDir, { recursive: true, force: true });
  }
}

function readDirectory(zip: yauzl.ZipFile): Promise<Map<string, yauzl.Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, yauzl.Entry>();
    zip.on("entry", (entry: yauzl.Entry) => {
      entries.set(entry.fileName.toLowerCase(), entry);
      zip.readEntry();
    });
    zip.once("end", () => resolve(entries));
    zip.once("error", (error: Error) => {
      zip.close();
      reject(error);
    });
    zip.readEntry();
  });
}
