// Sales over time (per sale day, ISO week or month), read from the sales rollups.
import { z } from "zod";
import { Prisma, type Tx } from "@rappel/db";
import { addDays, type IsoDay } from "./calendar";
import type { TDashboardFilters } from "./filters";
import { scopedSales } from "./scope";

export const ZGranularity = z.enum(["day", "week", "month"]);
export type TGranularity = z.infer<typeof ZGranularity>;

export interface SalesPoint {
  /** First day of the bucket (a Monday for weeks, the 1st for months). */
  bucket: IsoDay;
  tickets: number;
  complimentary: number;
  revenueCents: number;
}

/** No sale is ever cut from a time series: every recorded sale day counts. */
const NO_CUT: IsoDay = "9999-12-31";

export function bucketStart(day: IsoDay, granularity: TGranularity): IsoDay {
  if (granularity === "day") return day;
  if (granularity === "month") return `${day.slice(0, 8)}01`;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

function nextBucket(bucket: IsoDay, granularity: TGranularity): IsoDay {
  if (granularity === "day") return addDays(bucket, 1);
  if (granularity === "week") return addDays(bucket, 7);
  const [y, m] = bucket.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
}

const BUCKET_SQL: Record<TGranularity, Prisma.Sql> = {
  day: Prisma.sql`s.day`,
  week: Prisma.sql`date_trunc('week', s.day)::date`,
  month: Prisma.sql`date_trunc('month', s.day)::date`,
};

/**
 * Tickets, complimentary tickets and revenue per sale-date bucket, gaps filled with zeros. With
 * sale dates the axis spans the period; with performance dates it spans the first to the last
 * sale of the period's performances.
 */
export async function getSalesSeries(
  tx: Tx,
  tenantId: string,
  filters: TDashboardFilters,
  granularity: TGranularity,
): Promise<SalesPoint[]> {
  const g = ZGranularity.parse(granularity);
  const rows = await tx.$queryRaw<{ bucket: string; tickets: number; complimentary: number; revenue: number }[]>`
    SELECT to_char(${BUCKET_SQL[g]}, 'YYYY-MM-DD') AS bucket,
           sum(s.tickets)::float8 AS tickets, sum(s.complimentary)::float8 AS complimentary,
           sum(s.revenue_cents)::float8 AS revenue
      FROM (${scopedSales(tenantId, filters, [{ from: filters.from, to: filters.to, salesUpTo: NO_CUT }])}) s
     GROUP BY 1 ORDER BY 1`;
  const byBucket = new Map(rows.map((r) => [r.bucket, r]));
  const first = filters.basis === "sale" ? bucketStart(filters.from, g) : rows[0]?.bucket;
  const last = filters.basis === "sale" ? bucketStart(filters.to, g) : rows.at(-1)?.bucket;
  if (!first || !last) return [];
  const points: SalesPoint[] = [];
  for (let b = first; b <= last; b = nextBucket(b, g)) {
    const r = byBucket.get(b);
    points.push({ bucket: b, tickets: r?.tickets ?? 0, complimentary: r?.complimentary ?? 0, revenueCents: r?.revenue ?? 0 });
  }
  return points;
}
