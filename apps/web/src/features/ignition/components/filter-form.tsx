// The filters as a GET form: submitting it changes the URL, so it works without JavaScript and
// every filtered view can be shared. Screen-specific parameters ride along as hidden fields.
import { getTranslations } from "next-intl/server";
import { Field, SelectField, buttonClasses } from "@rappel/ui";
import { SALES_CHANNELS, parisDay, seasonOf, type TDashboardFilters } from "@rappel/ignition-analytics";
import type { FilterOptions } from "../lib/queries";
import type { Labels } from "../lib/labels";
import { addYears } from "../lib/seasons";

export interface FilterFormProps {
  action: string;
  filters: TDashboardFilters;
  options: FilterOptions;
  labels: Labels;
  /** Parameters of the current screen to keep (e.g. granularity). */
  keep: Record<string, string | undefined>;
  now: Date;
  invalid: boolean;
}

export async function FilterForm({ action, filters, options, labels, keep, now, invalid }: FilterFormProps) {
  const t = await getTranslations("ignition.filters");
  const season = seasonOf(parisDay(now));
  const previous = { from: addYears(season.from, -1), to: addYears(season.to, -1) };
  const hrefWith = (period: { from: string; to: string } | null) => {
    const q = new URLSearchParams(period ?? {});
    for (const [k, v] of Object.entries(keep)) if (v) q.set(k, v);
    const text = q.toString();
    return text ? `${action}?${text}` : action;
  };
  return (
    <form method="get" action={action} className="mb-6 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-labelledby="filters-legend">
      {invalid ? (
        <p role="alert" className="mb-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t("invalid")}
        </p>
      ) : null}
      <fieldset className="min-w-0">
        <legend id="filters-legend" className="mb-3 text-base font-semibold text-slate-900">
          {t("legend")}
        </legend>
        <div className="grid grid-cols-2 items-end gap-3 sm:gap-4 lg:grid-cols-4">
          <Field id="filter-from" name="from" type="date" label={t("from")} defaultValue={filters.from} required />
          <Field id="filter-to" name="to" type="date" label={t("to")} defaultValue={filters.to} required />
          <SelectField
            id="filter-basis"
            name="basis"
            label={t("basis")}
            defaultValue={filters.basis}
            options={[
              { value: "performance", label: t("basisPerformance") },
              { value: "sale", label: t("basisSale") },
            ]}
          />
          <SelectField
            id="filter-venue"
            name="venueId"
            label={t("venue")}
            defaultValue={filters.venueId ?? ""}
            options={[{ value: "", label: t("allVenues") }, ...options.venues.map((v) => ({ value: v.id, label: v.name }))]}
          />
          <SelectField
            id="filter-show"
            name="showId"
            label={t("show")}
            defaultValue={filters.showId ?? ""}
            options={[{ value: "", label: t("allShows") }, ...options.shows.map((s) => ({ value: s.id, label: s.title }))]}
          />
          <SelectField
            id="filter-genre"
            name="genre"
            label={t("genre")}
            defaultValue={filters.genre ?? ""}
            options={[{ value: "", label: t("allGenres") }, ...options.genres.map((g) => ({ value: g, label: labels.genre(g) }))]}
          />
          <SelectField
            id="filter-channel"
            name="salesChannel"
            label={t("channel")}
            defaultValue={filters.salesChannel ?? ""}
            options={[{ value: "", label: t("allChannels") }, ...SALES_CHANNELS.map((c) => ({ value: c, label: labels.channel(c) }))]}
          />
          <div className="col-span-2 flex flex-wrap items-end gap-2 lg:col-span-1">
            <button type="submit" className={buttonClasses("primary")}>
              {t("apply")}
            </button>
            <a href={hrefWith(null)} className={buttonClasses("ghost")}>
              {t("reset")}
            </a>
          </div>
        </div>
        {Object.entries(keep).map(([name, value]) => (value ? <input key={name} type="hidden" name={name} value={value} /> : null))}
      </fieldset>
      <p className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-sm">
        <a className="font-medium text-indigo-800 underline underline-offset-2 hover:text-indigo-950" href={hrefWith(season)}>
          {t("currentSeason")} ({season.from.slice(0, 4)}–{season.to.slice(0, 4)})
        </a>
        <a className="font-medium text-indigo-800 underline underline-offset-2 hover:text-indigo-950" href={hrefWith(previous)}>
          {t("previousSeason")} ({previous.from.slice(0, 4)}–{previous.to.slice(0, 4)})
        </a>
      </p>
    </form>
  );
}
