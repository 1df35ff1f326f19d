// What moves between the reading side (parse, validate, normalise) and the loading side (one
// transaction per batch) of an import.
import type { StoredIssue } from "../import-issues";

export interface RejectedEntry {
  line: number;
  issues: StoredIssue[];
  /** The sealed raw row (sealed on the reading side: it may hold personal data). */
  rawSealed: Buffer;
}

export interface Batch<P> {
  /** Rows read in this batch (accepted + rejected). */
  read: number;
  rows: P[];
  rejected: RejectedEntry[];
  /** Bytes of the file read when the batch was cut (progress by bytes). */
  bytesRead: number;
}

export interface BatchOutcome {
  accepted: number;
  /** Rows refused while loading (e.g. an unknown performance reference), added to the batch's. */
  rejected: RejectedEntry[];
  performanceIds: Iterable<string>;
  merges: number;
  spectatorsCreated: number;
}

/** One kind of file: how a valid row is prepared, and how a batch is written. */
export interface KindProcessor<R, P> {
  /** A prepared row, or a rejection decided from the row alone. */
  prepare(line: number, row: R, raw: Readonly<Record<string, string>>, warnings: StoredIssue[]): P | { reject: StoredIssue[] };
  load(batch: Batch<P>, seal: (line: number, raw: Readonly<Record<string, string>>) => Buffer): Promise<BatchOutcome>;
}
