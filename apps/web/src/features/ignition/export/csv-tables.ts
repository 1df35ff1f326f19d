// The dashboard tables as CSV: the same figures as on screen, with headers in the user's
// language. toCsv (from the analytics package) quotes cells and neutralises anything a
// spreadsheet would run as a formula. Amounts are in euros, rates in percent.
import type { Tx } from "@rappel/db";
import {
  KPI_KEYS,
  getAudienceByCommune,
  getAudienceByDepartement,
  getBreakdown,
  getOverviewKpis,
  getPendingReservations,
  getPerformanceRanking,
  getSalesCurve,
  getSalesSeries,
  getShowPerformances,
  toCsv,
  type BreakdownRow,
  type CsvColumn,
  type GeoBucket,
  type KpiComparison,
  type TDashboardFilters,
} from "@rappel/ignition-analytics";
import { z } from "zod";
import type { Labels } from "../lib/labels";
import { readCurveParams, type SearchParams, type TViewParams } from "../lib/url-state";
import type { TCsvTable } from "./decide-export";

type Translate = (key: string, values?: Record<string, string | number>) => string;

export interface CsvRequest {
  tx: Tx;
  tenantId: string;
  filters: TDashboardFilters;
  view: TViewParams;
  searchParams: SearchParams;
  now: Date;
  labels: Labels;
  t: Translate;
}

const euros = (cents: number) => Math.round(cents) / 100;

// Performances are listed at their Paris wall-clock time, as a spreadsheet reads it ("2026-11-12 20:00").
const parisFormat = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Paris", dateStyle: "short", timeStyle: "short" });
const parisDateTime = (d: Date | null | undefined) => (d ? parisFormat.format(d) : null);
const percent = (ratio: number | null) => (ratio === null ? null : Math.round(ratio * 10_000) / 100);

function kpiValue(kpi: KpiComparison, value: number | null): number | null {
  if (value === null) return null;
  if (kpi.unit === "cents") return euros(value);
  if (kpi.unit === "ratio") return percent(value);
  return Math.round(value * 100) / 100;
}

function performanceColumns(r: CsvRequest): CsvColumn<BreakdownRow>[] {
  return [
    { header: r.t("columns.show"), value: "label" },
    { header: r.t("columns.date"), value: (row) => parisDateTime(row.performance?.startsAt) },
    { header: r.t("columns.venue"), value: (row) => row.performance?.venueName },
    { header: r.t("columns.status"), value: (row) => (row.performance?.cancelled ? r.t("columns.cancelled") : "") },
    ...figureColumns(r),
  ];
}

function figureColumns(r: CsvRequest, capacity = true): CsvColumn<BreakdownRow>[] {
  return [
    { header: r.t("columns.tickets"), value: "tickets" },
    { header: r.t("columns.complimentary"), value: "complimentary" },
    { header: `${r.t("columns.revenue")} (EUR)`, value: (row) => euros(row.revenueCents) },
    ...(capacity
      ? [
          { header: r.t("columns.sellable"), value: "sellable" as const },
          { header: `${r.t("columns.fillRate")} (%)`, value: (row: BreakdownRow) => percent(row.fillRate) },
        ]
      : []),
  ];
}

interface GeoRow {
  place: string;
  code: string;
  departement?: string;
  spectators: number | null;
  tickets: number | null;
  revenueCents: number | null;
}

function bucketRow(label: string, bucket: GeoBucket): GeoRow[] {
  if (bucket.cells === 0 && !bucket.figures) return [];
  const f = bucket.figures;
  return [{ place: label, code: "", spectators: f?.spectators ?? null, tickets: f?.tickets ?? null, revenueCents: f?.revenueCents ?? null }];
}

function geoColumns(r: CsvRequest, place: string, withDepartement: boolean): CsvColumn<GeoRow>[] {
  return [
    { header: place, value: "place" },
    { header: r.t("columns.code"), value: "code" },
    ...(withDepartement ? [{ header: r.t("columns.departement"), value: "departement" as const }] : []),
    { header: r.t("columns.spectators"), value: "spectators" },
    { header: r.t("columns.tickets"), value: "tickets" },
    { header: `${r.t("columns.revenue")} (EUR)`, value: (row) => (row.revenueCents === null ? null : euros(row.revenueCents)) },
  ];
}

