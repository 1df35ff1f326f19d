"use client";
// The editor's optional A/B subject test: up to two more subjects (A is the campaign's subject),
// the sample share, the winning metric and the wait before the decision, and which variant a test
// send carries. The fields are sent with the draft and read by lib/campaign-ab-form.ts.
import { useState } from "react";
import { useTranslations } from "next-intl";
import { Field, SelectField } from "@rappel/ui";
import type { TAbTestConfig } from "@rappel/campaigns";

export function AbTestFields({ initial, error }: { initial: TAbTestConfig | null; error: string | null }) {
  const t = useTranslations("activation.editor.ab");
  const [enabled, setEnabled] = useState(initial !== null);
  const errorId = error ? "ab-error" : undefined;
  return (
    <fieldset className="flex flex-col gap-3 rounded-md border border-slate-200 bg-white p-3" aria-describedby={errorId} data-testid="ab-test">
      <legend className="px-1 text-base font-semibold text-slate-900">{t("title")}</legend>
      <label className="flex min-h-11 items-center gap-2 text-sm font-medium text-slate-900">
        <input type="checkbox" name="abEnabled" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} className="h-5 w-5" />
        {t("enable")}
      </label>
      <p className="text-sm text-slate-600">{t("explain")}</p>
      {enabled ? (
        <>
          <Field id="ab-subject-b" name="abSubjectB" label={t("subjectB")} defaultValue={initial?.alternativeSubjects[0] ?? ""} />
          <Field id="ab-subject-c" name="abSubjectC" label={t("subjectC")} optionalLabel={t("optional")} defaultValue={initial?.alternativeSubjects[1] ?? ""} />
          {/* items-end: the inputs line up even when a label wraps onto two lines */}
          <div className="grid items-end gap-3 sm:grid-cols-3">
            <Field id="ab-sample" name="abSamplePercent" type="number" min={2} max={50} label={t("sample")} defaultValue={initial?.samplePercent ?? 20} />
            <SelectField id="ab-metric" name="abMetric" label={t("metric")} defaultValue={initial?.metric ?? "open"}
              options={[{ value: "open", label: t("metrics.open") }, { value: "click", label: t("metrics.click") }]} />
            <Field id="ab-wait" name="abWaitHours" type="number" min={0.5} max={72} step={0.5} label={t("wait")} defaultValue={(initial?.waitMinutes ?? 240) / 60} />
          </div>
          <p className="text-sm text-slate-600">{t("sampleHint")} {t("tieRule")}</p>
          <SelectField id="ab-test-variant" name="testVariant" label={t("testVariant")} hint={t("testVariantHint")} defaultValue="A"
            options={(["A", "B", "C"] as const).map((v) => ({ value: v, label: t("variant", { variant: v }) }))} />
        </>
      ) : null}
      {error ? <p id={errorId} role="alert" className="text-sm font-medium text-red-700">{error}</p> : null}
    </fieldset>
  );
}
