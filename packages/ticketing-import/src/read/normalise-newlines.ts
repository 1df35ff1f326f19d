// CRLF and lone CR (old Mac exports) become LF before parsing. csv-parse then sees a single
// record delimiter, which keeps its line counter exact: with several delimiters allowed it
// counts a CRLF inside a quoted field as two lines, and the line numbers shown to people drift.
import { Transform, type TransformCallback } from "node:stream";

export class NormaliseNewlines extends Transform {
  private carriageReturnPending = false;
  /** Whether the text ends with a newline (csv-parse counts the "line" after it as empty). */
  endsWithNewline = false;

  constructor() {
    super({ decodeStrings: false, encoding: "utf8" });
  }

  override _transform(chunk: string, _enc: BufferEncoding, done: TransformCallback): void {
    let text = this.carriageReturnPending ? `\r${chunk}` : chunk;
    // A CR at the very end may be the first half of a CRLF split across chunks.
    this.carriageReturnPending = text.endsWith("\r");
    if (this.carriageReturnPending) text = text.slice(0, -1);
    if (text.includes("\r")) text = text.replace(/\r\n?/g, "\n");
    if (text.length > 0) {
      this.endsWithNewline = text.endsWith("\n");
      this.push(text);
    }
    done();
  }

  override _flush(done: TransformCallback): void {
    if (this.carriageReturnPending) {
      this.endsWithNewline = true;
      this.push("\n");
    }
    done();
  }
}
