// Choosing what the curve is compared with, and the target fill rate: a GET form (the choice is
// in the URL). The dashboard filters ride along as hidden fields.
import { getTranslations } from "next-intl/server";
import { Field, buttonClasses } from "@rappel/ui";
import { toSearchParams, type BreakdownRow, type TDashboardFilters } from "@rappel/ignition-analytics";
import type { Labels } from "../lib/labels";
import { COMPARE_MODES, MAX_COMPARED, type CurveParams } from "../lib/url-state";

const MODE_LABEL = { "same-show-average": "compareSameShow", "same-genre-average": "compareSameGenre", performances: "comparePerformances" } as const;

export async function CurveForm(props: { action: string; filters: TDashboardFilters; params: CurveParams; candidates: BreakdownRow[]; labels: Labels }) {
  const { action, filters, params, candidates, labels } = props;
  const t = await getTranslations("ignition.curve");
  return (
    <form method="get" action={action} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
      {[...toSearchParams(filters)].map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <fieldset className="min-w-0">
        <legend className="mb-2 text-base font-semibold text-slate-900">{t("compareLegend")}</legend>
        <div className="flex flex-col gap-1">
          {COMPARE_MODES.map((mode) => (
            <label key={mode} className="flex min-h-11 items-center gap-2 text-sm text-slate-900">
              <input type="radio" name="compare" value={mode} defaultChecked={params.compare === mode} className="size-4 accent-indigo-700" />
              {t(MODE_LABEL[mode])}
            </label>
          ))}
        </div>
      </fieldset>
      {candidates.length > 0 ? (
        <fieldset className="mt-3 min-w-0" aria-describedby="candidates-hint">
          <legend className="text-sm font-semibold text-slate-900">{t("candidates")}</legend>
          <p id="candidates-hint" className="mb-1 text-sm text-slate-600">
            {t("candidatesHint")}
          </p>
          <div className="max-h-56 overflow-y-auto rounded-md border border-slate-200 p-2">
            {candidates.map((c) => (
              <label key={c.key} className="flex min-h-11 items-center gap-2 text-sm text-slate-900">
                <input type="checkbox" name="with" value={c.key} defaultChecked={params.with.includes(c.key)} className="size-4 shrink-0 accent-indigo-700" />
                <span className="min-w-0">
                  {c.label} — {labels.dateTime(c.performance!.startsAt)}
                </span>
              </label>
            ))}
          </div>
          {params.with.length >= MAX_COMPARED ? <p className="mt-1 text-sm text-slate-600">{t("tooMany")}</p> : null}
        </fieldset>
      ) : null}
      <div className="mt-4 flex flex-wrap items-end gap-3">
        <Field id="curve-target" name="target" type="number" min={1} max={100} step={1} label={t("target")} defaultValue={params.target} className="w-48" />
        <button type="submit" className={buttonClasses("primary")}>
          {t("apply")}
        </button>
      </div>
    </form>
  );
}
