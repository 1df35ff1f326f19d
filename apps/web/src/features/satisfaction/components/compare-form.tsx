// The comparison's choices as a plain GET form: survey, what to compare, the show (for its
// performances), a period, and 2–6 items (the first ticked in list order is the reference). Errors are linked to their fields and
// everything chosen is sent back into the form.
import { getTranslations } from "next-intl/server";
import { Field } from "@rappel/ui";
import { COMPARE_MODES, MAX_COMPARED } from "../lib/compare-queries";
import type { CompareParams } from "../lib/compare-params";

const control = "mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5";
const errorText = "mt-1 text-sm font-medium text-red-700";

export interface CompareChoice {
  key: string;
  label: string;
  responses?: number;
}

export async function CompareForm({
  tenantSlug,
  params,
  surveys,
  shows,
  items,
}: {
  tenantSlug: string;
  params: CompareParams & { surveyId: string };
  surveys: { id: string; name: string }[];
  shows: { id: string; title: string }[];
  items: CompareChoice[];
}) {
  const t = await getTranslations("satisfaction.compare");
  const r = await getTranslations("satisfaction.results");
  const has = (p: CompareParams["problems"][number]) => params.problems.includes(p);
  const itemsError = has("tooFew") ? t("tooFew") : has("tooMany") ? t("tooMany", { max: MAX_COMPARED }) : null;
  const fromError = has("badFrom") ? t("badDate") : null;
  const toError = has("badTo") ? t("badDate") : has("badPeriod") ? t("badPeriod") : null;
  return (
    <form method="get" action={`/t/${tenantSlug}/satisfaction/compare`} aria-label={t("form")} className="mt-4 grid gap-4 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-2">
      <div className="grid gap-3">
        <div className="text-sm">
          <label htmlFor="compare-survey">{r("survey")}</label>
          <select id="compare-survey" name="survey" defaultValue={params.surveyId} className={control}>
            {surveys.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </div>
        <fieldset className="text-sm">
          <legend className="font-medium">{t("modeLegend")}</legend>
          <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
            {COMPARE_MODES.map((m) => (
              <label key={m} className="inline-flex items-center gap-2">
                <input type="radio" name="mode" value={m} defaultChecked={params.mode === m} />
                {t(`modes.${m}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="text-sm">
          <label htmlFor="compare-show">{r("show")}</label>
          <select id="compare-show" name="show" defaultValue={params.showId ?? ""} className={control} aria-describedby="compare-show-hint">
            <option value="">—</option>
            {shows.map((s) => <option key={s.id} value={s.id}>{s.title}</option>)}
          </select>
          <p id="compare-show-hint" className="mt-1 text-xs text-slate-600">{t("showHint")}</p>
        </div>
        <div className="grid grid-cols-2 gap-3">
          <Field id="compare-from" type="date" name="from" label={r("from")} defaultValue={params.fromText} error={fromError} />
          <Field id="compare-to" type="date" name="to" label={r("to")} defaultValue={params.toText} error={toError} />
        </div>
      </div>
      <fieldset className="text-sm"
        aria-describedby={itemsError ? "compare-items-hint compare-items-error" : "compare-items-hint"}>
        <legend className="font-medium">{t("items", { max: MAX_COMPARED })}</legend>
        <p id="compare-items-hint" className="text-xs text-slate-600">{t("itemsHint")}</p>
        {params.mode === "performances" && !params.showId ? (
          <p className="mt-2">{t("pickShow")}</p>
        ) : items.length === 0 ? (
          <p className="mt-2">{t("noItems")}</p>
        ) : (
          <ul className="mt-2 grid max-h-64 gap-1 overflow-y-auto">
            {items.map((i) => (
              <li key={i.key}>
                <label className="inline-flex items-center gap-2">
                  <input type="checkbox" name="item" value={i.key} defaultChecked={params.items.includes(i.key)} />
                  <span>{i.label}</span>
                  {i.responses !== undefined ? <span className="text-slate-600">· {t("responsesSuffix", { count: i.responses })}</span> : null}
                </label>
              </li>
            ))}
          </ul>
        )}
        {itemsError ? <p id="compare-items-error" role="alert" className={errorText}>{itemsError}</p> : null}
      </fieldset>
      <div className="md:col-span-2">
        <button name="go" value="1" className="rounded-md bg-indigo-700 px-4 py-2 font-medium text-white">{t("submit")}</button>
      </div>
    </form>
  );
}
