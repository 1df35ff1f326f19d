// Breakdowns of the period's sales by show, performance, venue, genre, sales channel and price
// category; top and bottom performances by fill rate; the show → performances drill-down.
import { z } from "zod";
import { Prisma, type Tx } from "@rappel/db";
import type { TDashboardFilters } from "./filters";
import { scopedPerformances, scopedSales, type ScopedPeriod } from "./scope";

export const BREAKDOWN_DIMENSIONS = ["show", "performance", "venue", "genre", "salesChannel", "priceCategory"] as const;
export const ZBreakdownDimension = z.enum(BREAKDOWN_DIMENSIONS);
export type TBreakdownDimension = z.infer<typeof ZBreakdownDimension>;

export interface BreakdownRow {
  /** Id of the show/performance/venue; the genre, channel or category itself otherwise ("" = none). */
  key: string;
  label: string;
  tickets: number;
  complimentary: number;
  revenueCents: number;
  /** Sellable seats of the non-cancelled performances; null where capacity does not apply. */
  sellable: number | null;
  fillRate: number | null;
  /** For performances only. */
  performance?: { startsAt: Date; showId: string; venueId: string; venueName: string; cancelled: boolean };
}

/** Breakdowns are not cut "à date": every sale recorded for the period counts. */
function wholePeriod(f: TDashboardFilters): ScopedPeriod[] {
  return [{ from: f.from, to: f.to, salesUpTo: "9999-12-31" }];
}

type CapacityDimension = "show" | "performance" | "venue" | "genre";

const KEY_SQL: Record<CapacityDimension, { key: Prisma.Sql; label: Prisma.Sql }> = {
  show: { key: Prisma.sql`sh.id::text`, label: Prisma.sql`sh.title` },
  performance: { key: Prisma.sql`p.id::text`, label: Prisma.sql`sh.title` },
  venue: { key: Prisma.sql`v.id::text`, label: Prisma.sql`v.name` },
  genre: { key: Prisma.sql`coalesce(sh.genre, '')`, label: Prisma.sql`coalesce(sh.genre, '')` },
};

interface Row {
  key: string;
  label: string;
  tickets: number | null;
  complimentary: number | null;
  revenue: number | null;
  sellable: number | null;
  fill_tickets: number | null;
  starts_at?: Date;
  show_id?: string;
  venue_id?: string;
  venue_name?: string;
  cancelled?: boolean;
}

async function byCapacityDimension(tx: Tx, tenantId: string, f: TDashboardFilters, dim: CapacityDimension): Promise<BreakdownRow[]> {
  const { key, label } = KEY_SQL[dim];
  const periods = wholePeriod(f);
  const extra =
    dim === "performance"
      ? Prisma.sql`, min(p.starts_at) AS starts_at, min(p.show_id::text) AS show_id, min(v.id::text) AS venue_id,
                     min(v.name) AS venue_name, bool_and(pf.cancelled) AS cancelled`
      : Prisma.empty;
  const rows = await tx.$queryRaw<Row[]>`
    WITH s AS MATERIALIZED (${scopedSales(tenantId, f, periods)}),
    perfs AS MATERIALIZED (${scopedPerformances(tenantId, f, periods)}),
    sold AS (
      SELECT performance_id, sum(tickets) AS tickets, sum(complimentary) AS complimentary, sum(revenue_cents) AS revenue
        FROM s GROUP BY performance_id
    )
    SELECT ${key} AS key, min(${label}) AS label,
           sum(sold.tickets)::float8 AS tickets, sum(sold.complimentary)::float8 AS complimentary,
           sum(sold.revenue)::float8 AS revenue,
           coalesce(sum(pf.sellable) FILTER (WHERE NOT pf.cancelled), 0)::float8 AS sellable,
           coalesce(sum(sold.tickets) FILTER (WHERE NOT pf.cancelled), 0)::float8 AS fill_tickets
           ${extra}
      FROM perfs pf
      JOIN performance p ON p.tenant_id = ${tenantId}::uuid AND p.id = pf.id
      JOIN show sh ON sh.tenant_id = p.tenant_id AND sh.id = p.show_id
      JOIN venue v ON v.tenant_id = p.tenant_id AND v.id = p.venue_id
      LEFT JOIN sold ON sold.performance_id = pf.id
     GROUP BY 1
     ORDER BY revenue DESC NULLS LAST, tickets DESC NULLS LAST, label`;
  return rows.map((r) => ({
    key: r.key,
    label: r.label,
    tickets: r.tickets ?? 0,
    complimentary: r.complimentary ?? 0,
    revenueCents: r.revenue ?? 0,
    sellable: r.sellable ?? 0,
    fillRate: r.sellable ? (r.fill_tickets ?? 0) / r.sellable : null,
    ...(dim === "performance"
      ? {
          performance: {
            startsAt: r.starts_at!,
            showId: r.show_id!,
            venueId: r.venue_id!,
            venueName: r.venue_name!,
            cancelled: r.cancelled ?? false,
          },
        }
      : {}),
  }));
}

