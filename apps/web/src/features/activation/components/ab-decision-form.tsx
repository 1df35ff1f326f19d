"use client";
// Moves a running A/B test's decision time (Paris wall clock), within the bounds the server
// checks again (lib/ab-decision-time.ts): after launch + minimum wait, before launch + maximum.
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@rappel/ui";
import { moveAbDecisionAction, type AbDecisionActionState } from "../schedule-actions";

const inputClass = "min-h-11 rounded-md border bg-white px-3 py-2 text-base text-slate-900 shadow-sm focus:outline-2 focus:outline-offset-1 focus:outline-indigo-600";

export interface AbDecisionFormProps {
  tenantSlug: string;
  campaignId: string;
  current: { date: string; time: string };
  /** Already formatted in Europe/Paris by the server. */
  bounds: { earliest: string; latest: string };
}

export function AbDecisionForm({ tenantSlug, campaignId, current, bounds }: AbDecisionFormProps) {
  const t = useTranslations("activation.report.ab.move");
  const te = useTranslations("activation.editor.errors");
  const [state, move, pending] = useActionState<AbDecisionActionState, FormData>(moveAbDecisionAction, { status: "idle" });
  const error = state.status === "invalid" ? (te.has(state.message) ? te(state.message) : state.message) : null;
  const describedBy = ["ab-decide-hint", error ? "ab-decide-error" : ""].filter(Boolean).join(" ");
  const border = error ? "border-red-700" : "border-slate-400";
  return (
    <form action={move} className="mt-3 flex flex-col gap-2 border-t border-slate-200 pt-3" data-testid="ab-decide-form" aria-labelledby="ab-decide-title">
      <h3 id="ab-decide-title" className="text-sm font-semibold text-slate-900">{t("title")}</h3>
      <input type="hidden" name="tenantSlug" value={tenantSlug} />
      <input type="hidden" name="campaignId" value={campaignId} />
      <div className="flex flex-wrap items-end gap-3">
        <span className="flex flex-col gap-1">
          <label htmlFor="ab-decide-date" className="text-sm font-medium text-slate-900">{t("date")}</label>
          <input id="ab-decide-date" name="decideDate" type="date" defaultValue={current.date} className={`${inputClass} ${border}`}
            aria-describedby={describedBy} aria-invalid={error ? true : undefined} />
        </span>
        <span className="flex flex-col gap-1">
          <label htmlFor="ab-decide-time" className="text-sm font-medium text-slate-900">{t("time")}</label>
          <input id="ab-decide-time" name="decideTime" type="time" defaultValue={current.time} className={`${inputClass} ${border}`}
            aria-describedby={describedBy} aria-invalid={error ? true : undefined} />
        </span>
        <Button type="submit" variant="secondary" disabled={pending}>{t("submit")}</Button>
      </div>
      <p id="ab-decide-hint" className="text-sm text-slate-600">{t("hint", bounds)}</p>
      {state.status === "moved" ? <p role="status" className="text-sm text-emerald-800">{t("moved")}</p> : null}
      {error ? <p id="ab-decide-error" role="alert" className="text-sm font-medium text-red-700">{error}</p> : null}
    </form>
  );
}
