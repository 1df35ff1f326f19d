// Bytes → text for CSV files whose encoding nobody declares. Rule: a byte-order mark decides;
// otherwise the file is UTF-8 if its bytes are valid UTF-8, else Windows-1252. The two
// encodings French exports come in are told apart almost perfectly by UTF-8 validity (accented
// Windows-1252 text is essentially never valid UTF-8), which a statistical detector such as
// chardet only approximates, and it tends to answer ISO-8859-1 where € and œ need Windows-1252.
// Latin-1 files decode identically as Windows-1252 (they only differ on 0x80–0x9F, which are
// unused control codes in Latin-1).
//
// The decision is made lazily, at the first non-ASCII byte, on the rest of the chunk holding it
// (up to 64 KiB): ASCII reads the same in both, so what was emitted before stays right. If a
// "UTF-8" file later turns out to hold invalid bytes they become U+FFFD and are counted, so the
// import can warn instead of silently mangling names.
import { Transform, type TransformCallback } from "node:stream";
import { isUtf8 } from "node:buffer";
import iconv from "iconv-lite";

export type TextEncoding = "utf-8" | "windows-1252" | "utf-16le" | "utf-16be";

export interface DecodeInfo {
  /** Null until a BOM or a non-ASCII byte was seen (a pure-ASCII file never needs to decide). */
  encoding: TextEncoding | null;
  bom: boolean;
  /** U+FFFD characters produced, i.e. bytes that were not valid in the chosen encoding. */
  replacementCharacters: number;
}

const BOMS: ReadonlyArray<[Buffer, TextEncoding]> = [
  [Buffer.from([0xef, 0xbb, 0xbf]), "utf-8"],
  [Buffer.from([0xff, 0xfe]), "utf-16le"],
  [Buffer.from([0xfe, 0xff]), "utf-16be"],
];

// Enough bytes to judge the first non-ASCII sequence (a UTF-8 character is at most 4 bytes).
const MIN_JUDGE_BYTES = 64;

export class DecodeText extends Transform {
  readonly info: DecodeInfo = { encoding: null, bom: false, replacementCharacters: 0 };
  private decoder: { write(buf: Buffer): string; end(): string | undefined } | null = null;
  private pending: Buffer = Buffer.alloc(0);
  private start = true;

  constructor() {
    super({ readableObjectMode: false, decodeStrings: true, encoding: "utf8" });
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      this.consume(chunk, false);
      done();
    } catch (error) {
      done(error as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      this.consume(Buffer.alloc(0), true);
      const tail = this.decoder?.end();
      if (tail) this.pushText(tail);
      done();
    } catch (error) {
      done(error as Error);
    }
  }

  private consume(chunk: Buffer, ending: boolean): void {
    if (this.decoder) {
      this.pushText(this.decoder.write(chunk));
      return;
    }
    let bytes = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = Buffer.alloc(0);
    if (this.start) {
      if (bytes.length < 3 && !ending) {
        this.pending = bytes;
        return;
      }
      this.start = false;
      const bom = BOMS.find(([mark]) => bytes.subarray(0, mark.length).equals(mark));
      if (bom) {
        this.info.bom = true;
        this.choose(bom[1]);
        this.pushText(this.decoder!.write(bytes.subarray(bom[0].length)));
        return;
      }
    }
    const firstHigh = bytes.findIndex((b) => b >= 0x80);
    if (firstHigh === -1) {
      this.pushText(bytes.toString("latin1"));
      return;
    }
    if (bytes.length - firstHigh < MIN_JUDGE_BYTES && !ending) {
      this.pushText(bytes.subarray(0, firstHigh).toString("latin1"));
      this.pending = bytes.subarray(firstHigh);
      return;
    }
    this.pushText(bytes.subarray(0, firstHigh).toString("latin1"));
    bytes = bytes.subarray(firstHigh);
    this.choose(isUtf8(withoutIncompleteTail(bytes)) ? "utf-8" : "windows-1252");
    this.pushText(this.decoder!.write(bytes));
  }

  private choose(encoding: TextEncoding): void {
    this.info.encoding = encoding;
    // stripBOM is handled above; iconv-lite's stateful decoder keeps split multi-byte
    // sequences across chunks.
    this.decoder = iconv.getDecoder(encoding, { stripBOM: false });
  }

  private pushText(text: string): void {
    if (text.length === 0) return;
    if (text.includes("\uFFFD")) this.info.replacementCharacters += text.split("\uFFFD").length - 1;
    this.push(text);
  }
}

/** Drops a UTF-8 sequence cut off by the end of the sample, so validity is judged fairly. */
function withoutIncompleteTail(bytes: Buffer): Buffer {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const b = bytes[bytes.length - back]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    const needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return needed > back ? bytes.subarray(0, bytes.length - back) : bytes;
  }
  return bytes;
}
