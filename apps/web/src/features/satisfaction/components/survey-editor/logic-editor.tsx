"use client";
// Display logic of a page or a question: off, or AND/OR over conditions. Each condition picks an
// earlier question, an operator that fits its type and a value from that question's own scale or
// options, so most impossible conditions cannot even be entered; the rest are reported next to
// the condition by the shared logic checks.
import { useId } from "react";
import { useTranslations } from "next-intl";
import { localise, type TCondition, type TLogic, type TQuestion, type TSurveyDefinition } from "@rappel/survey/schema";
import { needsValue, operatorsFor, questionsBefore, valuesFor, withOperator, defaultCondition, type LogicTarget } from "../../lib/editor-conditions";
import { FieldErrors, useEditor, useFieldIssues } from "./editor-context";
import { inputClass } from "./localised-input";

const smallButton = "min-h-9 rounded-md border border-slate-400 bg-white px-2 text-sm text-slate-800 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600";

function encode(value: TCondition["value"]): string {
  return JSON.stringify(value ?? null);
}

function ConditionRow({ path, condition, index, target, candidates }: { path: string; condition: TCondition; index: number; target: LogicTarget; candidates: TQuestion[] }) {
  const t = useTranslations("satisfaction.editor");
  const { dispatch } = useEditor();
  const { id, messages, errorId, controlProps } = useFieldIssues(`${path}.conditions.${index}`);
  const question = candidates.find((q) => q.id === condition.questionId);
  const set = (next: TCondition) => dispatch({ type: "setCondition", target, index, condition: next });
  const ops = question ? operatorsFor(question.type) : [condition.op];
  const values = question ? valuesFor(question) : [];
  const valueLabel = (v: { value: unknown; label: string }) => (typeof v.value === "boolean" ? t(v.value ? "yes" : "no") : v.label);
  return (
    <li id={id} tabIndex={-1} className="rounded-md border border-slate-300 bg-white p-2">
      {/* The question on its own row: its wording needs the width; operator and value share the next. */}
      <div className="grid gap-2 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_auto] sm:items-end">
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-800 sm:col-span-3">
          {t("conditionQuestion", { n: index + 1 })}
          <select
            className={inputClass}
            value={condition.questionId}
            onChange={(e) => {
              const picked = candidates.find((q) => q.id === e.target.value);
              if (picked) set(defaultCondition(picked));
            }}
            {...controlProps}
          >
            {question ? null : <option value={condition.questionId}>{t("unknownQuestion", { id: condition.questionId })}</option>}
            {candidates.map((q) => (
              <option key={q.id} value={q.id}>
                {localise(q.title, "fr").slice(0, 60)} ({q.id})
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-800">
          {t("conditionOperator", { n: index + 1 })}
          <select className={inputClass} value={condition.op} onChange={(e) => set(withOperator(condition, e.target.value as TCondition["op"], question))}>
            {ops.map((op) => (
              <option key={op} value={op}>{t(`op_${op}`)}</option>
            ))}
          </select>
        </label>
        {needsValue(condition.op) ? (
          <label className="flex flex-col gap-1 text-sm font-medium text-slate-800">
            {t("conditionValue", { n: index + 1 })}
            <select
              className={inputClass}
              value={encode(condition.value)}
              onChange={(e) => set({ ...condition, value: JSON.parse(e.target.value) as TCondition["value"] })}
            >
              {values.some((v) => encode(v.value) === encode(condition.value)) ? null : <option value={encode(condition.value)}>{String(condition.value ?? "—")}</option>}
              {values.map((v) => (
                <option key={encode(v.value)} value={encode(v.value)}>{valueLabel(v)}</option>
              ))}
            </select>
          </label>
        ) : (
          <span className="hidden sm:block" />
        )}
        <button type="button" className={smallButton} onClick={() => dispatch({ type: "removeCondition", target, index })}>
          {t("removeCondition", { n: index + 1 })}
        </button>
      </div>
      <FieldErrors id={errorId} messages={messages} />
    </li>
  );
}

export function LogicEditor({ definition, target, logic, path }: { definition: TSurveyDefinition; target: LogicTarget; logic: TLogic | undefined; path: string }) {
  const t = useTranslations("satisfaction.editor");
  const { dispatch } = useEditor();
  const modeName = useId();
  const logicPath = `${path}.showIf`;
  const { id, messages, errorId } = useFieldIssues(logicPath);
  const candidates = questionsBefore(definition, target);
  const owner = target.question === undefined ? t("thisPage") : t("thisQuestion");
  if (!logic) {
    return (
      <div className="text-sm text-slate-700">
        {candidates.length ? (
          <button type="button" className={smallButton} onClick={() => dispatch({ type: "toggleLogic", target, on: true })}>
            {t("addLogic", { owner })}
          </button>
        ) : (
          <p>{t("noLogicPossible", { owner })}</p>
        )}
      </div>
    );
  }
  return (
    <fieldset id={id} tabIndex={-1} className="rounded-md border border-amber-300 bg-amber-50 p-3">
      <legend className="px-1 text-sm font-semibold text-slate-900">{t("logicLegend", { owner })}</legend>
      <div role="radiogroup" aria-label={t("logicMode")} className="mb-2 flex flex-wrap gap-4 text-sm">
        {(["all", "any"] as const).map((mode) => (
          <label key={mode} className="flex items-center gap-1">
            <input type="radio" name={modeName} checked={logic.mode === mode} onChange={() => dispatch({ type: "setLogicMode", target, mode })} />
            {t(`mode_${mode}`)}
          </label>
        ))}
      </div>
      <ul className="flex flex-col gap-2">
        {logic.conditions.map((c, i) => (
          <ConditionRow key={i} path={logicPath} condition={c} index={i} target={target} candidates={candidates} />
        ))}
      </ul>
      <FieldErrors id={errorId} messages={messages} />
      <div className="mt-2 flex flex-wrap gap-2">
        <button type="button" className={smallButton} onClick={() => dispatch({ type: "addCondition", target })}>{t("addCondition")}</button>
        <button type="button" className={smallButton} onClick={() => dispatch({ type: "toggleLogic", target, on: false })}>{t("removeLogic")}</button>
      </div>
    </fieldset>
  );
}
