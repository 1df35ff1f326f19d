// Planner settings for a refresh. Tell the planner to hash (or merge) its joins when the refresh
// covers many tickets: it estimates the tickets well (each tenant's partition is analysed after
// an import) but not what they join, since that needs statistics on the partitioned parents,
// which autovacuum never gathers and ANALYZE only gathers over every tenant's partition at once.
// Guessing a hundred times too many rows, it probed an index once per row instead: over 480,000
// tickets, 1.2 s instead of 0.75 s to join them with their orders, 1.8 s instead of 0.9 s to
// find their spectators' communes (the audience statement as a whole: 2.2 → 1.35 s).
import { Prisma, type Tx } from "@rappel/db";
import { onlyPerformances } from "./rollup-sql";

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
    EXPLAIN (FORMAT JSON) SELECT 1 FROM ticket t
     WHERE t.tenant_id = ${tenantId}::uuid ${onlyPerformances(Prisma.sql`t.performance_id`, ids)} AND t.status = 'valid'`;
  return plan[0]?.["QUERY PLAN"][0].Plan["Plan Rows"] ?? 0;
}
