// Per-tenant rollups behind the dashboards, rebuilt for the performances an import touched (or
// for the whole tenant) by delete + insert in the caller's transaction: readers see either the
// old rows or the new ones, never a half-refreshed performance. A large import refreshes its
// performances in parallel parts instead (refreshRollupsInParallel).
import { z } from "zod";
import { withTenant, type Database, type Tx } from "@rappel/db";
import { refreshAudienceRollups } from "./rollup-audience";
import { rebuildOrders, rebuildSeasons, reflagTouchedBuyers } from "./rollup-buyers";
import { setRefreshSettings, withBulkJoins } from "./rollup-planner";
import { refreshSalesRollups } from "./rollup-sales";
import { dropCountedTickets, stageCountedTickets } from "./rollup-tickets";

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

  await lockTenantRollups(tx, tenantId);
  await setRefreshSettings(tx);
  const reflagged = ids ? await reflagTouchedBuyers(tx, tenantId, ids) : [];
  const { counts, seasons } = await rebuildPerformanceRollups(tx, tenantId, ids);
  await rebuildChangedSeasons(tx, tenantId, ids ? [...reflagged, ...seasons] : null);
  return counts;
}

/**
 * Every family kept per performance (sales, paid orders with their first-order flags, audience),
 * from one pass over the counted tickets; returns the seasons whose order rows changed. The season
 * buyer counts are not per performance: rebuildChangedSeasons, once the order rows are final.
 * Re-flagging the touched buyers' rows elsewhere (reflagTouchedBuyers) must read the order rows
 * before this rebuilds them.
 */
async function rebuildPerformanceRollups(
  tx: Tx,
  tenantId: string,
  ids: readonly string[] | null,
): Promise<{ counts: RollupRefreshResult; seasons: number[] }> {
  return withBulkJoins(tx, tenantId, ids, async () => {
    await stageCountedTickets(tx, tenantId, ids);
    const sales = await refreshSalesRollups(tx, tenantId, ids);
    const orders = await rebuildOrders(tx, tenantId, ids);
    const audience = await refreshAudienceRollups(tx, tenantId, ids);
    await dropCountedTickets(tx);
    return { counts: { ...sales, ...audience, orderRows: orders.rows }, seasons: orders.seasons };
  });
}

/** The season buyer counts of the seasons given (null: all of them). */
async function rebuildChangedSeasons(tx: Tx, tenantId: string, seasons: number[] | null): Promise<void> {
  if (seasons === null) return rebuildSeasons(tx, tenantId, null);
  const changed = [...new Set(seasons)];
  if (changed.length > 0) await rebuildSeasons(tx, tenantId, changed);
}

/** Two refreshes of one tenant at once would both delete, then collide on insert: serialise them. */
async function lockTenantRollups(tx: Tx, tenantId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`rappel:rollups:${tenantId}`}, 0))`;
}

export interface ParallelRefreshOptions {
  /** Transactions refreshing a share of the performances at once (PostgreSQL runs one statement per core). */
  parts?: number;
  timeoutMs?: number;
  /** Runs in the coordinating transaction once every part has committed (an import marks itself completed). */
  finish?: (tx: Tx) => Promise<void>;
}

/**
 * The same rebuild as refreshRollups for a list of performances, split into `parts` transactions
 * that run at once, each on its own connection: a refresh is one backend's work otherwise, and
 * after a large import it is the longest step left while the other cores idle.
 *
 * A coordinating transaction holds the tenant's refresh lock throughout (other refreshes wait, as
 * for refreshRollups), re-flags the rows of the touched buyers outside the list (rows no part
 * writes), waits for the parts, then rebuilds the season buyer counts from the rows the parts
 * committed and runs `finish`. Each part rebuilds the per-performance families for its share.
 * Readers may see some parts' performances refreshed before others'; if a part fails, the
 * error is raised and the caller refreshes again (every refresh is a full rebuild of its scope).
 */
export async function refreshRollupsInParallel(
  db: Database,
  tenantId: string,
  performanceIds: readonly string[],
  options: ParallelRefreshOptions = {},
): Promise<RollupRefreshResult> {
  ZRollupScope.parse({ performanceIds });
  const ids = [...new Set(performanceIds)];
  const partCount = Math.min(options.parts ?? 2, ids.length);
  const timeoutMs = options.timeoutMs;
  return withTenant(
    db,
    tenantId,
    async (tx) => {
      await lockTenantRollups(tx, tenantId);
      await setRefreshSettings(tx);
      const reflagged = ids.length > 0 ? await reflagTouchedBuyers(tx, tenantId, ids) : [];
      const shares = Array.from({ length: partCount }, (_, i) => ids.filter((_, j) => j % partCount === i));
      const parts = await Promise.all(
        shares.map((share) =>
          withTenant(
            db,
            tenantId,
            async (part) => {
              await setRefreshSettings(part);
              return rebuildPerformanceRollups(part, tenantId, share);
            },
            { timeoutMs },
          ),
        ),
      );
      await rebuildChangedSeasons(tx, tenantId, [...reflagged, ...parts.flatMap((p) => p.seasons)]);
      await options.finish?.(tx);
      const sum = (key: keyof RollupRefreshResult) => parts.reduce((s, p) => s + p.counts[key], 0);
      return { dailySalesRows: sum("dailySalesRows"), performanceDayRows: sum("performanceDayRows"), orderRows: sum("orderRows"), audienceRows: sum("audienceRows") };
    },
    { timeoutMs },
  );
}
