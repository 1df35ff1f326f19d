// The overview KPIs for a period, the previous period and the same period last season.
import { Prisma, type Tx } from "@rappel/db";
import { addDays, minusOneYear, parisDay } from "./calendar";
import { getBuyerStats, type BuyerStats } from "./buyers";
import { lastSeasonPeriod, periodDays, previousPeriod, type TDashboardFilters } from "./filters";
import { KPI_DEFINITIONS, KPI_KEYS, type KpiKey, type KpiUnit } from "./kpi-definitions";
import { periodsTable, scopedPerformances, scopedSales, type ScopedPeriod } from "./scope";

export interface KpiComparison {
  key: KpiKey;
  definitionKey: string;
  unit: KpiUnit;
  current: number | null;
  previous: number | null;
  lastSeason: number | null;
}

export interface OverviewKpis {
  periods: { current: ScopedPeriod; previous: ScopedPeriod; lastSeason: ScopedPeriod };
  kpis: Record<KpiKey, KpiComparison>;
}

interface SalesTotals {
  revenue: number;
  tickets: number;
  complimentary: number;
  leadDaysSum: number;
  sellable: number;
  fillTickets: number;
  potentialRevenue: number;
  potentialBase: number;
}

/** The three periods, each cut "à date": sales up to the same offset as today is in the current one. */
export function comparisonPeriods(f: TDashboardFilters, now: Date): OverviewKpis["periods"] {
  const today = parisDay(now);
  return {
    current: { from: f.from, to: f.to, salesUpTo: today },
    previous: { ...previousPeriod(f), salesUpTo: addDays(today, -periodDays(f)) },
    lastSeason: { ...lastSeasonPeriod(f), salesUpTo: minusOneYear(today) },
  };
}

/**
 * Sales per period and performance (idx, performance_id, tickets, complimentary, revenue,
 * lead_days_sum), given the `perfs` CTE. By performance date without channel filter, a
 * performance's totals serve whenever the period's sales cut falls after its last sale (every
 * performance of the current period, most of the earlier ones); only the others sum their days.
 */
function salesPerPerformance(tenantId: string, f: TDashboardFilters, periods: ScopedPeriod[]): Prisma.Sql {
  if (f.basis === "sale" || f.salesChannel) {
    return Prisma.sql`
      SELECT idx, performance_id, sum(tickets) AS tickets, sum(complimentary) AS complimentary,
             sum(revenue_cents) AS revenue, sum(lead_days_sum) AS lead_days_sum
        FROM (${scopedSales(tenantId, f, periods)}) s GROUP BY idx, performance_id`;
  }
  const pick = (column: string) =>
    Prisma.sql`CASE WHEN t.last_sale_day <= pr.sales_up_to THEN t.${Prisma.raw(column)} ELSE d.${Prisma.raw(column)} END`;
  return Prisma.sql`
    SELECT pf.idx, pf.id AS performance_id, ${pick("tickets")} AS tickets, ${pick("complimentary")} AS complimentary,
           ${pick("revenue_cents")} AS revenue, ${pick("lead_days_sum")} AS lead_days_sum
      FROM perfs pf
      JOIN ${periodsTable(periods)} ON pr.idx = pf.idx
      JOIN rollup_performance t ON t.tenant_id = ${tenantId}::uuid AND t.performance_id = pf.id
      LEFT JOIN LATERAL (
        SELECT sum(r.tickets) AS tickets, sum(r.complimentary) AS complimentary, sum(r.revenue_cents) AS revenue_cents,
               sum(r.lead_days_sum) AS lead_days_sum
          FROM rollup_performance_day r
         WHERE t.last_sale_day > pr.sales_up_to
           AND r.tenant_id = ${tenantId}::uuid AND r.performance_id = pf.id AND r.day <= pr.sales_up_to
      ) d ON TRUE`;
}

async function getSalesTotals(tx: Tx, tenantId: string, f: TDashboardFilters, periods: ScopedPeriod[]): Promise<SalesTotals[]> {
  const rows = await tx.$queryRaw<
    {
      idx: number;
      revenue: number | null;
      tickets: number | null;
      complimentary: number | null;
      lead_days_sum: number | null;
      sellable: number | null;
      fill_tickets: number | null;
      potential_revenue: number | null;
      potential_base: number | null;
    }[]
  >`
    WITH perfs AS MATERIALIZED (${scopedPerformances(tenantId, f, periods)}),
    per_perf AS (${salesPerPerformance(tenantId, f, periods)}),
    -- Highest price observed per performance, over all its sales (any day, channel, period).
    top_price AS (
      SELECT r.performance_id, r.top_price_cents AS price
        FROM rollup_performance r
       WHERE r.tenant_id = ${tenantId}::uuid
         AND r.performance_id IN (SELECT id FROM perfs WHERE NOT cancelled)
    ),
    sold AS (
      SELECT pp.idx,
             sum(pp.revenue)::float8 AS revenue, sum(pp.tickets)::float8 AS tickets,
             sum(pp.complimentary)::float8 AS complimentary, sum(pp.lead_days_sum)::float8 AS lead_days_sum,
             coalesce(sum(pp.tickets) FILTER (WHERE NOT pf.cancelled), 0)::float8 AS fill_tickets,
             coalesce(sum(pp.revenue) FILTER (WHERE NOT pf.cancelled), 0)::float8 AS potential_base
        FROM per_perf pp JOIN perfs pf ON pf.idx = pp.idx AND pf.id = pp.performance_id
       GROUP BY pp.idx
    ),
    capacity AS (
      SELECT pf.idx,
             coalesce(sum(pf.sellable) FILTER (WHERE NOT pf.cancelled), 0)::float8 AS sellable,
             coalesce(sum(pf.sellable * tp.price) FILTER (WHERE NOT pf.cancelled), 0)::float8 AS potential_revenue
        FROM perfs pf LEFT JOIN top_price tp ON tp.performance_id = pf.id
       GROUP BY pf.idx
    )
    SELECT pr.idx, s.revenue, s.tickets, s.complimentary, s.lead_days_sum, s.fill_tickets, s.potential_base,
           c.sellable, c.potential_revenue
      FROM ${periodsTable(periods)}
      LEFT JOIN sold s ON s.idx = pr.idx
      LEFT JOIN capacity c ON c.idx = pr.idx
     ORDER BY pr.idx`;
  return rows.map((r) => ({
    revenue: r.revenue ?? 0,
    tickets: r.tickets ?? 0,
    complimentary: r.complimentary ?? 0,
    leadDaysSum: r.lead_days_sum ?? 0,
    sellable: r.sellable ?? 0,
    fillTickets: r.fill_tickets ?? 0,
    potentialRevenue: r.potential_revenue ?? 0,
    potentialBase: r.potential_base ?? 0,
  }));
}

