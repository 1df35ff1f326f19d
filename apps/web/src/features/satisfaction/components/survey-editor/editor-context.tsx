"use client";
// What every part of the visual builder needs without threading props through each level: the
// dispatch of the reducer, the issues of the current draft by field, the locked core questions.
import { createContext, useContext, type Dispatch } from "react";
import { useTranslations } from "next-intl";
import type { EditorAction } from "../../lib/editor-state";
import { fieldId, type EditorIssue } from "../../lib/editor-issues";

export interface EditorContextValue {
  dispatch: Dispatch<EditorAction>;
  issues: ReadonlyMap<string, EditorIssue[]>;
  locked: ReadonlySet<string>;
}

export const EditorContext = createContext<EditorContextValue | null>(null);

export function useEditor(): EditorContextValue {
  const value = useContext(EditorContext);
  if (!value) throw new Error("useEditor outside the survey editor");
  return value;
}

/** The worded issues of one field, and the attributes that tie them to its control. */
export function useFieldIssues(path: string) {
  const { issues } = useEditor();
  const t = useTranslations("satisfaction.editor.issues");
  const id = fieldId(path);
  const messages = (issues.get(path) ?? []).map((issue) => wordIssue(t, issue));
  return {
    id,
    messages,
    errorId: `${id}-error`,
    controlProps: messages.length ? { "aria-invalid": true as const, "aria-describedby": `${id}-error` } : {},
  };
}

type Translate = ReturnType<typeof useTranslations<"satisfaction.editor.issues">>;

export function wordIssue(t: Translate, issue: EditorIssue): string {
  return t.has(issue.key as "invalid") ? t(issue.key as "invalid", issue.values) : issue.fallback;
}

export function FieldErrors({ id, messages }: { id: string; messages: string[] }) {
  if (!messages.length) return null;
  return (
    <ul id={id} className="mt-1 text-sm font-medium text-red-800">
      {messages.map((m) => (
        <li key={m}>{m}</li>
      ))}
    </ul>
  );
}
