"use client";
// A campaign waiting for its start time: when (in Paris time), with a form to move it and a
// button to unschedule it (back to an editable draft). Both fail cleanly once it has started.
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@rappel/ui";
import { rescheduleCampaignAction, unscheduleCampaignAction, type ScheduleActionState } from "../schedule-actions";

const inputClass = "min-h-11 rounded-md border bg-white px-3 py-2 text-base text-slate-900 shadow-sm focus:outline-2 focus:outline-offset-1 focus:outline-indigo-600";

export interface ScheduledCampaignPanelProps {
  tenantSlug: string;
  campaignId: string;
  /** Already formatted in Europe/Paris by the server. */
  scheduledLabel: string;
  current: { date: string; time: string };
  canSend: boolean;
}

export function ScheduledCampaignPanel({ tenantSlug, campaignId, scheduledLabel, current, canSend }: ScheduledCampaignPanelProps) {
  const t = useTranslations("activation.scheduled");
  const te = useTranslations("activation.editor.errors");
  const [state, reschedule, pending] = useActionState<ScheduleActionState, FormData>(rescheduleCampaignAction, { status: "idle" });
  const [unState, unschedule, unPending] = useActionState<ScheduleActionState, FormData>(unscheduleCampaignAction, { status: "idle" });
  const message = (s: ScheduleActionState) => (s.status === "invalid" ? (te.has(s.message) ? te(s.message) : s.message) : null);
  const error = message(state);
  const describedBy = ["reschedule-hint", error ? "reschedule-error" : ""].filter(Boolean).join(" ");
  return (
    <section aria-labelledby="scheduled-title" className="flex max-w-2xl flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4" data-testid="scheduled-panel">
      <h2 id="scheduled-title" className="text-base font-semibold text-slate-900">{t("title")}</h2>
      <p className="text-sm text-slate-800" data-testid="scheduled-at">{t("at", { when: scheduledLabel })}</p>
      {state.status === "rescheduled" ? <p role="status" className="text-sm text-emerald-800">{t("rescheduled")}</p> : null}
      {canSend ? (
        <>
          <form action={reschedule} className="flex flex-wrap items-end gap-3">
            <input type="hidden" name="tenantSlug" value={tenantSlug} />
            <input type="hidden" name="campaignId" value={campaignId} />
            <span className="flex flex-col gap-1">
              <label htmlFor="reschedule-date" className="text-sm font-medium text-slate-900">{t("date")}</label>
              <input id="reschedule-date" name="scheduleDate" type="date" defaultValue={current.date} className={`${inputClass} ${error ? "border-red-700" : "border-slate-400"}`}
                aria-describedby={describedBy} aria-invalid={error ? true : undefined} />
            </span>
            <span className="flex flex-col gap-1">
              <label htmlFor="reschedule-time" className="text-sm font-medium text-slate-900">{t("time")}</label>
              <input id="reschedule-time" name="scheduleTime" type="time" defaultValue={current.time} className={`${inputClass} ${error ? "border-red-700" : "border-slate-400"}`}
                aria-describedby={describedBy} aria-invalid={error ? true : undefined} />
            </span>
            <Button type="submit" variant="secondary" disabled={pending}>{t("reschedule")}</Button>
          </form>
          <p id="reschedule-hint" className="text-sm text-slate-600">{t("hint")}</p>
          {error ? <p id="reschedule-error" role="alert" className="text-sm font-medium text-red-700">{error}</p> : null}
          <form action={unschedule} className="flex flex-col gap-2">
            <input type="hidden" name="tenantSlug" value={tenantSlug} />
            <input type="hidden" name="campaignId" value={campaignId} />
            <div><Button type="submit" variant="ghost" disabled={unPending}>{t("unschedule")}</Button></div>
            {message(unState) ? <p role="alert" className="text-sm font-medium text-red-700">{message(unState)}</p> : null}
          </form>
        </>
      ) : null}
    </section>
  );
}
