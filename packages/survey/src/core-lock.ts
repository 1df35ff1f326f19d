// The core questionnaire's questions (those without a `module`) keep their stable id and their
// type from one version to the next: results compare them across seasons, so the builder shows
// them locked and the server refuses a definition that drops or retypes one.
import type { TQuestionType } from "./definition";

interface LooseDefinition {
  pages: { questions: { id: string; type: TQuestionType; module?: string }[] }[];
}

export interface CoreLockIssue {
  code: "core_removed" | "core_retyped";
  questionId: string;
  message: string;
}

/** The ids of the core questions of a definition (no `module`). */
export function coreQuestionIds(def: LooseDefinition): Set<string> {
  return new Set(def.pages.flatMap((p) => p.questions.filter((q) => q.module === undefined).map((q) => q.id)));
}

/** What `next` breaks of the core questions of `previous` (the saved version). */
export function checkCoreQuestionsKept(previous: LooseDefinition, next: LooseDefinition): CoreLockIssue[] {
  const after = new Map(next.pages.flatMap((p) => p.questions.map((q) => [q.id, q] as const)));
  const issues: CoreLockIssue[] = [];
  for (const q of previous.pages.flatMap((p) => p.questions)) {
    if (q.module !== undefined) continue;
    const kept = after.get(q.id);
    if (!kept) issues.push({ code: "core_removed", questionId: q.id, message: `core question "${q.id}" cannot be removed` });
    else if (kept.type !== q.type || kept.module !== undefined)
      issues.push({ code: "core_retyped", questionId: q.id, message: `core question "${q.id}" must keep its type (${q.type}) and stay in the core` });
  }
  return issues;
}
