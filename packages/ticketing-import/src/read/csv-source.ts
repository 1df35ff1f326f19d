// CSV bytes → records, streaming: decode (decode-text.ts), normalise newlines, sniff the
// delimiter on the first lines, then csv-parse. Nothing holds more than a chunk and the sniffing
// sample (64 KiB); csv-parse is pulled by the consumer, so backpressure reaches the file.
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { parse, type CsvError } from "csv-parse";
import { DecodeText } from "./decode-text";
import { NormaliseNewlines } from "./normalise-newlines";
import { sniffDelimiter, type Delimiter } from "./sniff-delimiter";
import type { CsvDetails, MalformedRecord, SourceRecord } from "./types";

const SAMPLE_CHARS = 64 * 1024;
const SAMPLE_LINES = 21;

export interface CsvSourceOptions {
  delimiter?: Delimiter;
  /** Largest record, in characters; a stray opening quote would otherwise swallow the file. */
  maxRecordChars: number;
  onMalformed: (record: MalformedRecord) => void;
}

export async function* readCsvRecords(source: Readable, details: CsvDetails, options: CsvSourceOptions): AsyncGenerator<SourceRecord> {
  const decoder = new DecodeText();
  const text = new NormaliseNewlines();
  const decoding = pipeline(source, decoder, text);
  // The text iterator rejects with the same error; avoid an unhandled rejection here.
  decoding.catch(() => undefined);
  const chunks = text[Symbol.asyncIterator]() as AsyncIterator<string>;

  const sample: string[] = [];
  let sampleChars = 0;
  let sampleLines = 0;
  let ended = false;
  while (sampleChars < SAMPLE_CHARS && sampleLines < SAMPLE_LINES) {
    const next = await chunks.next();
    if (next.done) {
      ended = true;
      break;
    }
    sample.push(next.value);
    sampleChars += next.value.length;
    sampleLines += next.value.split("\n").length - 1;
  }
  const delimiter = options.delimiter ?? sniffDelimiter(sample.join(""));
  details.delimiter = delimiter;

  let lastEndLine = 0;
  const parser = parse({
    delimiter,
    record_delimiter: "\n",
    info: true,
    relax_column_count: true,
    // Stray quotes inside unquoted fields (Le "Grand" Théâtre) are kept as text.
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: options.maxRecordChars,
    // Runs as records are parsed (the consumer may lag behind), so a later error knows where
    // the last good record ended.
    on_record: (record: string[], context: { lines: number }) => {
      lastEndLine = context.lines;
      return record;
    },
    on_skip: (error: CsvError | undefined) => {
      if (error) options.onMalformed({ line: lastEndLine + 1, code: error.code, message: error.message });
    },
  });
  const feed = Readable.from(
    (async function* () {
      yield* sample;
      if (ended) return;
      for (;;) {
        const next = await chunks.next();
        if (next.done) return;
        yield next.value;
      }
    })(),
    { objectMode: false },
  );
  const parsing = pipeline(feed, parser);
  parsing.catch(() => undefined);

  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      // info.lines is the line where the record ends; quoted newlines tell how far back it began.
      let newlines = 0;
      for (const field of record) if (field.includes("\n")) newlines += field.split("\n").length - 1;
      yield { line: info.lines - newlines, fields: record };
    }
    await parsing;
    await decoding;
  } finally {
    details.encoding = decoder.info.encoding;
    details.bom = decoder.info.bom;
    details.replacementCharacters = decoder.info.replacementCharacters;
    details.emptyLines = Math.max(0, parser.info.empty_lines - (text.endsWithNewline ? 1 : 0));
    // Stopping early (preview, cancellation) must release the file.
    parser.destroy();
    source.destroy();
  }
}
