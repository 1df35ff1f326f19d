"use client";
// One page of the survey in the visual builder: its title, its display logic, its questions, and
// the tools to add a question of any type or one from the question bank.
import { useState } from "react";
import { useTranslations } from "next-intl";
import { QUESTION_BANK, QUESTION_TYPES, localise, type TPage, type TQuestionType, type TSurveyDefinition } from "@rappel/survey/schema";
import { FieldErrors, useEditor, useFieldIssues } from "./editor-context";
import { LocalisedInput, inputClass } from "./localised-input";
import { LogicEditor } from "./logic-editor";
import { QuestionCard, toolButton } from "./question-card";

export function PageCard({ definition, page, index }: { definition: TSurveyDefinition; page: TPage; index: number }) {
  const t = useTranslations("satisfaction.editor");
  const { dispatch, locked } = useEditor();
  const [newType, setNewType] = useState<TQuestionType>("nps");
  const [bankId, setBankId] = useState(QUESTION_BANK[0]!.id);
  const path = `pages.${index}`;
  const { id, messages, errorId } = useFieldIssues(path);
  const questionsIssues = useFieldIssues(`${path}.questions`);
  const pageName = t("pageNumber", { n: index + 1 });
  const hasCore = page.questions.some((q) => locked.has(q.id));
  const lastPage = definition.pages.length - 1;
  const canRemove = definition.pages.length > 1 && !hasCore;
  return (
    <section id={id} tabIndex={-1} aria-labelledby={`${id}-heading`} className="rounded-xl border border-slate-300 bg-slate-50 p-3">
      <header className="mb-3 flex flex-wrap items-center gap-2">
        <h3 id={`${id}-heading`} className="text-lg font-semibold text-slate-900">
          {pageName}
          {page.title ? <span className="font-normal text-slate-700"> — {localise(page.title, "fr")}</span> : null}
        </h3>
        <span className="ml-auto flex flex-wrap gap-1">
          <button type="button" className={toolButton} disabled={index === 0} onClick={() => dispatch({ type: "movePage", page: index, by: -1 })} aria-label={t("moveUp", { item: pageName })}>↑</button>
          <button type="button" className={toolButton} disabled={index === lastPage} onClick={() => dispatch({ type: "movePage", page: index, by: 1 })} aria-label={t("moveDown", { item: pageName })}>↓</button>
          <button type="button" className={`${toolButton} text-red-800`} disabled={!canRemove} title={hasCore ? t("lockedPageHelp") : undefined} onClick={() => dispatch({ type: "removePage", page: index })}>
            {t("removeItem", { item: pageName })}
          </button>
        </span>
      </header>
      <FieldErrors id={errorId} messages={messages} />
      <div className="mb-3 flex flex-col gap-3">
        <LocalisedInput path={`${path}.title`} label={t("pageTitle")} value={page.title} onChange={(locale, value) => dispatch({ type: "setPageTitle", page: index, locale, value })} />
        <LogicEditor definition={definition} target={{ page: index }} logic={page.showIf} path={path} />
      </div>
      <ol className="flex flex-col gap-3" aria-label={t("questionsOf", { page: pageName })}>
        {page.questions.map((q, i) => (
          <QuestionCard
            key={page.questions.findIndex((x) => x.id === q.id) === i ? q.id : `${q.id}#${i}`}
            definition={definition}
            question={q}
            at={{ page: index, question: i }}
            isFirst={index === 0 && i === 0}
            isLast={index === lastPage && i === page.questions.length - 1}
          />
        ))}
      </ol>
      <FieldErrors id={questionsIssues.errorId} messages={questionsIssues.messages} />
      <div className="mt-3 flex flex-wrap items-end gap-2 border-t border-slate-300 pt-3">
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-800">
          {t("newQuestionType", { page: pageName })}
          <select className={inputClass} value={newType} onChange={(e) => setNewType(e.target.value as TQuestionType)}>
            {QUESTION_TYPES.map((type) => <option key={type} value={type}>{t(`type_${type}`)}</option>)}
          </select>
        </label>
        <button type="button" className={toolButton} onClick={() => dispatch({ type: "addQuestion", page: index, questionType: newType })}>
          {t("addQuestion")}
        </button>
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-800">
          {t("bankQuestion", { page: pageName })}
          <select className={inputClass} value={bankId} onChange={(e) => setBankId(e.target.value)}>
            {QUESTION_BANK.map((q) => <option key={q.id} value={q.id}>{localise(q.title, "fr")} ({t(`type_${q.type}`)})</option>)}
          </select>
        </label>
        <button type="button" className={toolButton} onClick={() => dispatch({ type: "insertFromBank", page: index, bankId })}>
          {t("insertFromBank")}
        </button>
      </div>
    </section>
  );
}
