// Per-tenant rollups behind the dashboards, rebuilt for the performances an import touched (or
// for the whole tenant) by delete + insert in the caller's transaction: readers see either the
// old rows or the new ones, never a half-refreshed performance.
import { z } from "zod";
import { type Tx } from "@rappel/db";
import { refreshAudienceRollups } from "./rollup-audience";
import { refreshBuyerRollups } from "./rollup-buyers";
import { refreshSalesRollups } from "./rollup-sales";
import { dropCountedTickets, stageCountedTickets } from "./rollup-tickets";

/** Memory per sort or hash of the refresh transaction (hash tables get twice this by default). */
const REFRESH_WORK_MEM = "128MB";

export type RollupScope = { performanceIds: readonly string[] } | "all";

const ZRollupScope = z.union([
  z.literal("all"),
  z.object({ performanceIds: z.array(z.guid()).max(100_000) }),
]);

export interface RollupRefreshResult {
  dailySalesRows: number;
  performanceDayRows: number;
  orderRows: number;
  audienceRows: number;
}

/**
 * Rebuilds every Ignition rollup for the given performances of one tenant: sales (per day,
 * channel and price category; per day), paid orders with their first-order flags (and the
 * season buyer counts they feed), audience (per commune; per département).
 */
export async function refreshRollups(tx: Tx, tenantId: string, scope: RollupScope): Promise<RollupRefreshResult> {
  const parsed = ZRollupScope.parse(scope);
  const ids = parsed === "all" ? null : [...new Set(parsed.performanceIds)];
  if (ids && ids.length === 0) return { dailySalesRows: 0, performanceDayRows: 0, orderRows: 0, audienceRows: 0 };

  // Two refreshes of one tenant at once would both delete, then collide on insert: serialise them.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`rappel:rollups:${tenantId}`}, 0))`;
  // These aggregates cross the cost threshold of the JIT compiler, which then spends longer
  // compiling than it saves: measured on PostgreSQL 15 over 200,000 tickets, the daily sales
  // aggregate took 2.6–3.0 s with JIT and 1.4–1.5 s without. Off for this transaction only.
  await tx.$executeRaw`SELECT set_config('jit', 'off', true)`;
  // With the default 4 MB the group-bys and sorts spilled to disk (hash aggregates of 33 to 257
  // batches over 200,000 tickets). Refreshes of one tenant are serialised (lock above).
  await tx.$executeRaw`SELECT set_config('work_mem', ${REFRESH_WORK_MEM}, true)`;

  await stageCountedTickets(tx, tenantId, ids);
  const sales = await refreshSalesRollups(tx, tenantId, ids);
  const buyers = await refreshBuyerRollups(tx, tenantId, ids);
  const audience = await refreshAudienceRollups(tx, tenantId, ids);
  await dropCountedTickets(tx);
  return { ...sales, ...buyers, ...audience };
}
