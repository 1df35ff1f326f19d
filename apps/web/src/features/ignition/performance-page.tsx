// /t/[slug]/ignition/performances/[id]: a performance's cumulative sales curve on a
// days-before-performance axis, with its capacity, compared with up to 4 other performances or
// with the average of similar ones, and the pace needed to reach a target fill rate.
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import {
  AnalyticsNotFoundError,
  getBreakdown,
  getPerformancePendingReservations,
  getRequiredPace,
  getSalesCurve,
  type CurveSeries,
} from "@rappel/ignition-analytics";
import { DataTable, PageHeader } from "@rappel/ui";
import { ChartFrame } from "./components/chart-frame";
import { CurveChart } from "./components/charts";
import { CsvLink } from "./components/csv-link";
import { CurveForm } from "./components/curve-form";
import { DataDisclosure } from "./components/data-disclosure";
import { PacePanel } from "./components/pace-panel";
import { formatCount, formatEuros } from "./lib/format";
import { getLabels, type Labels } from "./lib/labels";
import { openIgnition } from "./lib/page-context";
import { inTenant, loadPerformanceHeading } from "./lib/queries";
import { dashboardHref, ignitionPath, readCurveParams, type SearchParams } from "./lib/url-state";

export interface PerformancePageProps {
  params: Promise<{ tenantSlug: string; performanceId: string }>;
  searchParams: Promise<SearchParams>;
}

/** Candidates offered for comparison: the period's performances closest in time to this one. */
const MAX_CANDIDATES = 30;

async function orNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    // A performance (or a compared one) this tenant does not have: indistinguishable from absent.
    if (error instanceof AnalyticsNotFoundError) notFound();
    throw error;
  }
}

function seriesName(s: CurveSeries, t: Awaited<ReturnType<typeof getTranslations>>, labels: Labels): string {
  if (s.kind === "same-show-average") return t("curve.sameShowAverage", { count: s.basedOn });
  if (s.kind === "same-genre-average") return t("curve.sameGenreAverage", { count: s.basedOn });
  return `${s.showTitle ?? ""} — ${s.startsAt ? labels.dateTime(s.startsAt) : ""}`;
}

