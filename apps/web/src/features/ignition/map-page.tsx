// /t/[slug]/ignition/map?metric=…: where the audience comes from, as a choropleth by département
// (overseas départements in insets) and as points by commune around the venue, each with its
// table. Only aggregates of at least 5 spectators reach this page (the data layer merges the rest).
import { getLocale, getTranslations } from "next-intl/server";
import { ZGeoMetric, getAudienceByCommune, getAudienceByDepartement, type GeoCell, type TGeoMetric } from "@rappel/ignition-analytics";
import { cx } from "@rappel/ui";
import { ChartFrame } from "./components/chart-frame";
import { CommunePointsMap } from "./components/commune-points-map";
import { CsvLink } from "./components/csv-link";
import { DepartementMap } from "./components/departement-map";
import { GeoTable } from "./components/geo-table";
import { IgnitionFrame } from "./components/ignition-frame";
import { NoTicketingData } from "./components/no-data";
import { formatCount, formatEuros } from "./lib/format";
import { getLabels } from "./lib/labels";
import { colourClasses } from "./lib/map/color-scale";
import { layoutCommuneMap } from "./lib/map/commune-map";
import { openIgnition, type IgnitionPageProps } from "./lib/page-context";
import { hasTicketingData, inTenant, loadFilterOptions } from "./lib/queries";
import { dashboardHref, ignitionPath } from "./lib/url-state";

