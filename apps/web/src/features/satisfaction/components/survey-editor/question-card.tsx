"use client";
// One question in the visual builder: move / remove, type, stable id, FR and EN texts, required,
// the type's settings and its display logic. A core question is locked: its id and type are
// read-only and it cannot be removed (its texts and logic stay editable).
import { useState } from "react";
import { useTranslations } from "next-intl";
import { QUESTION_TYPES, localise, type TQuestion, type TQuestionType, type TSurveyDefinition } from "@rappel/survey/schema";
import type { QuestionRef } from "../../lib/editor-state";
import { FieldErrors, useEditor, useFieldIssues } from "./editor-context";
import { LocalisedInput, inputClass } from "./localised-input";
import { LogicEditor } from "./logic-editor";
import { QuestionSettings } from "./question-settings";

export const toolButton =
  "min-h-9 rounded-md border border-slate-400 bg-white px-2 text-sm text-slate-800 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600 disabled:cursor-not-allowed disabled:opacity-50";

/** The id is committed on blur or Enter: renaming also rewrites the conditions that use it. */
function IdField({ question, at, path, locked }: { question: TQuestion; at: QuestionRef; path: string; locked: boolean }) {
  const t = useTranslations("satisfaction.editor");
  const { dispatch } = useEditor();
  const [draft, setDraft] = useState(question.id);
  const { id, messages, errorId, controlProps } = useFieldIssues(`${path}.id`);
  const commit = () => {
    if (draft !== question.id) dispatch({ type: "renameQuestion", ...at, id: draft.trim() });
  };
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">{t("questionId")}</label>
      <input
        id={id}
        value={draft}
        readOnly={locked}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            commit();
          }
        }}
        className={`${inputClass} font-mono read-only:bg-slate-100`}
        aria-describedby={`${id}-hint${messages.length ? ` ${errorId}` : ""}`}
        aria-invalid={controlProps["aria-invalid"]}
      />
      <p id={`${id}-hint`} className="text-xs text-slate-700">{locked ? t("lockedHelp") : t("questionIdHelp")}</p>
      <FieldErrors id={errorId} messages={messages} />
    </div>
  );
}

export function QuestionCard({ definition, question, at, isFirst, isLast }: { definition: TSurveyDefinition; question: TQuestion; at: QuestionRef; isFirst: boolean; isLast: boolean }) {
  const t = useTranslations("satisfaction.editor");
  const { dispatch, locked: lockedIds } = useEditor();
  const path = `pages.${at.page}.questions.${at.question}`;
  const { id, messages, errorId } = useFieldIssues(path);
  const locked = lockedIds.has(question.id);
  const name = localise(question.title, "fr") || question.id;
  const number = at.question + 1;
  return (
    <li>
      <article id={id} tabIndex={-1} aria-label={t("questionLabel", { n: number, title: name })} className={`rounded-lg border bg-white p-3 shadow-sm ${messages.length ? "border-red-700" : "border-slate-300"}`}>
        <header className="mb-3 flex flex-wrap items-center gap-2">
          <span className="rounded bg-slate-800 px-2 py-0.5 text-xs font-semibold text-white">{t("questionNumber", { n: number })}</span>
          <span className="text-sm font-medium text-slate-900">{t(`type_${question.type}`)}</span>
          {locked ? <span className="rounded bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-950">🔒 {t("core")}</span> : null}
          {question.module && question.module !== "custom" ? <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-700">{t("module", { module: question.module })}</span> : null}
          <span className="ml-auto flex flex-wrap gap-1">
            <button type="button" className={toolButton} disabled={isFirst} onClick={() => dispatch({ type: "moveQuestion", ...at, by: -1 })} aria-label={t("moveUp", { item: name })}>↑</button>
            <button type="button" className={toolButton} disabled={isLast} onClick={() => dispatch({ type: "moveQuestion", ...at, by: 1 })} aria-label={t("moveDown", { item: name })}>↓</button>
            <button
              type="button"
              className={`${toolButton} text-red-800`}
              disabled={locked}
              title={locked ? t("lockedHelp") : undefined}
              onClick={() => dispatch({ type: "removeQuestion", ...at })}
            >
              {t("removeItem", { item: t("questionNumber", { n: number }) })}
            </button>
          </span>
        </header>
        <FieldErrors id={errorId} messages={messages} />
        <div className="flex flex-col gap-3">
          <div className="grid gap-3 sm:grid-cols-2">
            <label className="flex flex-col gap-1 text-sm font-medium text-slate-800">
              {t("questionType")}
              <select
                className={`${inputClass} disabled:bg-slate-100`}
                value={question.type}
                disabled={locked}
                onChange={(e) => dispatch({ type: "changeQuestionType", ...at, questionType: e.target.value as TQuestionType })}
              >
                {QUESTION_TYPES.map((type) => <option key={type} value={type}>{t(`type_${type}`)}</option>)}
              </select>
            </label>
            <IdField key={question.id} question={question} at={at} path={path} locked={locked} />
          </div>
          <LocalisedInput path={`${path}.title`} label={t("questionTitle")} value={question.title} onChange={(locale, value) => dispatch({ type: "setQuestionText", ...at, field: "title", locale, value })} />
          <LocalisedInput path={`${path}.help`} label={t("questionHelp")} value={question.help} onChange={(locale, value) => dispatch({ type: "setQuestionText", ...at, field: "help", locale, value })} />
          <label className="flex min-h-9 items-center gap-2 text-sm text-slate-800">
            <input type="checkbox" className="size-4" checked={question.required} onChange={(e) => dispatch({ type: "patchQuestion", ...at, patch: { required: e.target.checked } })} />
            {t("required")}
          </label>
          <QuestionSettings question={question} at={at} path={path} />
          <LogicEditor definition={definition} target={at} logic={question.showIf} path={path} />
        </div>
      </article>
    </li>
  );
}
