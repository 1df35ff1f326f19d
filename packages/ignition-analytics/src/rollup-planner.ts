// Planner settings for a refresh: for its whole transaction (no JIT, more memory per sort), and
// for the rebuild of a large one (joins in bulk). The planner estimates a refresh's tickets well
// (each tenant's partition is analysed after an import) but not what they join, since that needs
// statistics on the partitioned parents, which autovacuum never gathers and ANALYZE only gathers
// over every tenant's partition at once. Guessing a hundred times too many rows, it probed an
// index once per row: over 480,000 tickets, 1.2 s instead of 0.75 s to join them with their
// orders, 1.8 s instead of 0.9 s to find their spectators' communes (the audience statement as a
// whole: 2.2 → 1.35 s).
import type { Tx } from "@rappel/db";
import { refreshedTickets } from "./rollup-tickets";

/** Memory per sort or hash of the refresh transaction (hash tables get twice this by default). */
const REFRESH_WORK_MEM = "128MB";

/** For the refresh's whole transaction (each part of a parallel refresh sets its own). */
export async function setRefreshSettings(tx: Tx): Promise<void> {
  // These aggregates cross the cost threshold of the JIT compiler, which then spends longer
  // compiling than it saves: measured on PostgreSQL 15 over 200,000 tickets, the daily sales
  // aggregate took 2.6–3.0 s with JIT and 1.4–1.5 s without. Off for this transaction only.
  await tx.$executeRaw`SELECT set_config('jit', 'off', true)`;
  // With the default 4 MB the group-bys and sorts spilled to disk (hash aggregates of 33 to 257
  // batches over 200,000 tickets). Refreshes of one tenant are serialised (tenant lock).
  await tx.$executeRaw`SELECT set_config('work_mem', ${REFRESH_WORK_MEM}, true)`;
}

/** From this many tickets a refresh joins in bulk; below, index probes stay far cheaper than reading all the tenant's orders. */
const BULK_JOIN_TICKETS = 50_000;

/** Runs `rebuild` with nested loops off when the performances (null: all) hold many tickets; restores the setting after. */
export async function withBulkJoins<T>(
  tx: Tx,
  tenantId: string,
  ids: readonly string[] | null,
  rebuild: () => Promise<T>,
  /** The threshold; tests move it to take either path with a few tickets. */
  fromTickets = BULK_JOIN_TICKETS,
): Promise<T> {
  if ((await estimatedTickets(tx, tenantId, ids)) < fromTickets) return rebuild();
  const [before] = await tx.$queryRaw<{ value: string }[]>`SELECT current_setting('enable_nestloop') AS value`;
  await tx.$executeRaw`SELECT set_config('enable_nestloop', 'off', true)`;
  const result = await rebuild();
  // The caller's transaction may go on with small look-ups, which want their index probes back.
  // (Should `rebuild` throw, the setting goes with the transaction or savepoint it aborts.)
  await tx.$executeRaw`SELECT set_config('enable_nestloop', ${before!.value}, true)`;
  return result;
}

/** The planner's estimate of the valid tickets of the performances. */
async function estimatedTickets(tx: Tx, tenantId: string, ids: readonly string[] | null): Promise<number> {
  const plan = await tx.$queryRaw<{ "QUERY PLAN": [{ Plan: { "Plan Rows": number } }] }[]>`
    EXPLAIN (FORMAT JSON) SELECT 1 FROM ticket t WHERE ${refreshedTickets(tenantId, ids)}`;
  return plan[0]?.["QUERY PLAN"][0].Plan["Plan Rows"] ?? 0;
}
