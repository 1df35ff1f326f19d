// Buyer KPIs (orders, unique buyers, new vs returning, repeat rate). They count distinct people
// and orders, which no per-performance rollup can add up, so they read ticket and ticket_order
// through the (tenant_id, performance_id), (tenant_id, ordered_at) and (tenant_id, spectator_id)
// indexes, for all periods in one statement.
import { Prisma, type Tx } from "@rappel/db";
import type { TDashboardFilters } from "./filters";
import {
  channelFilter,
  parisStart,
  performanceFilter,
  performanceInPeriod,
  periodsTable,
  type ScopedPeriod,
} from "./scope";

export interface BuyerStats {
  orders: number;
  buyers: number;
  newBuyers: number;
  repeatBuyers: number;
}

/** Counted orders per period: idx, order id, buyer, ordered_at. */
function scopedOrders(tenantId: string, f: TDashboardFilters, periods: ScopedPeriod[]): Prisma.Sql {
  const salesEnd = (upTo: Prisma.Sql) => parisStart(Prisma.sql`${upTo} + 1`);
  if (f.basis === "sale") {
    return Prisma.sql`
      SELECT pr.idx, o.id, o.spectator_id, o.ordered_at
        FROM ${periodsTable(periods)}
        JOIN ticket_order o
          ON o.tenant_id = ${tenantId}::uuid AND o.status = 'paid'
         AND o.ordered_at >= ${parisStart(Prisma.sql`pr.from_day`)}
         AND o.ordered_at < ${salesEnd(Prisma.sql`LEAST(pr.to_day, pr.sales_up_to)`)}
       WHERE EXISTS (
         SELECT 1 FROM ticket t JOIN performance p ON p.tenant_id = t.tenant_id AND p.id = t.performance_id
          WHERE t.tenant_id = ${tenantId}::uuid AND t.order_id = o.id AND t.status = 'valid'
            AND ${channelFilter(Prisma.sql`t.sales_channel`, f)} AND ${performanceFilter(tenantId, f)})`;
  }
  return Prisma.sql`
    SELECT DISTINCT pr.idx, o.id, o.spectator_id, o.ordered_at
      FROM ${periodsTable(periods)}
      JOIN performance p ON ${performanceFilter(tenantId, f)} AND ${performanceInPeriod()}
      JOIN ticket t
        ON t.tenant_id = p.tenant_id AND t.performance_id = p.id AND t.status = 'valid'
       AND ${channelFilter(Prisma.sql`t.sales_channel`, f)}
      JOIN ticket_order o
        ON o.tenant_id = t.tenant_id AND o.id = t.order_id AND o.status = 'paid'
       AND o.ordered_at < ${salesEnd(Prisma.sql`pr.sales_up_to`)}`;
}

export async function getBuyerStats(
  tx: Tx,
  tenantId: string,
  f: TDashboardFilters,
  periods: ScopedPeriod[],
): Promise<BuyerStats[]> {
  // A buyer is new when no paid order of theirs, anywhere in the tenant, precedes their first
  // counted order: their first-ever order is one of the period's.
  const rows = await tx.$queryRaw<{ idx: number; orders: number; buyers: number; new_buyers: number; repeat_buyers: number }[]>`
    WITH o AS MATERIALIZED (${scopedOrders(tenantId, f, periods)}),
    b AS (
      SELECT idx, spectator_id, count(*) AS n, min(ordered_at) AS first_counted
        FROM o WHERE spectator_id IS NOT NULL GROUP BY idx, spectator_id
    ),
    per_buyer AS (
      SELECT b.idx, b.n,
             NOT EXISTS (
               SELECT 1 FROM ticket_order e
                WHERE e.tenant_id = ${tenantId}::uuid AND e.spectator_id = b.spectator_id
                  AND e.status = 'paid' AND e.ordered_at < b.first_counted) AS is_new
        FROM b
    ),
    agg_orders AS (SELECT idx, count(*)::int AS orders FROM o GROUP BY idx),
    agg_buyers AS (
      SELECT idx, count(*)::int AS buyers,
             count(*) FILTER (WHERE is_new)::int AS new_buyers,
             count(*) FILTER (WHERE n >= 2)::int AS repeat_buyers
        FROM per_buyer GROUP BY idx
    )
    SELECT pr.idx, coalesce(ao.orders, 0) AS orders, coalesce(ab.buyers, 0) AS buyers,
           coalesce(ab.new_buyers, 0) AS new_buyers, coalesce(ab.repeat_buyers, 0) AS repeat_buyers
      FROM ${periodsTable(periods)}
      LEFT JOIN agg_orders ao ON ao.idx = pr.idx
      LEFT JOIN agg_buyers ab ON ab.idx = pr.idx
     ORDER BY pr.idx`;
  return rows.map((r) => ({ orders: r.orders, buyers: r.buyers, newBuyers: r.new_buyers, repeatBuyers: r.repeat_buyers }));
}
