// A table of performances (ranking, a show's performances, the breakdown by performance): each
// links to its sales curve. Figures only: nothing here leads to an individual spectator.
import { getLocale, getTranslations } from "next-intl/server";
import type { BreakdownRow, TDashboardFilters } from "@rappel/ignition-analytics";
import { formatCount, formatEuros, formatPercent } from "../lib/format";
import type { Labels } from "../lib/labels";
import { dashboardHref, ignitionPath } from "../lib/url-state";
import { DataTable } from "@rappel/ui";

export interface PerformanceTableProps {
  caption: string;
  hideCaption?: boolean;
  rows: BreakdownRow[];
  tenantSlug: string;
  filters: TDashboardFilters;
  labels: Labels;
  /** Show the title column (off on a show's own page, where it is the same everywhere). */
  withTitle?: boolean;
  /** Only the essentials (performance, tickets, fill rate): for half-width cards. */
  compact?: boolean;
  testId?: string;
}

export async function PerformanceTable({ caption, hideCaption, rows, tenantSlug, filters, labels, withTitle = true, compact = false, testId }: PerformanceTableProps) {
  const [t, locale] = await Promise.all([getTranslations("ignition"), getLocale()]);
  const linkText = (r: BreakdownRow) => (withTitle ? r.label : labels.dateTime(r.performance!.startsAt));
  return (
    <DataTable
      caption={caption}
      hideCaption={hideCaption}
      rows={rows}
      rowKey={(r) => r.key}
      testId={testId}
      columns={[
        {
          header: withTitle ? t("columns.performance") : t("columns.date"),
          cell: (r) => (
            <>
              <a
                href={dashboardHref(ignitionPath(tenantSlug, "performances", r.key), filters)}
                aria-label={t("breakdowns.openCurve", { performance: `${r.label}, ${labels.dateTime(r.performance!.startsAt)}` })}
                className="text-indigo-800 underline underline-offset-2 hover:text-indigo-950"
              >
                {linkText(r)}
              </a>
              {withTitle ? <span className="block text-xs font-normal text-slate-600">{labels.dateTime(r.performance!.startsAt)}</span> : null}
              {r.performance?.cancelled ? <span className="block text-xs font-semibold text-red-800">{t("columns.cancelled")}</span> : null}
            </>
          ),
        },
        { header: t("columns.venue"), cell: (r) => r.performance?.venueName ?? "", wide: true },
        { header: t("columns.tickets"), cell: (r) => formatCount(r.tickets, locale), numeric: true },
        ...(compact
          ? []
          : [
              { header: t("columns.revenue"), cell: (r: BreakdownRow) => formatEuros(r.revenueCents, locale), numeric: true, wide: true },
              { header: t("columns.sellable"), cell: (r: BreakdownRow) => (r.sellable === null ? "—" : formatCount(r.sellable, locale)), numeric: true, wide: true },
            ]),
        { header: t("columns.fillRate"), cell: (r) => formatPercent(r.fillRate, locale), numeric: true },
      ]}
    />
  );
}
