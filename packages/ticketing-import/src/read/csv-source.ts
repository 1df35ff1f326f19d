// CSV bytes → records, streaming: decode (decode-text.ts), normalise newlines, sniff the
// delimiter on the first lines, then csv-parse. Nothing holds more than a chunk and the sniffing
// sample (64 KiB); csv-parse is pulled by the consumer, so backpressure reaches the file.
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { parse, type CsvError, type Options } from "csv-parse";
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
  const parserOptions: Options<SourceRecord, string[]> = {
    delimiter,
    record_delimiter: "\n",
    relax_column_count: true,
    // Stray quotes inside unquoted fields (Le "Grand" Théâtre) are kept as text.
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: options.maxRecordChars,
    // Runs as each record is parsed (the consumer may lag behind). `lines` is the line where the
    // record ends; its quoted newlines tell how far back it began. (Cheaper than `info: true`,
    // which copies the info object a second time per record.)
    on_record: (fields: string[], context: { lines: number }): SourceRecord => {
      lastEndLine = context.lines;
      let newlines = 0;
      for (const field of fields) if (field.includes("\n")) newlines += field.split("\n").length - 1;
      return { line: context.lines - newlines, fields };
    },
    on_skip: (error: CsvError | undefined) => {
      if (error) options.onMalformed({ line: lastEndLine + 1, code: error.code, message: error.message });
    },
  };
  // csv-parse's typings only let on_record change the record type together with `columns`.
  const parser = parse(parserOptions as unknown as Options);
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
    yield* parser as AsyncIterable<SourceRecord>;
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
