// The results filters as a plain GET form (shareable URLs, works without JavaScript).
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import type { SurveyFilters } from "../lib/queries";

export interface SatisfactionPageProps {
  params: Promise<{ tenantSlug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const ZFilters = z.object({
  survey: z.uuid().optional().catch(undefined),
  show: z.uuid().optional().catch(undefined),
  venue: z.uuid().optional().catch(undefined),
  genre: z.string().max(60).optional().catch(undefined),
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
});

export function parseFilters(query: Record<string, string | string[] | undefined>): SurveyFilters {
  const flat = Object.fromEntries(Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v || undefined]));
  const f = ZFilters.parse(flat);
  return {
    ...(f.survey ? { surveyId: f.survey } : {}),
    ...(f.show ? { showId: f.show } : {}),
    ...(f.venue ? { venueId: f.venue } : {}),
    ...(f.genre ? { genre: f.genre } : {}),
    ...(f.from ? { from: new Date(`${f.from}T00:00:00Z`) } : {}),
    ...(f.to ? { to: new Date(`${f.to}T00:00:00Z`) } : {}),
  };
}

export function filterQuery(f: SurveyFilters): string {
  const q = new URLSearchParams();
  if (f.surveyId) q.set("survey", f.surveyId);
  if (f.showId) q.set("show", f.showId);
  if (f.venueId) q.set("venue", f.venueId);
  if (f.genre) q.set("genre", f.genre);
  if (f.from) q.set("from", f.from.toISOString().slice(0, 10));
  if (f.to) q.set("to", f.to.toISOString().slice(0, 10));
  return q.toString();
}

const select = "mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5";

export async function FilterForm({
  tenantSlug,
  path,
  filters,
  surveys,
  options,
  extra,
}: {
  tenantSlug: string;
  path: string;
  filters: SurveyFilters;
  surveys: { id: string; name: string }[];
  options: { shows: { id: string; title: string }[]; venues: { id: string; name: string }[]; genres: string[] };
  extra?: React.ReactNode;
}) {
  const t = await getTranslations("satisfaction.results");
  return (
    <form method="get" action={`/t/${tenantSlug}/satisfaction${path}`} className="mt-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-3 lg:grid-cols-7" aria-label={t("filters")}>
      <label className="text-sm">{t("survey")}
        <select name="survey" defaultValue={filters.surveyId} className={select}>
          {surveys.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </select>
      </label>
      <label className="text-sm">{t("show")}
        <select name="show" defaultValue={filters.showId ?? ""} className={select}>
          <option value="">{t("all")}</option>
          {options.shows.map((s) => <option key={s.id} value={s.id}>{s.title}</option>)}
        </select>
      </label>
      <label className="text-sm">{t("venue")}
        <select name="venue" defaultValue={filters.venueId ?? ""} className={select}>
          <option value="">{t("all")}</option>
          {options.venues.map((v) => <option key={v.id} value={v.id}>{v.name}</option>)}
        </select>
      </label>
      <label className="text-sm">{t("genre")}
        <select name="genre" defaultValue={filters.genre ?? ""} className={select}>
          <option value="">{t("all")}</option>
          {options.genres.map((g) => <option key={g} value={g}>{g}</option>)}
        </select>
      </label>
      <label className="text-sm">{t("from")}
        <input type="date" name="from" defaultValue={filters.from?.toISOString().slice(0, 10)} className={select} />
      </label>
      <label className="text-sm">{t("to")}
        <input type="date" name="to" defaultValue={filters.to?.toISOString().slice(0, 10)} className={select} />
      </label>
      {extra}
      <div className="flex items-end">
        <button className="w-full rounded-md bg-indigo-700 px-3 py-2 font-medium text-white">{t("apply")}</button>
      </div>
    </form>
  );
}
