"use client";
// The survey builder: a visual editor (or its raw JSON) over the one definition document, checked
// on every change by the shared schema with each problem next to its field, a live preview beside
// it, and saving through the same server action as before (which validates again and creates a
// new version when the current one has responses).
import { useMemo, useReducer, useRef, useState, useTransition, type FormEvent, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import { contrastRatio, meetsAaWithWhite, type TLocale, type TSurveyDefinition } from "@rappel/survey/schema";
import { Field } from "@rappel/ui";
import { saveSurveyAction } from "../../actions";
import { editorReducer } from "../../lib/editor-state";
import { fieldId, issuesByPath, validateDraft } from "../../lib/editor-issues";
import { EditorContext, wordIssue, type EditorContextValue } from "./editor-context";
import { JsonView } from "./json-view";
import { LivePreview, type PreviewWording } from "./live-preview";
import { LocalisedInput } from "./localised-input";
import { PageCard } from "./page-card";
import { toolButton } from "./question-card";
import { useUnsavedChangesWarning } from "./use-unsaved-changes";

export interface SurveyEditorProps {
  tenantSlug: string;
  surveyId: string;
  venue: string;
  name: string;
  /** The saved version: the starting point, and the reference for locked core questions. */
  definition: TSurveyDefinition;
  previewWording: Record<TLocale, PreviewWording>;
  /** The survey's other settings (minimum responses, closing date, alerts), rendered by the page. */
  children: ReactNode;
}

function toggleClass(on: boolean) {
  return `min-h-10 rounded-md border px-3 text-sm font-medium focus-visible:outline-2 focus-visible:outline-indigo-600 ${on ? "border-indigo-700 bg-indigo-700 text-white" : "border-slate-400 bg-white text-slate-800"}`;
}

export function SurveyEditor({ tenantSlug, surveyId, venue, name, definition: saved, previewWording, children }: SurveyEditorProps) {
  const t = useTranslations("satisfaction.editor");
  const tBuilder = useTranslations("satisfaction.builder");
  const tIssues = useTranslations("satisfaction.editor.issues");
  const locked = useMemo(() => saved.pages.flatMap((p) => p.questions.filter((q) => q.module === undefined).map((q) => q.id)), [saved]);
  const [state, dispatch] = useReducer(editorReducer, { definition: saved, locked });
  const [view, setView] = useState<"visual" | "json">("visual");
  const [jsonPending, setJsonPending] = useState(false);
  const [showSummary, setShowSummary] = useState(false);
  const [saving, startSaving] = useTransition();
  const summary = useRef<HTMLDivElement>(null);
  const { definition } = state;

  const validation = useMemo(() => validateDraft(definition, saved), [definition, saved]);
  const context = useMemo<EditorContextValue>(
    () => ({ dispatch, issues: issuesByPath(validation.issues), locked: new Set(locked) }),
    [validation, locked],
  );
  const dirty = definition !== saved || jsonPending;
  useUnsavedChangesWarning(dirty && !saving, t("unsavedConfirm"));

  const colour = definition.branding.colour;
  const ratio = contrastRatio(colour, "#ffffff");

  // Submitted by hand: a <form action> would be reset by React after the action, losing the
  // settings typed in when the server sends the page back with an error.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!validation.ok || jsonPending) {
      setShowSummary(true);
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    const data = new FormData(event.currentTarget);
    startSaving(() => saveSurveyAction(data));
  };

  return (
    <EditorContext value={context}>
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1.25fr)_minmax(0,1fr)]">
        <form onSubmit={submit} className="flex min-w-0 flex-col gap-4" aria-label={t("formLabel")} noValidate>
          <input type="hidden" name="tenantSlug" value={tenantSlug} />
          <input type="hidden" name="surveyId" value={surveyId} />
          <input type="hidden" name="definition" value={JSON.stringify(definition)} />
          {showSummary && (!validation.ok || jsonPending) ? (
            <div ref={summary} tabIndex={-1} role="alert" className="rounded-md border border-red-700 bg-red-50 p-3 text-red-900">
              <p className="font-semibold">{t("summaryTitle", { count: validation.issues.length })}</p>
              {jsonPending ? <p>{t("jsonNotApplied")}</p> : null}
              <ul className="list-disc pl-5">
                {validation.issues.map((issue, i) => (
                  <li key={i}>
                    <a className="underline" href={`#${fieldId(issue.path || "pages")}`}>{wordIssue(tIssues, issue)}</a>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <section aria-labelledby="survey-settings-heading" className="flex flex-col gap-3 rounded-xl border border-slate-300 bg-white p-4">
            <h2 id="survey-settings-heading" className="text-lg font-semibold text-slate-900">{t("surveySection")}</h2>
            <Field id="survey-name" name="name" label={tBuilder("name")} defaultValue={name} required maxLength={120} />
            <div className="flex flex-wrap items-center gap-3">
              <label htmlFor="survey-colour" className="text-sm font-medium text-slate-900">{tBuilder("branding")}</label>
              <input id="survey-colour" type="color" name="colour" value={colour} onChange={(e) => dispatch({ type: "setColour", colour: e.target.value })} className="h-10 w-20" aria-describedby="survey-colour-contrast" />
              <p id="survey-colour-contrast" className={meetsAaWithWhite(colour) ? "text-sm text-green-900" : "text-sm font-medium text-red-800"} role="status">
                {meetsAaWithWhite(colour) ? tBuilder("contrastOk", { ratio }) : tBuilder("contrastBad", { ratio })}
              </p>
            </div>
            <LocalisedInput path="title" label={t("surveyTitle")} value={definition.title} onChange={(locale, value) => dispatch({ type: "setSurveyText", field: "title", locale, value })} />
            <LocalisedInput path="intro" label={t("surveyIntro")} value={definition.intro} multiline onChange={(locale, value) => dispatch({ type: "setSurveyText", field: "intro", locale, value })} />
            <fieldset className="flex flex-col gap-1">
              <legend className="text-sm font-medium text-slate-900">{t("thankYouPage")}</legend>
              <label className="flex min-h-10 items-center gap-2 text-sm text-slate-900">
                <input
                  type="checkbox"
                  className="size-4"
                  checked={definition.thankYou.suggestNextShows}
                  aria-describedby="survey-next-shows-help"
                  onChange={(e) => dispatch({ type: "setSuggestNextShows", on: e.target.checked })}
                />
                {t("suggestNextShows")}
              </label>
              <p id="survey-next-shows-help" className="text-sm text-slate-700">{t("suggestNextShowsHelp")}</p>
            </fieldset>
          </section>
          <div role="group" aria-label={t("viewLabel")} className="flex flex-wrap gap-2">
            <button type="button" aria-pressed={view === "visual"} className={toggleClass(view === "visual")} disabled={jsonPending && view === "json"} onClick={() => setView("visual")}>
              {t("viewVisual")}
            </button>
            <button type="button" aria-pressed={view === "json"} className={toggleClass(view === "json")} onClick={() => setView("json")}>
              {t("viewJson")}
            </button>
            {jsonPending && view === "json" ? <p className="self-center text-sm text-red-800">{t("jsonBlocksVisual")}</p> : null}
          </div>
          {view === "visual" ? (
            <div id={fieldId("pages")} tabIndex={-1} className="flex flex-col gap-4">
              {(context.issues.get("pages") ?? []).map((issue, i) => (
                <p key={i} className="rounded-md border border-red-700 bg-red-50 p-2 text-sm font-medium text-red-900">{wordIssue(tIssues, issue)}</p>
              ))}
              {(context.issues.get("") ?? []).map((issue, i) => (
                <p key={i} className="rounded-md border border-red-700 bg-red-50 p-2 text-sm font-medium text-red-900">{wordIssue(tIssues, issue)}</p>
              ))}
              {definition.pages.map((page, index) => (
                <PageCard key={definition.pages.findIndex((p) => p.id === page.id) === index ? page.id : `${page.id}#${index}`} definition={definition} page={page} index={index} />
              ))}
              <button type="button" className={`${toolButton} self-start`} onClick={() => dispatch({ type: "addPage" })}>{t("addPage")}</button>
            </div>
          ) : (
            <JsonView definition={definition} onPendingChange={setJsonPending} />
          )}
          <section aria-labelledby="survey-results-heading" className="flex flex-col gap-3 rounded-xl border border-slate-300 bg-white p-4">
            <h2 id="survey-results-heading" className="text-lg font-semibold text-slate-900">{t("resultsSection")}</h2>
            {children}
          </section>
          <div className="sticky bottom-0 z-10 flex flex-wrap items-center gap-3 rounded-t-lg border-t border-slate-300 bg-white/95 px-4 py-3 shadow">
            <button type="submit" disabled={saving} className="min-h-11 rounded-md bg-indigo-700 px-5 font-medium text-white focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-700 disabled:opacity-60">
              {saving ? t("saving") : tBuilder("save")}
            </button>
            <p className="text-sm text-slate-800" aria-live="polite">
              {validation.ok ? (dirty ? t("unsaved") : t("upToDate")) : t("problems", { count: validation.issues.length })}
            </p>
          </div>
        </form>
        <div className="min-w-0 xl:sticky xl:top-20 xl:max-h-[calc(100vh-6rem)] xl:self-start xl:overflow-y-auto">
          <LivePreview definition={definition} venue={venue} wording={previewWording} />
        </div>
      </div>
    </EditorContext>
  );
}
