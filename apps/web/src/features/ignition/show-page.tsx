// /t/[slug]/ignition/shows/[showId]: drill-down from a show to its performances in the period,
// each opening its sales curve.
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { getShowPerformances } from "@rappel/ignition-analytics";
import { PageHeader } from "@rappel/ui";
import { CsvLink } from "./components/csv-link";
import { PerformanceTable } from "./components/performance-table";
import { getLabels } from "./lib/labels";
import { openIgnition } from "./lib/page-context";
import { inTenant, loadShowHeading } from "./lib/queries";
import { dashboardHref, ignitionPath, type SearchParams } from "./lib/url-state";

export interface ShowPageProps {
  params: Promise<{ tenantSlug: string; showId: string }>;
  searchParams: Promise<SearchParams>;
}

export async function IgnitionShowPage(props: ShowPageProps) {
  const { showId } = await props.params;
  const ctx = await openIgnition(props, "shows", showId);
  if (!z.guid().safeParse(showId).success) notFound();
  const { filters, scope, tenantSlug } = ctx;
  const id = scope.tenantId;
  const [show, rows, labels, t] = await Promise.all([
    inTenant(scope, (tx) => loadShowHeading(tx, id, showId)),
    inTenant(scope, (tx) => getShowPerformances(tx, id, filters, showId)),
    getLabels(),
    getTranslations("ignition"),
  ]);
  if (!show) notFound();
  // A show's performances read best in date order (the data layer sorts by revenue).
  rows.sort((a, b) => a.performance!.startsAt.getTime() - b.performance!.startsAt.getTime());
  const tableTitle = t("show.performances");
  return (
    <>
      <p className="mb-2 text-sm">
        <a className="text-indigo-800 underline underline-offset-2" href={dashboardHref(ignitionPath(tenantSlug, "breakdowns"), filters, { dim: "show" })}>
          ← {t("show.back")}
        </a>
      </p>
      <PageHeader
        eyebrow={`${t("show.eyebrow")} · ${labels.genre(show.genre)}`}
        title={show.title}
        description={`${t("show.description")} ${t("filters.summary", {
          from: labels.day(filters.from),
          to: labels.day(filters.to),
          basis: filters.basis === "sale" ? t("filters.summaryBasisSale") : t("filters.summaryBasisPerformance"),
        })}`}
      />
      <section aria-labelledby="show-performances" className="min-w-0 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        <div className="mb-3 flex flex-wrap items-start justify-between gap-2">
          <h2 id="show-performances" className="text-base font-semibold text-slate-900">
            {tableTitle}
          </h2>
          {ctx.canExport ? (
            <CsvLink
              href={dashboardHref(ignitionPath(tenantSlug, "export", "show-performances"), filters, { showId })}
              label={t("export.csvLabel", { table: `${show.title} — ${tableTitle}` })}
              text={t("export.csv")}
            />
          ) : null}
        </div>
        {rows.length === 0 ? (
          <p className="text-sm text-slate-700">{t("show.empty")}</p>
        ) : (
          <PerformanceTable caption={tableTitle} hideCaption rows={rows} tenantSlug={tenantSlug} filters={filters} labels={labels} withTitle={false} testId="show-performances" />
        )}
      </section>
    </>
  );
}
