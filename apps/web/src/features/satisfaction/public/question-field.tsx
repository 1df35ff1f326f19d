/** @jsxImportSource preact */
// One question as plain HTML form controls (no JavaScript needed): every group of radios or
// checkboxes is a fieldset with a legend, every control has a label, the matrix is one fieldset
// per aspect so a screen reader announces "Sound, 4" rather than a bare grid. Rendered to a string
// by Preact, which escapes every text and attribute: spectators' free text is never markup. No
// server-only import: the builder's live preview renders it in the browser too.
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

function ScaleRadios({ name, from, to, value, describedBy }: { name: string; from: number; to: number; value: unknown; describedBy: string }) {
  const values = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  return (
    <div class={`sv-scale${values.length > 6 ? " sv-wide" : ""}`} aria-describedby={describedBy}>
      {values.map((n) => (
        <label key={n} class="sv-box">
          <input type="radio" name={name} value={String(n)} checked={value === n} class="sv-sr" />
          {n}
        </label>
      ))}
    </div>
  );
}

export function QuestionField({ question, value, locale, labels }: { question: TQuestion; value: TAnswerValue | undefined; locale: TLocale; labels: QuestionLabels }) {
  const name = `q_${question.id}`;
  const title = localise(question.title, locale);
  const help = localise(question.help, locale);
  const errorId = `${name}-error`;
  const describedBy = labels.error ? errorId : undefined;
  const required = question.required ? <span class="sv-req">({labels.required})</span> : null;
  const legend = (
    <legend>
      {title}
      {required}
    </legend>
  );
  const error = labels.error ? (
    <p id={errorId} class="sv-error" role="alert">
      {labels.error}
    </p>
  ) : null;
  const helpText = help ? <p class="sv-help">{help}</p> : null;
  const boxClass = `sv-q${labels.error ? " sv-invalid" : ""}`;

  switch (question.type) {
    case "nps":
      return (
        <fieldset class={boxClass} aria-describedby={describedBy}>
          {legend}
          {helpText}
          <ScaleRadios name={name} from={0} to={10} value={value} describedBy={`${name}-ends`} />
          <p id={`${name}-ends`} class="sv-ends">
            <span>0 : {labels.npsLow}</span>
            <span>10 : {labels.npsHigh}</span>
          </p>
          {error}
        </fieldset>
      );
    case "rating":
      return (
        <fieldset class={boxClass} aria-describedby={describedBy}>
          {legend}
          {helpText}
          <ScaleRadios name={name} from={1} to={question.scale} value={value} describedBy={`${name}-scale`} />
          <p id={`${name}-scale`} class="sv-sr">
            {labels.matrixScale}
          </p>
          {error}
        </fieldset>
      );
    case "yes_no":
      return (
        <fieldset class={boxClass} aria-describedby={describedBy}>
          {legend}
          {helpText}
          <div class="sv-yesno">
            <label class="sv-box">
              <input type="radio" name={name} value="yes" checked={value === true} class="sv-sr" />
              {labels.yes}
            </label>
            <label class="sv-box">
              <input type="radio" name={name} value="no" checked={value === false} class="sv-sr" />
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
        <fieldset class={boxClass} aria-describedby={describedBy}>
          {legend}
          {helpText}
          <div class="sv-options">
            {question.options.map((o) => (
              <label key={o.id} class="sv-option">
                <input type={multiple ? "checkbox" : "radio"} name={name} value={o.id} checked={selected.includes(o.id)} />
                {localise(o.label, locale)}
              </label>
            ))}
            {multiple && question.allowOther ? (
              <div class="sv-other">
                <label for={`${name}__other`}>
                  {labels.other} — {labels.otherLabel}
                </label>
                <input id={`${name}__other`} name={`${name}__other`} type="text" maxLength={500} value={other ?? ""} class="sv-input" />
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
        <fieldset class={boxClass} aria-describedby={describedBy}>
          {legend}
          {helpText}
          <p id={`${name}-scale`} class="sv-help">
            {labels.matrixScale}
          </p>
          <div class="sv-rows">
            {question.rows.map((row) => (
              <fieldset key={row.id} class="sv-row">
                <legend>{localise(row.label, locale)}</legend>
                <ScaleRadios name={`${name}__${row.id}`} from={1} to={question.scale} value={rows[row.id]} describedBy={`${name}-scale`} />
              </fieldset>
            ))}
          </div>
          {error}
        </fieldset>
      );
    }
    case "text": {
      const text = typeof value === "string" ? value : "";
      return (
        <div class={boxClass}>
          <label for={name} class="sv-q-label">
            {title}
            {required}
          </label>
          {helpText}
          {question.multiline ? (
            <textarea id={name} name={name} rows={4} maxLength={question.maxLength} aria-describedby={describedBy} class="sv-input">
              {text}
            </textarea>
          ) : (
            <input id={name} name={name} type="text" maxLength={question.maxLength} value={text} aria-describedby={describedBy} class="sv-input" />
          )}
          {error}
        </div>
      );
    }
  }
}
