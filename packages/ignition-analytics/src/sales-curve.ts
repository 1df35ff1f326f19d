// The sales curve of a performance ("courbe de remplissage"): cumulative tickets on a
// days-before-performance axis, with its sellable capacity, compared with up to 4 other
// performances or with the average of similar ones; and the pace needed to reach a target.
import { z } from "zod";
import { Prisma, type Tx } from "@rappel/db";
import { daysBetween, parisDay, type IsoDay } from "./calendar";
import { AnalyticsNotFoundError } from "./errors";
import { parisDayOf } from "./scope";

/** How many similar performances an average is based on at most (the most recent ones played). */
export const MAX_AVERAGE_PERFORMANCES = 50;

export const ZSalesCurveOptions = z.object({
  compareWith: z
    .union([z.array(z.guid()).max(4), z.enum(["same-show-average", "same-genre-average"])])
    .default([]),
  /** Only performances already played count in an average (their curves are complete). */
  now: z.date(),
  /** Length of the axis: from −daysBefore to 0 (the performance's day); see defaultAxisDays. */
  daysBefore: z.number().int().min(7).max(730).optional(),
});
export type TSalesCurveOptions = z.input<typeof ZSalesCurveOptions>;

export interface CurveSeries {
  kind: "performance" | "same-show-average" | "same-genre-average";
  performanceId: string | null;
  showTitle: string | null;
  genre: string | null;
  startsAt: Date | null;
  venueName: string | null;
  /** Sellable capacity (capacity − blocked seats); the average's mean for an average. */
  sellable: number;
  /** How many performances the series is based on (1 for a performance). */
  basedOn: number;
  /** Cumulative tickets at each offset; null for days still to come. */
  tickets: (number | null)[];
}

export interface SalesCurve {
  /** The x axis: −daysBefore … 0 (days relative to the performance's day, Paris time). */
  offsets: number[];
  /** The capacity line: the performance's sellable capacity. */
  capacity: number;
  target: CurveSeries;
  comparisons: CurveSeries[];
}

interface PerformanceInfo {
  id: string;
  starts_at: Date;
  day: string;
  show_id: string;
  title: string;
  genre: string | null;
  venue_name: string;
  sellable: number;
}

async function loadPerformances(tx: Tx, tenantId: string, ids: string[]): Promise<PerformanceInfo[]> {
  if (ids.length === 0) return [];
  return tx.$queryRaw<PerformanceInfo[]>`
    SELECT p.id::text, p.starts_at, to_char(${parisDayOf(Prisma.sql`p.starts_at`)}, 'YYYY-MM-DD') AS day,
           p.show_id::text, s.title, s.genre, v.name AS venue_name,
           GREATEST(p.capacity - p.blocked_seats, 0)::int AS sellable
      FROM performance p
      JOIN show s ON s.tenant_id = p.tenant_id AND s.id = p.show_id
      JOIN venue v ON v.tenant_id = p.tenant_id AND v.id = p.venue_id
     WHERE p.tenant_id = ${tenantId}::uuid AND p.id = ANY(${ids}::uuid[])`;
}

/** The axis' usual length, in days before the performance. */
export const DEFAULT_CURVE_DAYS = 120;
const MAX_CURVE_DAYS = 730;

/**
 * The axis by default: 120 days, or back to the performance's first sale when it went on sale
 * earlier (a performance sold a year ahead would otherwise show an empty curve), at most 730.
 */
async function defaultAxisDays(tx: Tx, tenantId: string, performanceId: string): Promise<number> {
  const [row] = await tx.$queryRaw<{ days: number | null }[]>`
    SELECT max(${parisDayOf(Prisma.sql`p.starts_at`)} - r.day)::int AS days
      FROM rollup_performance_day r
      JOIN performance p ON p.tenant_id = r.tenant_id AND p.id = r.performance_id
     WHERE r.tenant_id = ${tenantId}::uuid AND r.performance_id = ${performanceId}::uuid AND r.tickets > 0`;
  return Math.min(MAX_CURVE_DAYS, Math.max(DEFAULT_CURVE_DAYS, row?.days ?? 0));
}

