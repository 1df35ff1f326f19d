// Buyer KPIs (orders, unique buyers, new vs returning, repeat rate). They count distinct people
// and orders, which no additive rollup can give: they read rollup_order (one row per paid order
// × performance × channel, flagged when it is the buyer's first paid order in the tenant), for
// all periods in one statement. A whole season without other filters — the default view — reads
// rollup_season_buyers instead: a few hundred rows per season.
import { Prisma, type Tx } from "@rappel/db";
import { seasonOf } from "./calendar";
import type { TDashboardFilters } from "./filters";
import { channelFilter, performanceFilter, performanceInPeriod, periodsTable, type ScopedPeriod } from "./scope";

export interface BuyerStats {
  orders: number;
  buyers: number;
  newBuyers: number;
  repeatBuyers: number;
}

/** Counted orders per period: idx, order id, buyer, whether it is the buyer's first paid order. */
function scopedOrders(tenantId: string, f: TDashboardFilters, periods: ScopedPeriod[]): Prisma.Sql {
  const channel = channelFilter(Prisma.sql`r.sales_channel`, f);
  const cols = Prisma.sql`pr.idx, r.order_id, r.spectator_id, bool_or(r.is_first_order) AS is_first`;
  if (f.basis === "sale") {
    return Prisma.sql`
      SELECT ${cols}
        FROM ${periodsTable(periods)}
        JOIN rollup_order r
          ON r.tenant_id = ${tenantId}::uuid AND r.day >= pr.from_day AND r.day <= LEAST(pr.to_day, pr.sales_up_to) AND ${channel}
        JOIN performance p ON p.tenant_id = r.tenant_id AND p.id = r.performance_id
       WHERE ${performanceFilter(tenantId, f)}
       GROUP BY pr.idx, r.order_id, r.spectator_id`;
  }
  return Prisma.sql`
    SELECT ${cols}
      FROM ${periodsTable(periods)}
      JOIN performance p ON ${performanceFilter(tenantId, f)} AND ${performanceInPeriod()}
      JOIN rollup_order r
        ON r.tenant_id = p.tenant_id AND r.performance_id = p.id AND r.day <= pr.sales_up_to AND ${channel}
     GROUP BY pr.idx, r.order_id, r.spectator_id`;
}

/**
 * A buyer is new when their first-ever paid order in the tenant is one of the period's counted
 * orders (no paid order of theirs precedes their first counted one); repeat with two or more.
 */
export async function buyerStatsFromOrders(tx: Tx, tenantId: string, f: TDashboardFilters, periods: ScopedPeriod[]): Promise<BuyerStats[]> {
  const rows = await tx.$queryRaw<{ orders: number; buyers: number; new_buyers: number; repeat_buyers: number }[]>`
    WITH o AS MATERIALIZED (${scopedOrders(tenantId, f, periods)}),
    per_buyer AS (
      SELECT idx, count(*) AS n, bool_or(is_first) AS is_new
        FROM o WHERE spectator_id IS NOT NULL GROUP BY idx, spectator_id
    ),
    agg_orders AS (SELECT idx, count(*)::int AS orders FROM o GROUP BY idx),
    agg_buyers AS (
      SELECT idx, count(*)::int AS buyers,
             count(*) FILTER (WHERE is_new)::int AS new_buyers,
             count(*) FILTER (WHERE n >= 2)::int AS repeat_buyers
        FROM per_buyer GROUP BY idx
    )
    SELECT coalesce(ao.orders, 0) AS orders, coalesce(ab.buyers, 0) AS buyers,
           coalesce(ab.new_buyers, 0) AS new_buyers, coalesce(ab.repeat_buyers, 0) AS repeat_buyers
      FROM ${periodsTable(periods)}
      LEFT JOIN agg_orders ao ON ao.idx = pr.idx
      LEFT JOIN agg_buyers ab ON ab.idx = pr.idx
     ORDER BY pr.idx`;
  return rows.map((r) => ({ orders: r.orders, buyers: r.buyers, newBuyers: r.new_buyers, repeatBuyers: r.repeat_buyers }));
}

/** The season's start year when the view is a whole season by performance date, nothing else. */
function wholeSeason(f: TDashboardFilters, p: ScopedPeriod): number | null {
  const plain = f.basis === "performance" && !f.venueId && !f.showId && !f.genre && !f.salesChannel;
  const season = seasonOf(p.from);
  return plain && season.from === p.from && season.to === p.to ? Number(p.from.slice(0, 4)) : null;
}

/** Season figures cut "à date": the sale days up to salesUpTo, summed. */
async function fromSeasons(tx: Tx, tenantId: string, periods: { season: number; salesUpTo: string }[]): Promise<BuyerStats[]> {
  const values = periods.map((p, idx) => Prisma.sql`(${idx}::int, ${p.season}::smallint, ${p.salesUpTo}::date)`);
  const rows = await tx.$queryRaw<{ orders: number; buyers: number; new_buyers: number; repeat_buyers: number }[]>`
    SELECT coalesce(sum(b.orders), 0)::int AS orders, coalesce(sum(b.buyers), 0)::int AS buyers,
           coalesce(sum(b.new_buyers), 0)::int AS new_buyers, coalesce(sum(b.repeat_buyers), 0)::int AS repeat_buyers
      FROM (VALUES ${Prisma.join(values)}) AS s(idx, season, sales_up_to)
      LEFT JOIN rollup_season_buyers b
        ON b.tenant_id = ${tenantId}::uuid AND b.season = s.season AND b.day <= s.sales_up_to
     GROUP BY s.idx ORDER BY s.idx`;
  return rows.map((r) => ({ orders: r.orders, buyers: r.buyers, newBuyers: r.new_buyers, repeatBuyers: r.repeat_buyers }));
}

export async function getBuyerStats(
  tx: Tx,
  tenantId: string,
  f: TDashboardFilters,
  periods: ScopedPeriod[],
): Promise<BuyerStats[]> {
  const seasons = periods.map((p) => wholeSeason(f, p));
  const general = periods.filter((_, i) => seasons[i] === null);
  const plain = periods.flatMap((p, i) => (seasons[i] === null ? [] : [{ season: seasons[i]!, salesUpTo: p.salesUpTo }]));
  const fromRollupOrder = general.length ? await buyerStatsFromOrders(tx, tenantId, f, general) : [];
  const fromSeasonRollup = plain.length ? await fromSeasons(tx, tenantId, plain) : [];
  let g = 0;
  let s = 0;
  return seasons.map((season) => (season === null ? fromRollupOrder[g++]! : fromSeasonRollup[s++]!));
}
