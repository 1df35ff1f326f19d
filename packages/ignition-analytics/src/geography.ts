// Where the audience comes from, by département (choropleth, from rollup_audience_departement)
// and by commune (points around the venue, from rollup_audience).
//
// Privacy: no cell may describe fewer than MIN_CELL_SPECTATORS people. The rollup counts distinct
// spectators per performance, and one person can attend several performances, so summing over
// performances overstates the number of people. What is certain is a lower bound: within one
// performance, spectators of different communes are different people, so the people behind a
// cell are at least max over performances of (spectators of that performance in the cell). A cell
// whose lower bound is below the threshold is never returned on its own: it is merged into
// "other", and "other" (like "unknown") shows its figures only when its own lower bound reaches
// the threshold.
import { z } from "zod";
import { Prisma, type Tx } from "@rappel/db";
import type { TDashboardFilters } from "./filters";
import { channelFilter, scopedPerformances } from "./scope";

export const MIN_CELL_SPECTATORS = 5;

export const ZGeoMetric = z.enum(["spectators", "tickets", "revenue"]);
export type TGeoMetric = z.infer<typeof ZGeoMetric>;

export interface GeoFigures {
  /** Spectators counted once per performance attended. */
  spectators: number;
  tickets: number;
  revenueCents: number;
  /** The chosen metric's value. */
  value: number;
}

export interface GeoCell extends GeoFigures {
  code: string;
}

export interface CommuneCell extends GeoCell {
  name: string;
  departement: string;
  latitude: number;
  longitude: number;
}

/** A merged bucket: its figures are null when it, too, would describe fewer than 5 people. */
export interface GeoBucket {
  cells: number;
  figures: GeoFigures | null;
}

export interface GeoBreakdown<C extends GeoCell> {
  metric: TGeoMetric;
  cells: C[];
  /** Small cells merged together. */
  other: GeoBucket;
  /** Spectators without a known place (no commune, or a code the reference data lacks). */
  unknown: GeoBucket;
}

export interface VenuePoint {
  id: string;
  name: string;
  latitude: number;
  longitude: number;
}

interface BucketRow {
  kind: "cell" | "other" | "unknown";
  code: string | null;
  cells: number;
  spectators: number;
  tickets: number;
  revenue: number;
  lower_bound: number;
}

const METRIC: Record<TGeoMetric, (f: Omit<GeoFigures, "value">) => number> = {
  spectators: (f) => f.spectators,
  tickets: (f) => f.tickets,
  revenue: (f) => f.revenueCents,
};

function singlePeriod(f: TDashboardFilters) {
  return [{ from: f.from, to: f.to, salesUpTo: "9999-12-31" }];
}

/**
 * Buckets per place (NULL when unknown). Everything is decided in SQL, so no small cell ever
 * leaves the database.
 */
async function bucketsBy(
  tx: Tx,
  tenantId: string,
  f: TDashboardFilters,
  level: "departement" | "commune",
): Promise<BucketRow[]> {
  // Communes are placed through the reference data (no centroid, no point); départements have
  // their own rollup, one row per performance and département. With a sales channel, both come
  // from the per-channel rollup (within one channel of a performance, communes' people differ).
  const place = level === "commune" ? Prisma.sql`g.code` : Prisma.sql`NULLIF(a.departement, '')`;
  const byChannel = f.salesChannel !== undefined;
  const table = Prisma.raw(byChannel ? "rollup_audience_channel" : level === "commune" ? "rollup_audience" : "rollup_audience_departement");
  const channel = byChannel ? channelFilter(Prisma.sql`a.sales_channel`, f) : Prisma.sql`TRUE`;
  const geo = level === "commune" ? Prisma.sql`LEFT JOIN geo_commune g ON g.code = a.commune_code` : Prisma.empty;
  return tx.$queryRaw<BucketRow[]>`
    WITH perfs AS (${scopedPerformances(tenantId, f, singlePeriod(f))}),
    per AS (
      SELECT a.performance_id, ${place} AS code,
             sum(a.spectators) AS spectators, sum(a.tickets) AS tickets, sum(a.revenue_cents) AS revenue
        FROM perfs pf
        JOIN ${table} a ON a.tenant_id = ${tenantId}::uuid AND a.performance_id = pf.id AND ${channel}
        ${geo}
       GROUP BY 1, 2
    ),
    cell AS (
      SELECT code, sum(spectators) AS spectators, sum(tickets) AS tickets, sum(revenue) AS revenue,
             max(spectators) AS lower_bound
        FROM per WHERE code IS NOT NULL GROUP BY code
    ),
    kept AS (SELECT code FROM cell WHERE lower_bound >= ${MIN_CELL_SPECTATORS}),
    merged AS (
      SELECT CASE WHEN p.code IS NULL THEN 'unknown' ELSE 'other' END AS kind, p.performance_id,
             sum(p.spectators) AS spectators, sum(p.tickets) AS tickets,
             sum(p.revenue) AS revenue
        FROM per p
       WHERE p.code IS NULL OR p.code NOT IN (SELECT code FROM kept)
       GROUP BY 1, 2
    )
    SELECT 'cell' AS kind, c.code, 1 AS cells, c.spectators::float8 AS spectators, c.tickets::float8 AS tickets,
           c.revenue::float8 AS revenue, c.lower_bound::float8 AS lower_bound
      FROM cell c WHERE c.code IN (SELECT code FROM kept)
    UNION ALL
    SELECT m.kind, NULL,
           (SELECT count(DISTINCT p.code) FROM per p
             WHERE p.code IS NOT NULL AND p.code NOT IN (SELECT code FROM kept) AND m.kind = 'other')::int,
           sum(m.spectators)::float8, sum(m.tickets)::float8, sum(m.revenue)::float8, max(m.spectators)::float8
      FROM merged m GROUP BY m.kind`;
}