async function bySalesAttribute(tx: Tx, tenantId: string, f: TDashboardFilters, dim: "salesChannel" | "priceCategory"): Promise<BreakdownRow[]> {
  const column = dim === "salesChannel" ? Prisma.sql`s.sales_channel::text` : Prisma.sql`s.price_category`;
  const rows = await tx.$queryRaw<{ key: string; tickets: number; complimentary: number; revenue: number }[]>`
    SELECT ${column} AS key, sum(s.tickets)::float8 AS tickets, sum(s.complimentary)::float8 AS complimentary,
           sum(s.revenue_cents)::float8 AS revenue
      FROM (${scopedSales(tenantId, f, wholePeriod(f), true)}) s
     GROUP BY 1 ORDER BY revenue DESC, tickets DESC, key`;
  return rows.map((r) => ({
    key: r.key,
    label: r.key,
    tickets: r.tickets,
    complimentary: r.complimentary,
    revenueCents: r.revenue,
    sellable: null,
    fillRate: null,
  }));
}

/** Sales of the period split by one dimension, largest revenue first. */
export async function getBreakdown(
  tx: Tx,
  tenantId: string,
  filters: TDashboardFilters,
  dimension: TBreakdownDimension,
): Promise<BreakdownRow[]> {
  const dim = ZBreakdownDimension.parse(dimension);
  if (dim === "salesChannel" || dim === "priceCategory") return bySalesAttribute(tx, tenantId, filters, dim);
  return byCapacityDimension(tx, tenantId, filters, dim);
}

/**
 * The best and worst filled performances of the period (cancelled ones and those without
 * sellable seats are left out). Ties break on the earlier performance.
 */
export async function getPerformanceRanking(
  tx: Tx,
  tenantId: string,
  filters: TDashboardFilters,
  limit = 5,
): Promise<{ top: BreakdownRow[]; bottom: BreakdownRow[] }> {
  const n = z.number().int().min(1).max(50).parse(limit);
  const rows = (await byCapacityDimension(tx, tenantId, filters, "performance")).filter(
    (r) => r.fillRate !== null && !r.performance?.cancelled,
  );
  const byStart = (a: BreakdownRow, b: BreakdownRow) => a.performance!.startsAt.getTime() - b.performance!.startsAt.getTime();
  const top = [...rows].sort((a, b) => b.fillRate! - a.fillRate! || byStart(a, b)).slice(0, n);
  const bottom = [...rows].sort((a, b) => a.fillRate! - b.fillRate! || byStart(a, b)).slice(0, n);
  return { top, bottom };
}

/** Drill-down: one show's performances in the period. */
export async function getShowPerformances(
  tx: Tx,
  tenantId: string,
  filters: TDashboardFilters,
  showId: string,
): Promise<BreakdownRow[]> {
  const id = z.guid().parse(showId);
  return byCapacityDimension(tx, tenantId, { ...filters, showId: id }, "performance");
}