/** Builds the CSV text of one table. Throws AnalyticsNotFoundError for another tenant's ids. */
export async function buildCsv(table: TCsvTable, r: CsvRequest): Promise<string> {
  const { tx, tenantId, filters } = r;
  switch (table) {
    case "kpis": {
      const overview = await getOverviewKpis(tx, tenantId, filters, r.now);
      const pending = await getPendingReservations(tx, tenantId, filters);
      const rows = KPI_KEYS.map((key) => {
        const k = overview.kpis[key];
        return { label: r.t(`kpis.labels.${key}`), current: kpiValue(k, k.current), previous: kpiValue(k, k.previous), lastSeason: kpiValue(k, k.lastSeason) };
      });
      // Unpaid reservations: a snapshot of the latest import, so without comparisons.
      rows.push({ label: r.t("kpis.pending.label"), current: pending.tickets, previous: null, lastSeason: null });
      return toCsv(rows, [
        { header: r.t("columns.kpi"), value: "label" },
        { header: r.t("columns.current"), value: "current" },
        { header: r.t("columns.previous"), value: "previous" },
        { header: r.t("columns.lastSeason"), value: "lastSeason" },
      ]);
    }
    case "sales": {
      const points = await getSalesSeries(tx, tenantId, filters, r.view.granularity);
      return toCsv(points, [
        { header: r.t("sales.bucket"), value: "bucket" },
        { header: r.t("sales.tickets"), value: "tickets" },
        { header: r.t("sales.complimentary"), value: "complimentary" },
        { header: `${r.t("sales.revenue")} (EUR)`, value: (p) => euros(p.revenueCents) },
      ]);
    }
    case "ranking": {
      const { top, bottom } = await getPerformanceRanking(tx, tenantId, filters, 5);
      const rows = [...top.map((row) => ({ group: r.t("ranking.top"), row })), ...bottom.map((row) => ({ group: r.t("ranking.bottom"), row }))];
      return toCsv(rows, [
        { header: r.t("columns.label"), value: "group" },
        ...performanceColumns(r).map((c) => ({ header: c.header, value: (x: { row: BreakdownRow }) => cell(c, x.row) })),
      ]);
    }
    case "breakdown": {
      const dim = r.view.dim;
      const rows = await getBreakdown(tx, tenantId, filters, dim);
      if (dim === "performance") return toCsv(rows, performanceColumns(r));
      const capacity = dim !== "salesChannel" && dim !== "priceCategory";
      return toCsv(rows, [{ header: r.t(`columns.${dim}`), value: (row) => r.labels.breakdownKey(dim, row.label) }, ...figureColumns(r, capacity)]);
    }
    case "show-performances": {
      const showId = z.guid().parse(r.searchParams.showId);
      return toCsv(await getShowPerformances(tx, tenantId, filters, showId), performanceColumns(r));
    }
    case "curve": {
      const performanceId = z.guid().parse(r.searchParams.performanceId);
      const params = readCurveParams(r.searchParams, performanceId);
      const curve = await getSalesCurve(tx, tenantId, performanceId, {
        compareWith: params.compare === "performances" ? params.with : params.compare,
        now: r.now,
      });
      const series = [curve.target, ...curve.comparisons.filter((c) => c.basedOn > 0)];
      const name = (i: number) => {
        const s = series[i]!;
        if (s.kind !== "performance") return r.t(s.kind === "same-show-average" ? "curve.sameShowAverage" : "curve.sameGenreAverage", { count: s.basedOn });
        return `${s.showTitle ?? ""} ${parisDateTime(s.startsAt) ?? ""}`.trim();
      };
      const rows = curve.offsets.map((offset, i) => ({ offset, i }));
      return toCsv(rows, [
        { header: r.t("columns.daysBefore"), value: "offset" },
        { header: r.t("columns.capacity"), value: () => curve.capacity },
        ...series.map((s, k) => ({ header: name(k), value: (row: { i: number }) => roundOrNull(s.tickets[row.i]) })),
      ]);
    }
    case "departements": {
      const geo = await getAudienceByDepartement(tx, tenantId, filters, r.view.metric);
      const rows: GeoRow[] = [
        ...geo.cells.map((c) => ({ place: r.labels.departement(c.code), code: c.code, spectators: c.spectators, tickets: c.tickets, revenueCents: c.revenueCents })),
        ...bucketRow(r.t("map.other", { count: geo.other.cells }), geo.other),
        ...bucketRow(r.t("map.unknown"), geo.unknown),
      ];
      return toCsv(rows, geoColumns(r, r.t("columns.departement"), false));
    }
    case "communes": {
      const geo = await getAudienceByCommune(tx, tenantId, filters, r.view.metric);
      const rows: GeoRow[] = [
        ...geo.cells.map((c) => ({ place: c.name, code: c.code, departement: c.departement, spectators: c.spectators, tickets: c.tickets, revenueCents: c.revenueCents })),
        ...bucketRow(r.t("map.other", { count: geo.other.cells }), geo.other),
        ...bucketRow(r.t("map.unknown"), geo.unknown),
      ];
      return toCsv(rows, geoColumns(r, r.t("columns.commune"), true));
    }
  }
}

function cell<T>(column: CsvColumn<T>, row: T): unknown {
  return typeof column.value === "function" ? column.value(row) : row[column.value];
}

function roundOrNull(v: number | null | undefined): number | null {
  return v === null || v === undefined ? null : Math.round(v * 10) / 10;
}