function figures(r: BucketRow, metric: TGeoMetric): GeoFigures {
  const base = { spectators: r.spectators, tickets: r.tickets, revenueCents: r.revenue };
  return { ...base, value: METRIC[metric](base) };
}

function bucket(rows: BucketRow[], kind: "other" | "unknown", metric: TGeoMetric): GeoBucket {
  const r = rows.find((x) => x.kind === kind);
  if (!r) return { cells: 0, figures: null };
  return { cells: r.cells, figures: r.lower_bound >= MIN_CELL_SPECTATORS ? figures(r, metric) : null };
}

/** Audience by département (INSEE code, "2A"/"2B", "971"…), largest value first. */
export async function getAudienceByDepartement(
  tx: Tx,
  tenantId: string,
  filters: TDashboardFilters,
  metric: TGeoMetric,
): Promise<GeoBreakdown<GeoCell>> {
  const m = ZGeoMetric.parse(metric);
  const rows = await bucketsBy(tx, tenantId, filters, "departement");
  const cells = rows.filter((r) => r.kind === "cell").map((r) => ({ code: r.code!, ...figures(r, m) }));
  cells.sort((a, b) => b.value - a.value || a.code.localeCompare(b.code));
  return { metric: m, cells, other: bucket(rows, "other", m), unknown: bucket(rows, "unknown", m) };
}

/**
 * Audience by commune, as points at the commune's centroid (never a person's address), plus
 * the venues in scope to centre the map on.
 */
export async function getAudienceByCommune(
  tx: Tx,
  tenantId: string,
  filters: TDashboardFilters,
  metric: TGeoMetric,
): Promise<GeoBreakdown<CommuneCell> & { venues: VenuePoint[] }> {
  const m = ZGeoMetric.parse(metric);
  // A commune the reference data lacks has no centroid to draw: it counts as unknown.
  const rows = await bucketsBy(tx, tenantId, filters, "commune");
  const codes = rows.filter((r) => r.kind === "cell").map((r) => r.code!);
  const places = codes.length
    ? await tx.geoCommune.findMany({ where: { code: { in: codes } } })
    : [];
  const byCode = new Map(places.map((p) => [p.code, p]));
  const cells = rows
    .filter((r) => r.kind === "cell")
    .map((r) => {
      const p = byCode.get(r.code!)!;
      return { code: p.code, name: p.name, departement: p.departement, latitude: p.latitude, longitude: p.longitude, ...figures(r, m) };
    });
  cells.sort((a, b) => b.value - a.value || a.code.localeCompare(b.code));
  const venues = await tx.$queryRaw<VenuePoint[]>`
    WITH perfs AS (${scopedPerformances(tenantId, filters, singlePeriod(filters))})
    SELECT DISTINCT v.id::text, v.name, v.latitude, v.longitude
      FROM perfs pf
      JOIN performance p ON p.tenant_id = ${tenantId}::uuid AND p.id = pf.id
      JOIN venue v ON v.tenant_id = p.tenant_id AND v.id = p.venue_id
     WHERE v.latitude IS NOT NULL AND v.longitude IS NOT NULL
     ORDER BY v.name`;
  return { metric: m, cells, other: bucket(rows, "other", m), unknown: bucket(rows, "unknown", m), venues };
}