export async function IgnitionMapPage(props: IgnitionPageProps) {
  const ctx = await openIgnition(props, "map");
  const { filters, scope, view, tenantSlug } = ctx;
  const id = scope.tenantId;
  const metric = view.metric;
  const [base, departements, communes, labels, t, locale] = await Promise.all([
    inTenant(scope, async (tx) => ({ hasData: await hasTicketingData(tx, id), options: await loadFilterOptions(tx, id, filters) })),
    inTenant(scope, (tx) => getAudienceByDepartement(tx, id, filters, metric)),
    inTenant(scope, (tx) => getAudienceByCommune(tx, id, filters, metric)),
    getLabels(),
    getTranslations("ignition"),
    getLocale(),
  ]);
  if (!base.hasData) return <NoTicketingData tenantName={ctx.tenant.name} />;

  const metricLabel = t(`map.${metric}`);
  const formatValue = (v: number) => (metric === "revenue" ? formatEuros(v, locale) : formatCount(v, locale));
  const classes = colourClasses(departements.cells.map((c) => c.value));
  const depTitle = t("map.departementsTitle", { metric: metricLabel });
  const communeTitle = t("map.communesTitle", { metric: metricLabel });
  const communeMap = layoutCommuneMap(communes.cells, communes.venues);
  const here = ignitionPath(tenantSlug, "map");
  const exportHref = (table: string) => dashboardHref(ignitionPath(tenantSlug, "export", table), filters, { metric });
  const tooltip = (code: string, name: string, cell: GeoCell | undefined) =>
    t("map.tooltip", { place: `${name} (${code})`, value: cell ? formatValue(cell.value) : t("map.noData") });
  const notes = (
    <>
      <p>{t("map.privacy")}</p>
    </>
  );

  return (
    <IgnitionFrame
      tenantSlug={tenantSlug}
      tenantName={ctx.tenant.name}
      view="map"
      filters={filters}
      invalid={ctx.invalid}
      options={base.options}
      labels={labels}
      keep={{ metric: metric === "spectators" ? undefined : metric }}
      now={ctx.now}
    >
      <nav aria-label={t("map.metric")} className="mb-4 flex flex-wrap items-center gap-1">
        <span className="mr-2 text-sm font-medium text-slate-900">{t("map.metricLabel")}</span>
        {ZGeoMetric.options.map((m: TGeoMetric) => (
          <a
            key={m}
            href={dashboardHref(here, filters, { metric: m === "spectators" ? undefined : m })}
            aria-current={m === metric ? "page" : undefined}
            className={cx(
              "inline-flex min-h-11 items-center rounded-md px-3 text-sm font-medium",
              "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600",
              m === metric ? "bg-indigo-700 text-white" : "bg-slate-100 text-slate-800 hover:bg-slate-200",
            )}
          >
            {t(`map.${m}`)}
          </a>
        ))}
      </nav>
      <div className="flex flex-col gap-6">
        <ChartFrame
          id="departements"
          title={depTitle}
          filename={`provenance-departements-${metric}`}
          pngLabel={t("export.pngLabel", { chart: depTitle })}
          pngText={t("export.png")}
          failedText={t("export.pngFailed")}
          description={notes}
          actions={ctx.canExport ? <CsvLink href={exportHref("departements")} label={t("export.csvLabel", { table: t("map.tableTitle", { metric: metricLabel }) })} text={t("export.csv")} /> : null}
        >
          {departements.cells.length === 0 && !departements.other.figures ? <p className="mb-2 text-sm text-slate-700">{t("map.empty")}</p> : null}
          <div className="grid grid-cols-1 gap-6 2xl:grid-cols-5">
            <div className="2xl:col-span-3">
              <DepartementMap
                id="departements-map"
                title={depTitle}
                description={t("map.departementsDescription")}
                cells={departements.cells}
                classes={classes}
                tooltip={tooltip}
                legendTitle={`${t("map.legend")} (${metricLabel.toLowerCase()})`}
                noDataLabel={t("map.noData")}
                formatValue={formatValue}
              />
            </div>
            <div className="min-w-0 2xl:col-span-2">
              <h3 className="mb-2 text-sm font-semibold text-slate-900">{t("map.tableTitle", { metric: metricLabel })}</h3>
              <GeoTable
                caption={t("map.tableTitle", { metric: metricLabel })}
                placeHeader={t("columns.departement")}
                place={(c) => `${labels.departement(c.code)} (${c.code})`}
                cells={departements.cells}
                other={departements.other}
                unknown={departements.unknown}
                testId="departement-table"
              />
            </div>
          </div>
        </ChartFrame>
        <ChartFrame
          id="communes"
          title={communeTitle}
          filename={`provenance-communes-${metric}`}
          pngLabel={t("export.pngLabel", { chart: communeTitle })}
          pngText={t("export.png")}
          failedText={t("export.pngFailed")}
          description={communeMap ? t("map.communesDescription", { km: Math.round(communeMap.radiusKm) }) : undefined}
          actions={ctx.canExport ? <CsvLink href={exportHref("communes")} label={t("export.csvLabel", { table: t("map.communesTable", { metric: metricLabel }) })} text={t("export.csv")} /> : null}
        >
          <div className="grid grid-cols-1 gap-6 2xl:grid-cols-5">
            <div className="2xl:col-span-3">
              {communeMap ? (
                <>
                  <CommunePointsMap
                    id="communes-map"
                    title={communeTitle}
                    description={t("map.communesDescription", { km: Math.round(communeMap.radiusKm) })}
                    map={communeMap}
                    tooltip={(name, value) => t("map.tooltip", { place: name, value: formatValue(value) })}
                    venueLabel={t("map.venue")}
                    venueTooltip={(name) => t("map.tooltip", { place: t("map.venue"), value: name })}
                    formatValue={formatValue}
                  />
                  {communeMap.outside > 0 ? <p className="mt-2 text-sm text-slate-700">{t("map.communesOutside", { count: communeMap.outside })}</p> : null}
                </>
              ) : (
                <p className="text-sm text-slate-700">{t("map.noVenue")}</p>
              )}
            </div>
            <div className="min-w-0 2xl:col-span-2">
              <h3 className="mb-2 text-sm font-semibold text-slate-900">{t("map.communesTable", { metric: metricLabel })}</h3>
              <GeoTable
                caption={t("map.communesTable", { metric: metricLabel })}
                placeHeader={t("columns.commune")}
                place={(c) => c.name}
                extra={{ header: t("columns.departement"), cell: (c) => `${labels.departement(c.departement)} (${c.departement})` }}
                cells={communes.cells}
                other={communes.other}
                unknown={communes.unknown}
                testId="commune-table"
              />
            </div>
          </div>
        </ChartFrame>
      </div>
    </IgnitionFrame>
  );
}
