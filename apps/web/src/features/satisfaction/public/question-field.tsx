// One question as plain HTML form controls (no JavaScript needed): every group of radios or
// checkboxes is a fieldset with a legend, every control has a label, the matrix is one fieldset
// per aspect so a screen reader announces "Sound, 4" rather than a bare grid. Text is rendered by
// React, so spectators' free text is always escaped. Pure markup (no server-only import): the
// builder's live preview renders it too.
import { localise, type TAnswerValue, type TLocale, type TMultipleAnswer, type TQuestion } from "@rappel/survey/schema";

export interface QuestionLabels {
  required: string;
  npsLow: string;
  npsHigh: string;
  yes: string;
  no: string;
  other: string;
  otherLabel: string;
  matrixScale: string;
  error?: string;
}

const choiceBox =
  "flex min-h-11 cursor-pointer items-center justify-center rounded-md border border-slate-400 bg-white px-2 text-base font-medium has-[:checked]:border-[var(--brand)] has-[:checked]:bg-[var(--brand)] has-[:checked]:text-white has-[:focus-visible]:outline has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-[var(--brand)]";

function ScaleRadios({ name, from, to, value, legendId }: { name: string; from: number; to: number; value: unknown; legendId: string }) {
  const values = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  return (
    <div className={`grid gap-1.5 ${values.length > 6 ? "grid-cols-6 sm:grid-cols-11" : "grid-cols-5"}`} aria-describedby={legendId}>
      {values.map((n) => (
        <label key={n} className={choiceBox}>
          <input type="radio" name={name} value={n} defaultChecked={value === n} className="sr-only" />
          {n}
        </label>
      ))}
    </div>
  );
}

export function QuestionField({
  question,
  value,
  locale,
  labels,
}: {
  question: TQuestion;
  value: TAnswerValue | undefined;
  locale: TLocale;
  labels: QuestionLabels;
}) {
  const name = `q_${question.id}`;
  const title = localise(question.title, locale);
  const help = localise(question.help, locale);
  const errorId = `${name}-error`;
  const describedBy = labels.error ? errorId : undefined;
  const legend = (
    <legend className="mb-2 text-lg font-semibold text-slate-900">
      {title}
      {question.required ? <span className="ml-1 text-sm font-normal text-slate-600">({labels.required})</span> : null}
    </legend>
  );
  const error = labels.error ? (
    <p id={errorId} className="mt-2 font-medium text-red-800" role="alert">
      {labels.error}
    </p>
  ) : null;
  const helpText = help ? <p className="mb-2 text-sm text-slate-700">{help}</p> : null;
  const fieldsetClass = `rounded-lg border p-4 ${labels.error ? "border-red-700" : "border-slate-300"}`;

  switch (question.type) {
    case "nps":
      return (
        <fieldset className={fieldsetClass} aria-describedby={describedBy}>
          {legend}
          {helpText}
          <ScaleRadios name={name} from={0} to={10} value={value} legendId={`${name}-ends`} />
          <p id={`${name}-ends`} className="mt-1 flex justify-between text-sm text-slate-700">
            <span>0 : {labels.npsLow}</span>
            <span>10 : {labels.npsHigh}</span>
          </p>
          {error}
        </fieldset>
      );
    case "rating":
      return (
        <fieldset className={fieldsetClass} aria-describedby={describedBy}>
          {legend}
          {helpText}
          <ScaleRadios name={name} from={1} to={question.scale} value={value} legendId={`${name}-scale`} />
          <p id={`${name}-scale`} className="sr-only">
            {labels.matrixScale}
          </p>
          {error}
        </fieldset>
      );
    case "yes_no":
      return (
        <fieldset className={fieldsetClass} aria-describedby={describedBy}>
          {legend}
          {helpText}
          <div className="grid grid-cols-2 gap-2">
            <label className={choiceBox}>
              <input type="radio" name={name} value="yes" defaultChecked={value === true} className="sr-only" />
              {labels.yes}
            </label>
            <label className={choiceBox}>
              <input type="radio" name={name} value="no" defaultChecked={value === false} className="sr-only" />
              {labels.no}
            </label>
          </div>
          {error}
        </fieldset>
      );
    case "single_choice":
    case "multiple_choice": {
      const multiple = question.type === "multiple_choice";
      const selected = multiple ? ((value as TMultipleAnswer | undefined)?.selected ?? []) : [value];
      const other = multiple ? (value as TMultipleAnswer | undefined)?.other : undefined;
      return (
        <fieldset className={fieldsetClass} aria-describedby={describedBy}>
          {legend}
          {helpText}
          <div className="flex flex-col gap-2">
            {question.options.map((o) => (
              <label key={o.id} className="flex min-h-11 items-center gap-3 rounded-md border border-slate-300 px-3">
                <input
                  type={multiple ? "checkbox" : "radio"}
                  name={name}
                  value={o.id}
                  defaultChecked={selected.includes(o.id)}
                  className="size-5 accent-[var(--brand)]"
                />
                {localise(o.label, locale)}
              </label>
            ))}
            {multiple && question.allowOther ? (
              <div className="flex flex-col gap-1">
                <label htmlFor={`${name}__other`} className="text-sm font-medium text-slate-800">
                  {labels.other} — {labels.otherLabel}
                </label>
                <input id={`${name}__other`} name={`${name}__other`} type="text" maxLength={500} defaultValue={other ?? ""} className="min-h-11 rounded-md border border-slate-400 px-3" />
              </div>
            ) : null}
          </div>
          {error}
        </fieldset>
      );
    }
    case "matrix": {
      const rows = (value as Record<string, number> | undefined) ?? {};
      return (
        <fieldset className={fieldsetClass} aria-describedby={describedBy}>
          {legend}
          {helpText}
          <p className="mb-2 text-sm text-slate-700">{labels.matrixScale}</p>
          <div className="flex flex-col gap-3">
            {question.rows.map((row) => (
              <fieldset key={row.id}>
                <legend className="mb-1 font-medium text-slate-900">{localise(row.label, locale)}</legend>
                <ScaleRadios name={`${name}__${row.id}`} from={1} to={question.scale} value={rows[row.id]} legendId={`${name}-scale`} />
              </fieldset>
            ))}
          </div>
          {error}
        </fieldset>
      );
    }
    case "text":
      return (
        <div className={fieldsetClass}>
          <label htmlFor={name} className="mb-2 block text-lg font-semibold text-slate-900">
            {title}
            {question.required ? <span className="ml-1 text-sm font-normal text-slate-600">({labels.required})</span> : null}
          </label>
          {helpText}
          {question.multiline ? (
            <textarea id={name} name={name} rows={4} maxLength={question.maxLength} defaultValue={typeof value === "string" ? value : ""} aria-describedby={describedBy} className="w-full rounded-md border border-slate-400 p-3 text-base" />
          ) : (
            <input id={name} name={name} type="text" maxLength={question.maxLength} defaultValue={typeof value === "string" ? value : ""} aria-describedby={describedBy} className="min-h-11 w-full rounded-md border border-slate-400 px-3 text-base" />
          )}
          {error}
        </div>
      );
  }
}
