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

/** Seals a refused row's cells (they may hold personal data). */
export type SealRaw = (line: number, raw: Readonly<Record<string, string>>) => Buffer;

/**
 * One kind of file: how a valid row is prepared, and how a batch is written — in two
 * transactions on two connections, so that one batch's second overlaps the next one's first.
 */
export interface KindProcessor<R, P, W = BatchOutcome> {
  /**
   * A prepared row, or a rejection decided from the row alone. `raw` is the row's cells when the
   * loading side may still refuse it (read/read-rows.ts, keepsRaw), null otherwise.
   */
  prepare(line: number, row: R, raw: Readonly<Record<string, string>> | null, warnings: StoredIssue[]): P | { reject: StoredIssue[] };
  /**
   * Whether `next` belongs with `last`, the row before it, so that a batch is not cut between
   * them (the lines of one order): writing a group in one batch spares the next batch finding
   * what the previous one wrote. Rows far apart in the file still work, only slower.
   */
  sameGroup?(last: P, next: P): boolean;
  /**
   * The batch's first transaction: what the next batches' reading of the database depends on
   * (performances, spectators), or everything for a kind without a second part. It commits
   * before `write` starts. `previousWritten` resolves once the previous batch's `write` has
   * committed (rejects if it failed): await it before touching rows that batch may reference.
   */
  resolve(batch: Batch<P>, seal: SealRaw, previousWritten: () => Promise<void>): Promise<W>;
  /** The batch's second transaction, on the other connection: runs while the next batch resolves. */
  write(resolved: W): Promise<BatchOutcome>;
}
