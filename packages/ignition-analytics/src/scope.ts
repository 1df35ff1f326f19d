// SQL fragments shared by the dashboard queries: which performances and which rollup rows a set
// of filters selects, for one or several periods at once (the current period and its two
// comparisons are computed in one statement, so the tables are read once, not three times).
import { Prisma } from "@rappel/db";
import { PARIS, type IsoDay } from "./calendar";
import type { TDashboardFilters } from "./filters";

/** A period plus the last sale day it may count (comparisons are like-for-like, "à date"). */
export interface ScopedPeriod {
  from: IsoDay;
  to: IsoDay;
  salesUpTo: IsoDay;
}

/** The instant a Paris calendar day starts, as SQL (timestamptz). */
export function parisStart(day: Prisma.Sql | IsoDay): Prisma.Sql {
  const d = typeof day === "string" ? Prisma.sql`${day}::date` : day;
  return Prisma.sql`((${d})::timestamp AT TIME ZONE ${PARIS})`;
}

/** The Paris calendar day of a timestamptz column, as SQL (date). */
export function parisDayOf(column: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`((${column} AT TIME ZONE ${PARIS})::date)`;
}

/** `(VALUES …) AS <alias>(idx, from_day, to_day, sales_up_to)`, one row per period. */
export function periodsTable(periods: ScopedPeriod[], alias = "pr"): Prisma.Sql {
  const rows = periods.map(
    (p, idx) => Prisma.sql`(${idx}::int, ${p.from}::date, ${p.to}::date, ${p.salesUpTo}::date)`,
  );
  return Prisma.sql`(VALUES ${Prisma.join(rows)}) AS ${Prisma.raw(alias)}(idx, from_day, to_day, sales_up_to)`;
}

/**
 * Conditions on performance `p` for the venue, show and genre filters (the tenant included:
 * queries filter by tenant explicitly, row-level security is the safety net).
 */
export function performanceFilter(tenantId: string, f: Pick<TDashboardFilters, "venueId" | "showId" | "genre">): Prisma.Sql {
  const parts = [Prisma.sql`p.tenant_id = ${tenantId}::uuid`];
  if (f.venueId) parts.push(Prisma.sql`p.venue_id = ${f.venueId}::uuid`);
  if (f.showId) parts.push(Prisma.sql`p.show_id = ${f.showId}::uuid`);
  if (f.genre) {
    parts.push(Prisma.sql`p.show_id IN (SELECT s.id FROM show s WHERE s.tenant_id = ${tenantId}::uuid AND s.genre = ${f.genre})`);
  }
  return Prisma.join(parts, " AND ");
}

/** Condition on a column holding a sales channel, or TRUE when the filter is unset. */
export function channelFilter(column: Prisma.Sql, f: Pick<TDashboardFilters, "salesChannel">): Prisma.Sql {
  return f.salesChannel ? Prisma.sql`${column} = ${f.salesChannel}::sales_channel` : Prisma.sql`TRUE`;
}

/** Condition: performance `p` starts within period `pr` (Paris calendar days). */
export function performanceInPeriod(pr = "pr"): Prisma.Sql {
  const a = Prisma.raw(pr);
  return Prisma.sql`p.starts_at >= ${parisStart(Prisma.sql`${a}.from_day`)} AND p.starts_at < ${parisStart(Prisma.sql`${a}.to_day + 1`)}`;
}

/**
 * Sales rollup rows selected by the filters, tagged with the period they count in: columns idx,
 * performance_id, day, tickets, complimentary, revenue_cents, lead_days_sum, plus sales_channel
 * and price_category with `detail`. A row can count in several periods when they overlap.
 * Without detail or channel filter the rows come from rollup_performance_day (one row per
 * performance and sale day), else from rollup_daily_sales.
 */
export function scopedSales(tenantId: string, f: TDashboardFilters, periods: ScopedPeriod[], detail = false): Prisma.Sql {
  const daily = detail || f.salesChannel !== undefined;
  const table = Prisma.raw(daily ? "rollup_daily_sales" : "rollup_performance_day");
  const cols = Prisma.sql`pr.idx, r.performance_id, r.day, r.tickets, r.complimentary, r.revenue_cents, r.lead_days_sum
    ${detail ? Prisma.sql`, r.sales_channel, r.price_category` : Prisma.empty}`;
  const channel = daily ? channelFilter(Prisma.sql`r.sales_channel`, f) : Prisma.sql`TRUE`;
  if (f.basis === "sale") {
    return Prisma.sql`
      SELECT ${cols}
        FROM ${periodsTable(periods)}
        JOIN ${table} r
          ON r.tenant_id = ${tenantId}::uuid
         AND r.day >= pr.from_day AND r.day <= LEAST(pr.to_day, pr.sales_up_to)
         AND ${channel}
        JOIN performance p ON p.tenant_id = r.tenant_id AND p.id = r.performance_id
       WHERE ${performanceFilter(tenantId, f)}`;
  }
  return Prisma.sql`
    SELECT ${cols}
      FROM ${periodsTable(periods)}
      JOIN performance p ON ${performanceFilter(tenantId, f)} AND ${performanceInPeriod()}
      JOIN ${table} r
        ON r.tenant_id = p.tenant_id AND r.performance_id = p.id
       AND r.day <= pr.sales_up_to
       AND ${channel}`;
}

/**
 * Performances in scope per period: idx, id, sellable, cancelled. With performance dates, every
 * performance starting in the period; with sale dates, those that sold in the period.
 */
export function scopedPerformances(tenantId: string, f: TDashboardFilters, periods: ScopedPeriod[]): Prisma.Sql {
  const cols = Prisma.sql`p.id, GREATEST(p.capacity - p.blocked_seats, 0) AS sellable, (p.status = 'cancelled') AS cancelled`;
  if (f.basis === "sale") {
    return Prisma.sql`
      SELECT DISTINCT s.idx, ${cols}
        FROM (${scopedSales(tenantId, f, periods)}) s
        JOIN performance p ON p.tenant_id = ${tenantId}::uuid AND p.id = s.performance_id`;
  }
  return Prisma.sql`
    SELECT pr.idx, ${cols}
      FROM ${periodsTable(periods)}
      JOIN performance p ON ${performanceFilter(tenantId, f)} AND ${performanceInPeriod()}`;
}
