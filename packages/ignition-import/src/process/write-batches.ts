// Writes an import's batches, each in two transactions on two connections: the first resolves
// what later batches read back (performances, buyers: processor.resolve), the second writes the
// rest (orders, tickets: processor.write). Batch N's second overlaps batch N+1's first, so
// PostgreSQL works on two cores while the import's thread prepares batch N+2.
//
// Batch N+1's first transaction commits only once batch N's second has, and not at all if a
// cancel was asked by then: what a cancelled import leaves is whole batches, as with one
// transaction per batch. A failure may leave the buyers of the batch being written (the
// first transaction committed, not the second); the import's retry re-reads the file and finds
// them again.
import type pg from "pg";
import { inBatchTransaction } from "../load/batch-transaction";
import { ImportAbortedError } from "./failure";
import { timed, type Profile } from "../profile";
import type { Batch, BatchOutcome, KindProcessor, SealRaw } from "./types";

export interface WriteBatchesInput {
  batches: AsyncIterable<Batch<unknown>>;
  processor: KindProcessor<unknown, unknown, unknown>;
  connections: { resolving: pg.ClientBase; writing: pg.ClientBase };
  tenantId: string;
  importId: string;
  seal: SealRaw;
  /** In the batch's second transaction, after its rows (refused rows, progress); true when a cancel was asked. */
  record: (batch: Batch<unknown>, outcome: BatchOutcome) => Promise<boolean>;
  /** Once the batch's second transaction has committed. */
  afterBatch: () => Promise<void>;
  /** Raised at the worker's shutdown: stop between batches (the job is retried later). */
  signal?: AbortSignal;
  /** Seconds spent resolving, waiting, writing (benchmark): which of the two is the longer. */
  profile?: Profile;
}

const CANCELLED = Symbol("cancelled");
class CancelBatch extends Error {}

export async function writeBatches(input: WriteBatchesInput): Promise<"completed" | "cancelled"> {
  const { connections, tenantId, importId, processor } = input;

  const cancelRequested = async () => {
    const { rows } = await connections.resolving.query<{ cancel_requested: boolean }>(
      `SELECT cancel_requested FROM import_job WHERE tenant_id = $1::uuid AND id = $2::uuid`,
      [tenantId, importId],
    );
    return rows[0]?.cancel_requested ?? false;
  };

  const resolveBatch = async (batch: Batch<unknown>, previous: Promise<boolean> | null): Promise<unknown> => {
    const previousWritten = async () => {
      await previous;
    };
    try {
      return await inBatchTransaction(connections.resolving, tenantId, { lock: "resolve" }, async () => {
        const resolved = await timed(input.profile, "batches.resolve", () => processor.resolve(batch, input.seal, previousWritten));
        if (previous && (await timed(input.profile, "batches.resolve_waits_write", () => previous))) throw new CancelBatch();
        // Asked while the previous batch was written, or by then (its afterBatch).
        if (await cancelRequested()) throw new CancelBatch();
        return resolved;
      });
    } catch (error) {
      if (error instanceof CancelBatch) return CANCELLED;
      throw error;
    }
  };

  const writeBatch = async (batch: Batch<unknown>, resolved: unknown): Promise<boolean> => {
    const cancel = await timed(input.profile, "batches.write", () =>
      inBatchTransaction(connections.writing, tenantId, { lock: "write" }, async () => input.record(batch, await processor.write(resolved))),
    );
    await input.afterBatch();
    return cancel;
  };

  let resolving: Promise<unknown> | null = null;
  let writing: Promise<boolean> | null = null;
  try {
    for await (const batch of input.batches) {
      // At most one batch resolving and one being written while the next one is read; once a
      // batch has resolved, the one before it is written (its commit waited for that).
      if (resolving && (await timed(input.profile, "batches.next_waits_resolve", () => resolving!)) === CANCELLED) return "cancelled";
      if (input.signal?.aborted) throw new ImportAbortedError();
      const previous: Promise<boolean> | null = writing;
      const resolved: Promise<unknown> = resolveBatch(batch, previous);
      resolving = resolved;
      writing = resolved.then((r) => (r === CANCELLED ? true : writeBatch(batch, r)));
      // Handled here so a failure never counts as unhandled while the next batch is read; it is
      // still raised by an `await` above or below.
      resolving.catch(() => undefined);
      writing.catch(() => undefined);
    }
    if (resolving && (await resolving) === CANCELLED) return "cancelled";
    // A cancel that came with the last batch: everything is written, but the person asked to stop.
    return writing && (await writing) ? "cancelled" : "completed";
  } finally {
    // What is still in flight when an error interrupts must settle before the connections close.
    await Promise.allSettled([resolving, writing]);
  }
}
