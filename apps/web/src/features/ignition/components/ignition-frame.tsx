// What every Ignition dashboard view shares: the page heading, the view tabs (links that keep
// the filters) and the filter form.
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { LinkTabs, PageHeader } from "@rappel/ui";
import type { TDashboardFilters } from "@rappel/ignition-analytics";
import { dashboardHref, ignitionPath } from "../lib/url-state";
import type { FilterOptions } from "../lib/queries";
import type { Labels } from "../lib/labels";
import { FilterForm } from "./filter-form";

export type IgnitionView = "overview" | "breakdowns" | "map";

const VIEW_PATHS: Record<IgnitionView, string[]> = { overview: [], breakdowns: ["breakdowns"], map: ["map"] };

export interface IgnitionFrameProps {
  tenantSlug: string;
  tenantName: string;
  view: IgnitionView;
  filters: TDashboardFilters;
  invalid: boolean;
  options: FilterOptions;
  labels: Labels;
  keep: Record<string, string | undefined>;
  now: Date;
  children: ReactNode;
}

export async function IgnitionFrame(props: IgnitionFrameProps) {
  const { tenantSlug, tenantName, view, filters, labels } = props;
  const [t, ta] = await Promise.all([getTranslations("ignition"), getTranslations("areas.ignition")]);
  const action = ignitionPath(tenantSlug, ...VIEW_PATHS[view]);
  const basis = filters.basis === "sale" ? t("filters.summaryBasisSale") : t("filters.summaryBasisPerformance");
  return (
    <>
      <PageHeader
        eyebrow={tenantName}
        title={ta("title")}
        description={t("filters.summary", { from: labels.day(filters.from), to: labels.day(filters.to), basis })}
      />
      <LinkTabs
        className="mb-6"
        label={t("tabs.label")}
        tabs={(Object.keys(VIEW_PATHS) as IgnitionView[]).map((v) => ({
          href: dashboardHref(ignitionPath(tenantSlug, ...VIEW_PATHS[v]), filters),
          label: t(`tabs.${v}`),
          current: v === view,
        }))}
      />
      <FilterForm
        action={action}
        filters={filters}
        options={props.options}
        labels={labels}
        keep={props.keep}
        now={props.now}
        invalid={props.invalid}
      />
      {props.children}
    </>
  );
}