/**
 * Tickets per days-before offset (0 … n, clipped: earlier sales land on n, late sales on 0),
 * summed over a set of performances.
 */
async function ticketsByOffset(tx: Tx, tenantId: string, ids: string[], n: number): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  if (ids.length === 0) return out;
  const rows = await tx.$queryRaw<{ id: string; d: number; tickets: number }[]>`
    SELECT r.performance_id::text AS id,
           GREATEST(LEAST(${parisDayOf(Prisma.sql`p.starts_at`)} - r.day, ${n}::int), 0)::int AS d,
           sum(r.tickets)::float8 AS tickets
      FROM rollup_performance_day r
      JOIN performance p ON p.tenant_id = r.tenant_id AND p.id = r.performance_id
     WHERE r.tenant_id = ${tenantId}::uuid AND r.performance_id = ANY(${ids}::uuid[])
     GROUP BY 1, 2`;
  for (const id of ids) out.set(id, new Array<number>(n + 1).fill(0));
  for (const r of rows) out.get(r.id)![r.d]! += r.tickets;
  return out;
}

/** Per-offset daily tickets → cumulative values on the −n … 0 axis. */
function cumulate(daily: number[], n: number): number[] {
  const out: number[] = [];
  let sum = 0;
  for (let d = n; d >= 0; d--) {
    sum += daily[d] ?? 0;
    out.push(sum);
  }
  return out;
}

function performanceSeries(p: PerformanceInfo, daily: number[], n: number, today: IsoDay): CurveSeries {
  // Offsets after today have not happened yet: no value rather than a flat line.
  const lastKnown = daysBetween(today, p.day); // days before the performance that today is
  return {
    kind: "performance",
    performanceId: p.id,
    showTitle: p.title,
    genre: p.genre,
    startsAt: p.starts_at,
    venueName: p.venue_name,
    sellable: p.sellable,
    basedOn: 1,
    tickets: cumulate(daily, n).map((v, i) => (n - i < lastKnown ? null : v)),
  };
}

