// A transaction of an import batch (process/write-batches.ts) on one of the import's own
// connections (the application role, subject to row-level security): the tenant is set for the
// transaction, it takes one of the tenant's import locks (below), and commits do not wait for
// the WAL flush — a crash can lose only the last batches of an import that is then not
// "completed", and its retry re-reads the file and converges (upserts).
import type pg from "pg";
import { z } from "zod";

const ZUuid = z.uuid();

/**
 * A UUID as an SQL literal, checked first: for statements sent with the simple protocol, which
 * takes several statements in one round trip but no parameters.
 */
export function uuidLiteral(id: string): string {
  return `'${ZUuid.parse(id)}'::uuid`;
}

export async function inBatchTransaction<T>(
  client: pg.ClientBase,
  tenantId: string,
  options: {
    /**
     * Which of the tenant's two import locks the transaction takes: "resolve" for those that
     * create spectators and performances, "write" for those that write orders and tickets. Each
     * kind is serialised across the tenant's imports (two imports must not both create the same
     * new spectator, nor both take an order for new); one import holds both at once, one per
     * connection (write-batches.ts).
     */
    lock: "resolve" | "write";
  },
  work: () => Promise<T>,
): Promise<T> {
  // One round trip: BEGIN, the tenant, no WAL flush wait, no JIT (a batch's statements cross its
  // cost threshold and compile for longer than they run), then the lock. Values are inlined (the
  // simple protocol takes several statements, not parameters): a checked UUID and a kind.
  const tenant = ZUuid.parse(tenantId);
  try {
    await client.query(
      `BEGIN;
       SELECT set_config('app.tenant_id', '${tenant}', true), set_config('synchronous_commit', 'off', true), set_config('jit', 'off', true),
              pg_advisory_xact_lock(hashtextextended('rappel:import-${options.lock}:${tenant}', 0))`,
    );
    const result = await work();
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}
