// /t/[slug]/ignition: KPI cards with their comparisons, sales over time, and the best and least
// filled performances of the period.
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { getOverviewKpis, getPendingReservations, getPerformanceRanking, getSalesSeries } from "@rappel/ignition-analytics";
import { cx, DataTable } from "@rappel/ui";
import { ChartFrame } from "./components/chart-frame";
import { SalesChart } from "./components/charts";
import { CsvLink } from "./components/csv-link";
import { DataDisclosure } from "./components/data-disclosure";
import { IgnitionFrame } from "./components/ignition-frame";
import { KpiCards } from "./components/kpi-cards";
import { NoTicketingData } from "./components/no-data";
import { PerformanceTable } from "./components/performance-table";
import { formatCount, formatEuros } from "./lib/format";
import { getLabels } from "./lib/labels";
import { openIgnition, type IgnitionPageProps } from "./lib/page-context";
import { hasTicketingData, inTenant, loadFilterOptions } from "./lib/queries";
import { dashboardHref, ignitionPath } from "./lib/url-state";

const GRANULARITIES = ["day", "week", "month"] as const;

export async function IgnitionOverviewPage(props: IgnitionPageProps) {
  const ctx = await openIgnition(props);
  const { filters, scope, view, tenantSlug } = ctx;
  const id = scope.tenantId;
  const [base, overview, pending, series, ranking, labels, t, locale] = await Promise.all([
    inTenant(scope, async (tx) => ({ hasData: await hasTicketingData(tx, id), options: await loadFilterOptions(tx, id, filters) })),
    inTenant(scope, (tx) => getOverviewKpis(tx, id, filters, ctx.now)),
    inTenant(scope, (tx) => getPendingReservations(tx, id, filters)),
    inTenant(scope, (tx) => getSalesSeries(tx, id, filters, view.granularity)),
    inTenant(scope, (tx) => getPerformanceRanking(tx, id, filters, 5)),
    getLabels(),
    getTranslations("ignition"),
    getLocale(),
  ]);
  if (!base.hasData) return <NoTicketingData tenantName={ctx.tenant.name} />;

  const here = ignitionPath(tenantSlug);
  const exportHref = (table: string, extras: Record<string, string> = {}) => dashboardHref(ignitionPath(tenantSlug, "export", table), filters, extras);
  const bucketLabel = (bucket: string) => (view.granularity === "month" ? labels.day(bucket).replace(/^1\s/, "") : labels.day(bucket));
  const points = series.map((p) => ({ label: bucketLabel(p.bucket), tickets: p.tickets, revenueEuros: p.revenueCents / 100 }));
  const salesTitle = t("sales.title");

  return (
    <IgnitionFrame
      tenantSlug={tenantSlug}
      tenantName={ctx.tenant.name}
      view="overview"
      filters={filters}
      invalid={ctx.invalid}
      options={base.options}
      labels={labels}
      keep={{ granularity: view.granularity === "week" ? undefined : view.granularity }}
      now={ctx.now}
    >
      {overview.kpis.tickets.current === 0 && series.length === 0 ? (
        <div role="status" className="mb-6 rounded-lg border border-dashed border-slate-300 bg-white p-4">
          <p className="font-semibold text-slate-900">{t("empty.filteredTitle")}</p>
          <p className="text-sm text-slate-700">{t("empty.filteredBody")}</p>
        </div>
      ) : null}
      <KpiCards
        overview={overview}
        pending={pending}
        labels={labels}
        csvLink={ctx.canExport ? <CsvLink href={exportHref("kpis")} label={t("export.csvLabel", { table: t("kpis.title") })} text={t("export.csv")} /> : undefined}
      />
      <div className="mb-8">
        <ChartFrame
          id="sales"
          title={salesTitle}
          filename="ventes"
          pngLabel={t("export.pngLabel", { chart: salesTitle })}
          pngText={t("export.png")}
          failedText={t("export.pngFailed")}
          description={t("sales.description")}
          actions={
            ctx.canExport ? (
              <CsvLink href={exportHref("sales", { granularity: view.granularity })} label={t("export.csvLabel", { table: salesTitle })} text={t("export.csv")} />
            ) : null
          }
        >
          <nav aria-label={t("sales.granularity")} data-export-ignore="true" className="mb-3 flex flex-wrap gap-1">
            {GRANULARITIES.map((g) => (
              <a
                key={g}
                href={dashboardHref(here, filters, { granularity: g === "week" ? undefined : g })}
                aria-current={g === view.granularity ? "page" : undefined}
                className={cx(
                  "inline-flex min-h-9 items-center rounded-md px-3 text-sm font-medium",
                  "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600",
                  g === view.granularity ? "bg-indigo-700 text-white" : "bg-slate-100 text-slate-800 hover:bg-slate-200",
                )}
              >
                {t(`sales.${g}`)}
              </a>
            ))}
          </nav>
          {points.length === 0 ? (
            <p className="text-sm text-slate-700">{t("sales.empty")}</p>
          ) : (
            <>
              <SalesChart points={points} locale={locale} ticketsLabel={t("sales.tickets")} revenueLabel={t("sales.revenue")} />
              <DataDisclosure summary={t("data.show")}>
                <DataTable
                  caption={salesTitle}
                  hideCaption
                  rows={series}
                  rowKey={(p) => p.bucket}
                  columns={[
                    { header: t("sales.bucket"), cell: (p) => (view.granularity === "week" ? t("sales.weekOf", { date: labels.day(p.bucket) }) : bucketLabel(p.bucket)) },
                    { header: t("sales.tickets"), cell: (p) => formatCount(p.tickets, locale), numeric: true },
                    { header: t("sales.complimentary"), cell: (p) => formatCount(p.complimentary, locale), numeric: true },
                    { header: t("sales.revenue"), cell: (p) => formatEuros(p.revenueCents, locale), numeric: true },
                  ]}
                />
              </DataDisclosure>
            </>
          )}
        </ChartFrame>
      </div>
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
        {(["top", "bottom"] as const).map((which) => (
          <section key={which} aria-labelledby={`ranking-${which}`} className="min-w-0 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
            <div className="mb-3 flex flex-wrap items-start justify-between gap-2">
              <h2 id={`ranking-${which}`} className="text-base font-semibold text-slate-900">
                {t(`ranking.${which}`)}
              </h2>
              {ctx.canExport ? (
                <CsvLink href={exportHref("ranking")} label={t("export.csvLabel", { table: t(`ranking.${which}`) })} text={t("export.csv")} />
              ) : null}
            </div>
            {ranking[which].length === 0 ? (
              <p className="text-sm text-slate-700">{t("ranking.empty")}</p>
            ) : (
              <PerformanceTable
                caption={t(`ranking.${which}`)}
                hideCaption
                rows={ranking[which]}
                tenantSlug={tenantSlug}
                filters={filters}
                labels={labels}
                testId={`ranking-${which}`}
                compact
              />
            )}
          </section>
        ))}
      </div>
    </IgnitionFrame>
  );
}

export async function ignitionMetadata(): Promise<Metadata> {
  const t = await getTranslations("areas.ignition");
  return { title: t("title") };
}