async function similarPerformances(
  tx: Tx,
  tenantId: string,
  target: PerformanceInfo,
  by: "same-show-average" | "same-genre-average",
  now: Date,
): Promise<string[]> {
  if (by === "same-genre-average" && !target.genre) return [];
  const similar =
    by === "same-show-average"
      ? Prisma.sql`p.show_id = ${target.show_id}::uuid`
      : Prisma.sql`p.show_id IN (SELECT s.id FROM show s WHERE s.tenant_id = ${tenantId}::uuid AND s.genre = ${target.genre})`;
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT p.id::text FROM performance p
     WHERE p.tenant_id = ${tenantId}::uuid AND p.id <> ${target.id}::uuid AND p.status <> 'cancelled'
       AND p.starts_at < ${now} AND ${similar}
     ORDER BY p.starts_at DESC LIMIT ${MAX_AVERAGE_PERFORMANCES}`;
  return rows.map((r) => r.id);
}

export async function getSalesCurve(
  tx: Tx,
  tenantId: string,
  performanceId: string,
  options: TSalesCurveOptions,
): Promise<SalesCurve> {
  const id = z.guid().parse(performanceId);
  const { compareWith, now, daysBefore } = ZSalesCurveOptions.parse(options);
  const today = parisDay(now);
  const [target] = await loadPerformances(tx, tenantId, [id]);
  if (!target) throw new AnalyticsNotFoundError("performance");
  const n = daysBefore ?? (await defaultAxisDays(tx, tenantId, id));
  const offsets = Array.from({ length: n + 1 }, (_, i) => i - n);

  if (Array.isArray(compareWith)) {
    const others = [...new Set(compareWith)].filter((x) => x !== id);
    const infos = await loadPerformances(tx, tenantId, others);
    if (infos.length !== others.length) throw new AnalyticsNotFoundError("performance");
    const daily = await ticketsByOffset(tx, tenantId, [id, ...others], n);
    const byId = new Map(infos.map((p) => [p.id, p]));
    return {
      offsets,
      capacity: target.sellable,
      target: performanceSeries(target, daily.get(id)!, n, today),
      comparisons: others.map((o) => performanceSeries(byId.get(o)!, daily.get(o)!, n, today)),
    };
  }

  const similar = await similarPerformances(tx, tenantId, target, compareWith, now);
  const daily = await ticketsByOffset(tx, tenantId, [id, ...similar], n);
  const infos = await loadPerformances(tx, tenantId, similar);
  const summed = new Array<number>(n + 1).fill(0);
  for (const s of similar) daily.get(s)!.forEach((v, d) => (summed[d]! += v));
  const count = similar.length;
  const average: CurveSeries = {
    kind: compareWith,
    performanceId: null,
    showTitle: compareWith === "same-show-average" ? target.title : null,
    genre: compareWith === "same-genre-average" ? target.genre : null,
    startsAt: null,
    venueName: null,
    sellable: count ? infos.reduce((s, p) => s + p.sellable, 0) / count : 0,
    basedOn: count,
    tickets: count ? cumulate(summed, n).map((v) => v / count) : offsets.map(() => null),
  };
  return { offsets, capacity: target.sellable, target: performanceSeries(target, daily.get(id)!, n, today), comparisons: [average] };
}

export const ZRequiredPaceOptions = z.object({
  /** Target fill rate, 0 < target ≤ 1 (e.g. 0.9 for 90 %). */
  targetFillRate: z.number().gt(0).max(1),
  now: z.date(),
  /** Days the recent pace is measured over (today included). */
  recentDays: z.number().int().min(1).max(60).default(7),
});
export type TRequiredPaceOptions = z.input<typeof ZRequiredPaceOptions>;

export interface RequiredPace {
  performanceId: string;
  sellable: number;
  /** Tickets sold up to today (later sales in the data, e.g. when replaying history, are ignored). */
  sold: number;
  targetTickets: number;
  remainingTickets: number;
  /** Sale days left, today and the performance's day included (0 once the day has passed). */
  daysLeft: number;
  /** Tickets a day needed from today on; null when no sale day is left. */
  requiredPerDay: number | null;
  /** Tickets a day over the last `recentDays` days. */
  recentPerDay: number;
  onTrack: boolean;
}

export async function getRequiredPace(
  tx: Tx,
  tenantId: string,
  performanceId: string,
  options: TRequiredPaceOptions,
): Promise<RequiredPace> {
  const id = z.guid().parse(performanceId);
  const { targetFillRate, now, recentDays } = ZRequiredPaceOptions.parse(options);
  const today = parisDay(now);
  const [target] = await loadPerformances(tx, tenantId, [id]);
  if (!target) throw new AnalyticsNotFoundError("performance");
  const [sums] = await tx.$queryRaw<{ sold: number | null; recent: number | null }[]>`
    SELECT sum(r.tickets) FILTER (WHERE r.day <= ${today}::date)::float8 AS sold,
           sum(r.tickets) FILTER (WHERE r.day > ${today}::date - ${recentDays}::int AND r.day <= ${today}::date)::float8 AS recent
      FROM rollup_performance_day r
     WHERE r.tenant_id = ${tenantId}::uuid AND r.performance_id = ${id}::uuid`;
  const sold = sums?.sold ?? 0;
  const targetTickets = Math.ceil(targetFillRate * target.sellable - 1e-9);
  const remainingTickets = Math.max(0, targetTickets - sold);
  const daysLeft = Math.max(0, daysBetween(today, target.day) + 1);
  const requiredPerDay = daysLeft > 0 ? remainingTickets / daysLeft : null;
  const recentPerDay = (sums?.recent ?? 0) / recentDays;
  return {
    performanceId: id,
    sellable: target.sellable,
    sold,
    targetTickets,
    remainingTickets,
    daysLeft,
    requiredPerDay,
    recentPerDay,
    onTrack: remainingTickets === 0 || (requiredPerDay !== null && recentPerDay >= requiredPerDay),
  };
}
