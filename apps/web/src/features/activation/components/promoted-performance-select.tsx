"use client";
// The optional promoted performance of a campaign, in both editors (e-mail and SMS): the worker
// stops the campaign by itself once this performance sells out or is cancelled.
import { useId } from "react";
import { useTranslations } from "next-intl";

export interface PromotedPerformanceSelectProps {
  /** Performances the campaign may promote (labels formatted in Paris time by the server). */
  options: { value: string; label: string }[];
  defaultValue: string | null;
  className: string;
}

export function PromotedPerformanceSelect({ options, defaultValue, className }: PromotedPerformanceSelectProps) {
  const t = useTranslations("activation.editor");
  const id = useId();
  return (
    <span className="flex flex-col gap-1 text-sm">
      <label htmlFor={id} className="font-medium text-slate-800">{t("promoted")}</label>
      <select id={id} name="promotedPerformanceId" defaultValue={defaultValue ?? ""} className={className} aria-describedby={`${id}-hint`}>
        <option value="">{t("noPromoted")}</option>
        {options.map((p) => <option key={p.value} value={p.value}>{p.label}</option>)}
      </select>
      <span id={`${id}-hint`} className="text-slate-600">{t("promotedHint")}</span>
    </span>
  );
}
