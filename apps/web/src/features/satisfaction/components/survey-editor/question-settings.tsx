"use client";
// The settings that depend on a question's type: the rating's scale and style, the choices (ordered,
// with "other"), the matrix's aspects and scale, the free text's size.
import { useId } from "react";
import { useTranslations } from "next-intl";
import type { TQuestion } from "@rappel/survey/schema";
import type { ChoiceList, QuestionPatch, QuestionRef } from "../../lib/editor-state";
import { FieldErrors, useEditor, useFieldIssues } from "./editor-context";
import { LocalisedInput, inputClass } from "./localised-input";

const smallButton =
  "min-h-9 min-w-9 rounded-md border border-slate-400 bg-white px-2 text-sm text-slate-800 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600 disabled:cursor-not-allowed disabled:opacity-50";
const SCALES = [3, 4, 5, 6, 7, 8, 9, 10];

function ScaleSelect({ value, onChange, path }: { value: number; onChange: (n: number) => void; path: string }) {
  const t = useTranslations("satisfaction.editor");
  const { id, messages, errorId, controlProps } = useFieldIssues(path);
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">{t("scale")}</label>
      <select id={id} className={inputClass} value={value} onChange={(e) => onChange(Number(e.target.value))} {...controlProps}>
        {SCALES.map((n) => <option key={n} value={n}>{t("points", { n })}</option>)}
      </select>
      <FieldErrors id={errorId} messages={messages} />
    </div>
  );
}

function Choices({ at, path, list, items }: { at: QuestionRef; path: string; list: ChoiceList; items: { id: string; label: { fr: string; en?: string } }[] }) {
  const t = useTranslations("satisfaction.editor");
  const { dispatch } = useEditor();
  const { id, messages, errorId } = useFieldIssues(`${path}.${list}`);
  const noun = list === "rows" ? t("aspect") : t("option");
  const moveChoice = (button: HTMLButtonElement, index: number, by: -1 | 1) => {
    dispatch({ type: "moveChoice", ...at, list, index, by });
    // At the first or last place the button just pressed turns disabled: hand the focus to its
    // twin so a keyboard user is not thrown back to the top of the page.
    requestAnimationFrame(() => {
      if (button.disabled) button.parentElement?.querySelector<HTMLButtonElement>(`[data-move="${by === -1 ? "down" : "up"}"]`)?.focus();
    });
  };
  return (
    <fieldset id={id} tabIndex={-1} className="rounded-md border border-slate-300 p-2" aria-describedby={messages.length ? errorId : undefined}>
      <legend className="px-1 text-sm font-semibold text-slate-900">{list === "rows" ? t("aspects") : t("options")}</legend>
      <ol className="flex flex-col gap-2">
        {items.map((item, index) => {
          const name = `${noun} ${index + 1}`;
          // Keyed by id so a moved choice keeps its DOM node, and the focus stays on its button.
          const key = items.findIndex((other) => other.id === item.id) === index ? item.id : `${item.id}#${index}`;
          return (
            <li key={key} className="grid gap-2 sm:grid-cols-[minmax(0,1fr)_auto] sm:items-end">
              <LocalisedInput
                path={`${path}.${list}.${index}.label`}
                label={name}
                value={item.label}
                onChange={(locale, value) => dispatch({ type: "setChoiceLabel", ...at, list, index, locale, value })}
              />
              <div className="flex gap-1">
                <button type="button" data-move="up" className={smallButton} disabled={index === 0} aria-label={t("moveUp", { item: name })} onClick={(e) => moveChoice(e.currentTarget, index, -1)}>↑</button>
                <button type="button" data-move="down" className={smallButton} disabled={index === items.length - 1} aria-label={t("moveDown", { item: name })} onClick={(e) => moveChoice(e.currentTarget, index, 1)}>↓</button>
                <button type="button" className={smallButton} onClick={() => dispatch({ type: "removeChoice", ...at, list, index })}>
                  {t("removeItem", { item: name })}
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <FieldErrors id={errorId} messages={messages} />
      <button type="button" className={`${smallButton} mt-2`} onClick={() => dispatch({ type: "addChoice", ...at, list })}>
        {list === "rows" ? t("addAspect") : t("addOption")}
      </button>
    </fieldset>
  );
}

function Toggle({ checked, onChange, label }: { checked: boolean; onChange: (v: boolean) => void; label: string }) {
  return (
    <label className="flex min-h-9 items-center gap-2 text-sm text-slate-800">
      <input type="checkbox" className="size-4" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}

export function QuestionSettings({ question, at, path }: { question: TQuestion; at: QuestionRef; path: string }) {
  const t = useTranslations("satisfaction.editor");
  const { dispatch } = useEditor();
  const styleName = useId();
  const patch = (p: QuestionPatch) => dispatch({ type: "patchQuestion", ...at, patch: p });
  switch (question.type) {
    case "rating":
      return (
        <div className="grid gap-3 sm:grid-cols-2">
          <ScaleSelect path={`${path}.scale`} value={question.scale} onChange={(scale) => patch({ scale })} />
          <fieldset>
            <legend className="text-sm font-medium text-slate-800">{t("ratingStyle")}</legend>
            <div className="flex gap-4 text-sm">
              {(["stars", "numbers"] as const).map((style) => (
                <label key={style} className="flex min-h-9 items-center gap-1">
                  <input type="radio" name={styleName} checked={question.style === style} onChange={() => patch({ style })} />
                  {t(`style_${style}`)}
                </label>
              ))}
            </div>
          </fieldset>
        </div>
      );
    case "single_choice":
      return <Choices at={at} path={path} list="options" items={question.options} />;
    case "multiple_choice":
      return (
        <div className="flex flex-col gap-2">
          <Choices at={at} path={path} list="options" items={question.options} />
          <Toggle checked={question.allowOther} onChange={(allowOther) => patch({ allowOther })} label={t("allowOther")} />
        </div>
      );
    case "matrix":
      return (
        <div className="flex flex-col gap-2">
          <Choices at={at} path={path} list="rows" items={question.rows} />
          <ScaleSelect path={`${path}.scale`} value={question.scale} onChange={(scale) => patch({ scale })} />
        </div>
      );
    case "text":
      return (
        <div className="grid gap-3 sm:grid-cols-2 sm:items-end">
          <Toggle checked={question.multiline} onChange={(multiline) => patch({ multiline })} label={t("multiline")} />
          <MaxLength path={`${path}.maxLength`} value={question.maxLength} onChange={(maxLength) => patch({ maxLength })} />
        </div>
      );
    default:
      return null;
  }
}

function MaxLength({ path, value, onChange }: { path: string; value: number; onChange: (n: number) => void }) {
  const t = useTranslations("satisfaction.editor");
  const { id, messages, errorId, controlProps } = useFieldIssues(path);
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">{t("maxLength")}</label>
      <input id={id} type="number" min={10} max={5000} className={inputClass} value={Number.isFinite(value) ? value : ""} onChange={(e) => onChange(e.target.valueAsNumber)} {...controlProps} />
      <FieldErrors id={errorId} messages={messages} />
    </div>
  );
}