/** Σ distance and spectators with a known distance, per period (from rollup_audience_departement). */
async function getDistanceTotals(
  tx: Tx,
  tenantId: string,
  f: TDashboardFilters,
  periods: ScopedPeriod[],
): Promise<{ km: number; spectators: number }[]> {
  const rows = await tx.$queryRaw<{ idx: number; km: number | null; spectators: number | null }[]>`
    WITH perfs AS (${scopedPerformances(tenantId, f, periods)})
    SELECT pr.idx, sum(a.distance_km_sum)::float8 AS km, sum(a.spectators)::float8 AS spectators
      FROM ${periodsTable(periods)}
      LEFT JOIN perfs pf ON pf.idx = pr.idx
      LEFT JOIN performance p ON p.tenant_id = ${tenantId}::uuid AND p.id = pf.id
      LEFT JOIN venue v ON v.tenant_id = p.tenant_id AND v.id = p.venue_id
      LEFT JOIN rollup_audience_departement a
        ON a.tenant_id = ${tenantId}::uuid AND a.performance_id = pf.id AND a.departement <> ''
       AND v.latitude IS NOT NULL AND v.longitude IS NOT NULL
     GROUP BY pr.idx ORDER BY pr.idx`;
  return rows.map((r) => ({ km: r.km ?? 0, spectators: r.spectators ?? 0 }));
}

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

function kpiValues(s: SalesTotals, b: BuyerStats, d: { km: number; spectators: number }): Record<KpiKey, number | null> {
  const paid = s.tickets - s.complimentary;
  return {
    revenue: s.revenue,
    tickets: s.tickets,
    orders: b.orders,
    averageTicketPrice: ratio(s.revenue, paid),
    fillRate: ratio(s.fillTickets, s.sellable),
    potentialRevenueUsed: ratio(s.potentialBase, s.potentialRevenue),
    complimentaryTickets: s.complimentary,
    uniqueBuyers: b.buyers,
    newBuyers: b.newBuyers,
    returningBuyers: b.buyers - b.newBuyers,
    repeatRate: ratio(b.repeatBuyers, b.buyers),
    averageLeadDays: ratio(s.leadDaysSum, s.tickets),
    averageDistanceKm: ratio(d.km, d.spectators),
  };
}

/**
 * All overview KPIs. `filters` come from parseDashboardFilters; `now` decides "today" for the
 * like-for-like cut of the comparison periods. Runs inside the caller's withTenant transaction.
 */
export async function getOverviewKpis(tx: Tx, tenantId: string, filters: TDashboardFilters, now: Date): Promise<OverviewKpis> {
  const periods = comparisonPeriods(filters, now);
  const list = [periods.current, periods.previous, periods.lastSeason];
  // For a whole season the previous period and last season are the same: compute it once.
  const keyOf = (p: ScopedPeriod) => `${p.from}/${p.to}/${p.salesUpTo}`;
  const unique = [...new Map(list.map((p) => [keyOf(p), p])).values()];
  const sales = await getSalesTotals(tx, tenantId, filters, unique);
  const buyers = await getBuyerStats(tx, tenantId, filters, unique);
  const distance = await getDistanceTotals(tx, tenantId, filters, unique);
  const values = list.map((p) => {
    const i = unique.findIndex((u) => keyOf(u) === keyOf(p));
    return kpiValues(sales[i]!, buyers[i]!, distance[i]!);
  });
  const kpis = Object.fromEntries(
    KPI_KEYS.map((key) => {
      const def = KPI_DEFINITIONS[key];
      const kpi: KpiComparison = {
        key,
        definitionKey: def.i18nKey,
        unit: def.unit,
        current: values[0]![key],
        previous: values[1]![key],
        lastSeason: values[2]![key],
      };
      return [key, kpi];
    }),
  ) as Record<KpiKey, KpiComparison>;
  return { periods, kpis };
}
