import type { TextEncoding } from "./decode-text";
import type { Delimiter } from "./sniff-delimiter";

/** One record of a source file, before headers are applied. */
export interface SourceRecord {
  /** 1-based line (CSV: where the record starts) or row number (XLSX) in the file. */
  line: number;
  fields: string[];
}

/** A record the file format itself could not read (unclosed quote, oversized record…). */
export interface MalformedRecord {
  /** Best known line: where the broken record starts, or the line just after the last good record. */
  line: number;
  /** csv-parse's error code, e.g. CSV_QUOTE_NOT_CLOSED. */
  code: string;
  message: string;
}

export interface CsvDetails {
  encoding: TextEncoding | null;
  bom: boolean;
  delimiter: Delimiter | null;
  /** Bytes that were invalid in the detected encoding and became U+FFFD. */
  replacementCharacters: number;
  /** Empty lines csv-parse skipped (known once reading ends). */
  emptyLines: number;
}

export interface XlsxDetails {
  sheetName: string | null;
}
