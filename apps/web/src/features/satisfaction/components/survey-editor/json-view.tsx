"use client";
// The "advanced" view: the same definition as raw JSON. The text is applied to the editor's state
// as soon as it parses and passes the shared schema; until then it is kept as typed (nothing is
// lost) with the problems listed under it, and the visual view stays closed.
import { useState } from "react";
import { useTranslations } from "next-intl";
import { ZSurveyDefinition, type TSurveyDefinition } from "@rappel/survey/schema";
import { toEditorIssues } from "../../lib/editor-issues";
import { useEditor, wordIssue } from "./editor-context";

export function JsonView({ definition, onPendingChange }: { definition: TSurveyDefinition; onPendingChange: (pending: boolean) => void }) {
  const t = useTranslations("satisfaction.editor");
  const tIssues = useTranslations("satisfaction.editor.issues");
  const { dispatch } = useEditor();
  const [text, setText] = useState(() => JSON.stringify(definition, null, 2));
  const [problems, setProblems] = useState<string[]>([]);
  const change = (value: string) => {
    setText(value);
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch (error) {
      setProblems([t("jsonSyntax", { detail: (error as Error).message })]);
      onPendingChange(true);
      return;
    }
    const result = ZSurveyDefinition.safeParse(parsed);
    if (result.success) {
      setProblems([]);
      onPendingChange(false);
      dispatch({ type: "replace", definition: result.data });
    } else {
      setProblems(toEditorIssues(result.error.issues).map((i) => `${i.path || "—"} : ${wordIssue(tIssues, i)}`));
      onPendingChange(true);
    }
  };
  return (
    <div className="flex flex-col gap-2">
      <label htmlFor="survey-json" className="text-sm font-medium text-slate-800">{t("jsonLabel")}</label>
      <p id="survey-json-help" className="text-xs text-slate-700">{t("jsonHelp")}</p>
      <textarea
        id="survey-json"
        rows={28}
        spellCheck={false}
        value={text}
        onChange={(e) => change(e.target.value)}
        aria-describedby={`survey-json-help${problems.length ? " survey-json-problems" : ""}`}
        aria-invalid={problems.length ? true : undefined}
        className="w-full rounded-md border border-slate-400 p-2 font-mono text-xs aria-[invalid=true]:border-red-700"
      />
      {problems.length ? (
        <div id="survey-json-problems" className="rounded-md border border-red-700 bg-red-50 p-2 text-sm text-red-900">
          <p className="font-medium">{t("jsonNotApplied")}</p>
          <ul className="list-disc pl-5 font-mono text-xs">
            {problems.slice(0, 20).map((p, i) => <li key={i}>{p}</li>)}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
