// /t/[slug]/ignition/breakdowns?dim=…: the period's sales by show, performance, venue, genre,
// sales channel or price category; a show drills down to its performances, a performance opens
// its sales curve.
import { getLocale, getTranslations } from "next-intl/server";
import { BREAKDOWN_DIMENSIONS, getBreakdown, type BreakdownRow, type TBreakdownDimension } from "@rappel/ignition-analytics";
import { DataTable, LinkTabs } from "@rappel/ui";
import { ChartFrame } from "./components/chart-frame";
import { RevenueBars } from "./components/charts";
import { CsvLink } from "./components/csv-link";
import { IgnitionFrame } from "./components/ignition-frame";
import { NoTicketingData } from "./components/no-data";
import { PerformanceTable } from "./components/performance-table";
import { formatCount, formatEuros, formatPercent } from "./lib/format";
import { getLabels, type Labels } from "./lib/labels";
import { openIgnition, type IgnitionPageProps } from "./lib/page-context";
import { hasTicketingData, inTenant, loadFilterOptions } from "./lib/queries";
import { dashboardHref, ignitionPath } from "./lib/url-state";
import type { TDashboardFilters } from "@rappel/ignition-analytics";

const WITH_CAPACITY: ReadonlySet<TBreakdownDimension> = new Set(["show", "performance", "venue", "genre"]);

async function BreakdownTable(props: { dim: TBreakdownDimension; rows: BreakdownRow[]; caption: string; tenantSlug: string; filters: TDashboardFilters; labels: Labels }) {
  const { dim, rows, tenantSlug, filters, labels } = props;
  const [t, locale] = await Promise.all([getTranslations("ignition"), getLocale()]);
  if (dim === "performance") {
    return <PerformanceTable caption={props.caption} hideCaption rows={rows} tenantSlug={tenantSlug} filters={filters} labels={labels} testId="breakdown-table" />;
  }
  const capacity = WITH_CAPACITY.has(dim);
  return (
    <DataTable
      caption={props.caption}
      hideCaption
      rows={rows}
      rowKey={(r) => r.key || "none"}
      testId="breakdown-table"
      columns={[
        {
          header: t(`columns.${dim}`),
          cell: (r) =>
            dim === "show" ? (
              <a
                href={dashboardHref(ignitionPath(tenantSlug, "shows", r.key), filters)}
                aria-label={t("breakdowns.drillDown", { show: r.label })}
                className="text-indigo-800 underline underline-offset-2 hover:text-indigo-950"
              >
                {r.label}
              </a>
            ) : (
              labels.breakdownKey(dim, r.label)
            ),
        },
        { header: t("columns.tickets"), cell: (r) => formatCount(r.tickets, locale), numeric: true },
        { header: t("columns.complimentary"), cell: (r) => formatCount(r.complimentary, locale), numeric: true, wide: true },
        { header: t("columns.revenue"), cell: (r) => formatEuros(r.revenueCents, locale), numeric: true },
        ...(capacity
          ? [
              { header: t("columns.sellable"), cell: (r: BreakdownRow) => (r.sellable === null ? "—" : formatCount(r.sellable, locale)), numeric: true, wide: true },
              { header: t("columns.fillRate"), cell: (r: BreakdownRow) => formatPercent(r.fillRate, locale), numeric: true },
            ]
          : []),
      ]}
    />
  );
}

export async function IgnitionBreakdownsPage(props: IgnitionPageProps) {
  const ctx = await openIgnition(props, "breakdowns");
  const { filters, scope, view, tenantSlug } = ctx;
  const id = scope.tenantId;
  const [base, rows, labels, t, locale] = await Promise.all([
    inTenant(scope, async (tx) => ({ hasData: await hasTicketingData(tx, id), options: await loadFilterOptions(tx, id, filters) })),
    inTenant(scope, (tx) => getBreakdown(tx, id, filters, view.dim)),
    getLabels(),
    getTranslations("ignition"),
    getLocale(),
  ]);
  if (!base.hasData) return <NoTicketingData tenantName={ctx.tenant.name} />;

  const here = ignitionPath(tenantSlug, "breakdowns");
  const dimension = t(`dimensions.${view.dim}`);
  const chartTitle = t("breakdowns.chartTitle", { dimension });
  const tableTitle = `${t("breakdowns.title")} — ${t(`dimensionTabs.${view.dim}`)}`;
  const barLabel = (r: BreakdownRow) => (view.dim === "performance" ? `${r.label} ${labels.day(r.performance!.startsAt.toISOString().slice(0, 10))}` : labels.breakdownKey(view.dim, r.label));
  const top = rows.filter((r) => r.revenueCents > 0).slice(0, 10).map((r) => ({ label: barLabel(r), value: r.revenueCents / 100 }));

  return (
    <IgnitionFrame
      tenantSlug={tenantSlug}
      tenantName={ctx.tenant.name}
      view="breakdowns"
      filters={filters}
      invalid={ctx.invalid}
      options={base.options}
      labels={labels}
      keep={{ dim: view.dim }}
      now={ctx.now}
    >
      <LinkTabs
        className="mb-4"
        label={t("breakdowns.dimension")}
        tabs={BREAKDOWN_DIMENSIONS.map((d) => ({ href: dashboardHref(here, filters, { dim: d }), label: t(`dimensionTabs.${d}`), current: d === view.dim }))}
      />
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-700">{t("breakdowns.empty")}</p>
      ) : (
        <div className="flex flex-col gap-6">
          {top.length > 0 ? (
            <ChartFrame
              id="breakdown-chart"
              title={chartTitle}
              filename={`repartition-${view.dim}`}
              pngLabel={t("export.pngLabel", { chart: chartTitle })}
              pngText={t("export.png")}
              failedText={t("export.pngFailed")}
            >
              <RevenueBars points={top} locale={locale} valueLabel={t("columns.revenue")} />
            </ChartFrame>
          ) : null}
          <section aria-labelledby="breakdown-table-title" className="min-w-0 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
            <div className="mb-3 flex flex-wrap items-start justify-between gap-2">
              <h2 id="breakdown-table-title" className="text-base font-semibold text-slate-900">
                {tableTitle}
              </h2>
              {ctx.canExport ? (
                <CsvLink
                  href={dashboardHref(ignitionPath(tenantSlug, "export", "breakdown"), filters, { dim: view.dim })}
                  label={t("export.csvLabel", { table: tableTitle })}
                  text={t("export.csv")}
                />
              ) : null}
            </div>
            <BreakdownTable dim={view.dim} rows={rows} caption={tableTitle} tenantSlug={tenantSlug} filters={filters} labels={labels} />
          </section>
        </div>
      )}
    </IgnitionFrame>
  );
}