export async function IgnitionPerformancePage(props: PerformancePageProps) {
  const { performanceId } = await props.params;
  const ctx = await openIgnition(props, "performances", performanceId);
  if (!z.guid().safeParse(performanceId).success) notFound();
  const { filters, scope, tenantSlug, now } = ctx;
  const id = scope.tenantId;
  const params = readCurveParams(ctx.searchParams, performanceId);
  const compareWith = params.compare === "performances" ? params.with : params.compare;
  const [heading, curve, pace, all, pending, labels, t, locale] = await Promise.all([
    inTenant(scope, (tx) => loadPerformanceHeading(tx, id, performanceId)),
    orNotFound(inTenant(scope, (tx) => getSalesCurve(tx, id, performanceId, { compareWith, now }))),
    orNotFound(inTenant(scope, (tx) => getRequiredPace(tx, id, performanceId, { targetFillRate: params.target / 100, now }))),
    inTenant(scope, (tx) => getBreakdown(tx, id, filters, "performance")),
    inTenant(scope, (tx) => getPerformancePendingReservations(tx, id, performanceId)),
    getLabels(),
    getTranslations("ignition"),
    getLocale(),
  ]);
  if (!heading) notFound();

  const startsAt = heading.startsAt.getTime();
  const others = all.filter((r) => r.key !== performanceId);
  const nearest = [...others]
    .sort((a, b) => Math.abs(a.performance!.startsAt.getTime() - startsAt) - Math.abs(b.performance!.startsAt.getTime() - startsAt))
    .slice(0, MAX_CANDIDATES);
  // Ticked performances stay in the list (so they can be unticked) even when further away.
  const candidates = others
    .filter((r) => nearest.includes(r) || params.with.includes(r.key))
    .sort((a, b) => a.performance!.startsAt.getTime() - b.performance!.startsAt.getTime());
  const chartTitle = t("curve.chartTitle");
  const target = { key: "target", name: t("curve.thisPerformance"), values: curve.target.tickets };
  const comparisons = curve.comparisons.filter((c) => c.basedOn > 0).map((c, i) => ({ key: `c${i}`, name: seriesName(c, t, labels), values: c.tickets }));
  const noAverage = params.compare !== "performances" && curve.comparisons.every((c) => c.basedOn === 0);
  const here = ignitionPath(tenantSlug, "performances", performanceId);
  // The data table shows one row a week (and the performance's day): 121 daily rows say no more.
  const rowsShown = curve.offsets.map((offset, i) => ({ offset, i })).filter(({ offset }) => offset % 7 === 0);

  return (
    <>
      <p className="mb-2 text-sm">
        <a className="text-indigo-800 underline underline-offset-2" href={dashboardHref(ignitionPath(tenantSlug), filters)}>
          ← {t("curve.back")}
        </a>
      </p>
      <PageHeader
        eyebrow={t("curve.eyebrow")}
        title={heading.showTitle}
        description={`${labels.dateTime(heading.startsAt)} · ${heading.venueName}`}
      />
      {heading.status === "cancelled" ? (
        <p className="mb-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm font-medium text-red-800">{t("curve.cancelled")}</p>
      ) : null}
      {pending.tickets > 0 ? (
        <p className="mb-4 rounded-md border border-dashed border-amber-500 bg-amber-50 px-3 py-2 text-sm text-slate-800" data-testid="performance-pending">
          {t("curve.pending", { tickets: pending.tickets, amount: formatEuros(pending.amountCents, locale) })}
        </p>
      ) : null}
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-3">
        <div className="min-w-0 xl:col-span-2">
          <ChartFrame
            id="curve"
            title={chartTitle}
            filename="courbe-de-remplissage"
            pngLabel={t("export.pngLabel", { chart: chartTitle })}
            pngText={t("export.png")}
            failedText={t("export.pngFailed")}
            actions={
              ctx.canExport ? (
                <CsvLink
                  href={dashboardHref(ignitionPath(tenantSlug, "export", "curve"), filters, {
                    performanceId,
                    compare: params.compare,
                    with: params.compare === "performances" ? params.with : undefined,
                  })}
                  label={t("export.csvLabel", { table: chartTitle })}
                  text={t("export.csv")}
                />
              ) : null
            }
          >
            {noAverage ? <p className="mb-2 text-sm text-slate-700">{t("curve.noAverage")}</p> : null}
            <CurveChart
              offsets={curve.offsets}
              target={target}
              comparisons={comparisons}
              capacity={curve.capacity}
              capacityLabel={t("curve.capacity", { value: formatCount(curve.capacity, locale) })}
              targetTickets={pace.targetTickets}
              targetLabel={t("curve.targetLine", { target: params.target })}
              xLabel={t("curve.xAxis")}
              yLabel={t("curve.yAxis")}
              dayLabel={locale === "en" ? "D" : "J"}
              locale={locale}
            />
            <DataDisclosure summary={t("data.show")}>
              <DataTable
                caption={chartTitle}
                hideCaption
                rows={rowsShown}
                rowKey={(r) => String(r.offset)}
                testId="curve-table"
                columns={[
                  { header: t("columns.daysBefore"), cell: (r) => (r.offset === 0 ? t("curve.performanceDay") : t("curve.daysBeforeValue", { days: -r.offset })) },
                  { header: target.name, cell: (r) => fmt(target.values[r.i], locale), numeric: true },
                  ...comparisons.map((c) => ({ header: c.name, cell: (r: { i: number }) => fmt(c.values[r.i], locale), numeric: true })),
                ]}
              />
            </DataDisclosure>
          </ChartFrame>
        </div>
        <div className="flex min-w-0 flex-col gap-6">
          <PacePanel pace={pace} target={params.target} />
          <CurveForm action={here} filters={filters} params={params} candidates={candidates} labels={labels} />
        </div>
      </div>
    </>
  );
}

function fmt(value: number | null | undefined, locale: string): string {
  return value === null || value === undefined ? "—" : formatCount(Math.round(value), locale);
}
