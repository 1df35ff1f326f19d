"use client";
// A text in French and English side by side (French first: it is required and the fallback), each
// with its label and its errors from the shared schema.
import { useTranslations } from "next-intl";
import type { TLocale, TLocalisedText } from "@rappel/survey/schema";
import { FieldErrors, useFieldIssues } from "./editor-context";

export const inputClass =
  "min-h-10 w-full rounded-md border border-slate-400 bg-white px-2 py-1 text-sm text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600 aria-[invalid=true]:border-red-700";

function OneLanguage({ path, label, value, onChange, multiline }: { path: string; label: string; value: string; onChange: (v: string) => void; multiline?: boolean }) {
  const { id, messages, errorId, controlProps } = useFieldIssues(path);
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">{label}</label>
      {multiline ? (
        <textarea id={id} rows={2} value={value} onChange={(e) => onChange(e.target.value)} className={inputClass} {...controlProps} />
      ) : (
        <input id={id} value={value} onChange={(e) => onChange(e.target.value)} className={inputClass} {...controlProps} />
      )}
      <FieldErrors id={errorId} messages={messages} />
    </div>
  );
}

export function LocalisedInput({
  path,
  label,
  value,
  onChange,
  multiline,
}: {
  /** Path of the text in the definition, e.g. "pages.0.questions.1.title". */
  path: string;
  label: string;
  value: TLocalisedText | undefined;
  onChange: (locale: TLocale, value: string) => void;
  multiline?: boolean;
}) {
  const t = useTranslations("satisfaction.editor");
  return (
    <div className="grid gap-2 sm:grid-cols-2">
      <OneLanguage path={`${path}.fr`} label={`${label} — ${t("french")}`} value={value?.fr ?? ""} onChange={(v) => onChange("fr", v)} multiline={multiline} />
      <OneLanguage path={`${path}.en`} label={`${label} — ${t("english")}`} value={value?.en ?? ""} onChange={(v) => onChange("en", v)} multiline={multiline} />
    </div>
  );
}
