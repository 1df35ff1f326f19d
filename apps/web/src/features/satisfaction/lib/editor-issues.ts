// The builder's validation: the same shared zod schema (and its logic checks) as the server
// action, plus the core-question lock against the saved version. Each issue becomes a message key
// with values (worded in FR or EN by the screen) and the path of the field it concerns, so the
// error is shown next to that field.
import type { z } from "zod";
import { ZSurveyDefinition, checkCoreQuestionsKept, type TSurveyDefinition } from "@rappel/survey/schema";

export interface EditorIssue {
  /** The concerned field, e.g. "pages.0.questions.1.title.fr" ("" for the whole survey). */
  path: string;
  key: string;
  values: Record<string, string | number>;
  /** The schema's own (English) wording, for issues without a dedicated message. */
  fallback: string;
}

export type ValidationResult = { ok: true; definition: TSurveyDefinition; issues: [] } | { ok: false; issues: EditorIssue[] };

export const pathKey = (path: readonly PropertyKey[]) => path.map(String).join(".");

/** An element id derived from a path (stable, unique, valid in a URL fragment). */
export const fieldId = (path: string) => `sb-${path.replaceAll(".", "-") || "survey"}`;

function describe(issue: z.core.$ZodIssue): Omit<EditorIssue, "path" | "fallback"> {
  const last = String(issue.path.at(-1) ?? "");
  switch (issue.code) {
    case "custom": {
      const params = (issue.params ?? {}) as Record<string, string>;
      const { logic, ...values } = params;
      return logic ? { key: `logic_${logic}`, values } : { key: "invalid", values: {} };
    }
    case "too_small":
      if (issue.origin === "string") return { key: "text_required", values: {} };
      if (issue.origin === "array") return { key: "too_few", values: { minimum: Number(issue.minimum) } };
      return { key: "number_too_small", values: { minimum: Number(issue.minimum) } };
    case "too_big":
      if (issue.origin === "string") return { key: "text_too_long", values: { maximum: Number(issue.maximum) } };
      if (issue.origin === "array") return { key: "too_many", values: { maximum: Number(issue.maximum) } };
      return { key: "number_too_big", values: { maximum: Number(issue.maximum) } };
    case "invalid_format":
      if (last === "colour") return { key: "colour_format", values: {} };
      if (last === "id" || last === "questionId") return { key: "id_format", values: {} };
      if (last === "logoUrl") return { key: "url_format", values: {} };
      return { key: "invalid", values: {} };
    default:
      return { key: "invalid", values: {} };
  }
}

/** The schema's issues as message keys tied to their fields. */
export function toEditorIssues(issues: readonly z.core.$ZodIssue[]): EditorIssue[] {
  return issues.map((issue) => ({ path: pathKey(issue.path), fallback: issue.message, ...describe(issue) }));
}

/** Validates the draft as the server will, plus the lock on the saved version's core questions. */
export function validateDraft(draft: unknown, saved: TSurveyDefinition): ValidationResult {
  const result = ZSurveyDefinition.safeParse(draft);
  const issues: EditorIssue[] = result.success ? [] : toEditorIssues(result.error.issues);
  const shaped = draft as Partial<TSurveyDefinition> | null;
  if (shaped && Array.isArray(shaped.pages) && shaped.pages.every((p) => Array.isArray(p?.questions))) {
    for (const lock of checkCoreQuestionsKept(saved, shaped as TSurveyDefinition))
      issues.push({ path: "", key: lock.code, values: { id: lock.questionId }, fallback: lock.message });
  }
  if (result.success && issues.length === 0) return { ok: true, definition: result.data, issues: [] };
  return { ok: false, issues };
}

/** Issues grouped by the path they concern. */
export function issuesByPath(issues: readonly EditorIssue[]): Map<string, EditorIssue[]> {
  const map = new Map<string, EditorIssue[]>();
  for (const issue of issues) map.set(issue.path, [...(map.get(issue.path) ?? []), issue]);
  return map;
}
