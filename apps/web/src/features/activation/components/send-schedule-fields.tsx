"use client";
// How the campaign starts: now, or at a date and time in Europe/Paris (whatever the browser's
// zone: the server converts with the Paris rules, lib/campaign-schedule.ts). Holds the start
// button, whose label follows the choice.
import { useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@rappel/ui";

const inputClass = "min-h-11 rounded-md border bg-white px-3 py-2 text-base text-slate-900 shadow-sm focus:outline-2 focus:outline-offset-1 focus:outline-indigo-600";

export function SendScheduleFields({ defaultDate, error, pending }: { defaultDate: string; error: string | null; pending: boolean }) {
  const t = useTranslations("activation.editor.schedule");
  const [mode, setMode] = useState<"now" | "later">("now");
  const describedBy = ["schedule-hint", error ? "schedule-error" : ""].filter(Boolean).join(" ");
  return (
    <fieldset className="flex flex-col gap-3 rounded-md border border-slate-200 bg-white p-3" data-testid="send-schedule">
      <legend className="px-1 text-base font-semibold text-slate-900">{t("title")}</legend>
      <div className="flex flex-wrap gap-4">
        {(["now", "later"] as const).map((m) => (
          <label key={m} className="flex min-h-11 items-center gap-2 text-sm font-medium text-slate-900">
            <input type="radio" name="sendMode" value={m} checked={mode === m} onChange={() => setMode(m)} className="h-5 w-5" />
            {t(`modes.${m}`)}
          </label>
        ))}
      </div>
      {mode === "later" ? (
        <div className="flex flex-wrap gap-3">
          <span className="flex flex-col gap-1">
            <label htmlFor="schedule-date" className="text-sm font-medium text-slate-900">{t("date")}</label>
            <input id="schedule-date" name="scheduleDate" type="date" defaultValue={defaultDate} className={`${inputClass} ${error ? "border-red-700" : "border-slate-400"}`}
              aria-describedby={describedBy} aria-invalid={error ? true : undefined} />
          </span>
          <span className="flex flex-col gap-1">
            <label htmlFor="schedule-time" className="text-sm font-medium text-slate-900">{t("time")}</label>
            <input id="schedule-time" name="scheduleTime" type="time" defaultValue="10:00" className={`${inputClass} ${error ? "border-red-700" : "border-slate-400"}`}
              aria-describedby={describedBy} aria-invalid={error ? true : undefined} />
          </span>
        </div>
      ) : null}
      <p id="schedule-hint" className="text-sm text-slate-600">{t(mode === "later" ? "hintLater" : "hintNow")}</p>
      {error ? <p id="schedule-error" role="alert" className="text-sm font-medium text-red-700">{error}</p> : null}
      <div>
        <Button type="submit" name="intent" value="start" variant="danger" disabled={pending}>{t(mode === "later" ? "submitLater" : "submitNow")}</Button>
      </div>
    </fieldset>
  );
}
