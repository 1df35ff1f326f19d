// Static checks of a definition's display logic, run by the schema: unknown or duplicate ids,
// cycles, references to questions the spectator has not seen yet, and conditions that can never
// hold (a value outside the question's scale, an unknown option, "NPS ≤ 3 AND NPS ≥ 8").
// Answers flow forwards page by page, so a condition may only look at questions shown before it.
import type { TCondition, TLogic } from "./definition";

interface LooseQuestion {
  id: string;
  type: string;
  scale?: number;
  options?: { id: string }[];
  rows?: { id: string }[];
  showIf?: TLogic;
}
interface LoosePage {
  id: string;
  showIf?: TLogic;
  questions: LooseQuestion[];
}
/** Each issue carries a stable code and its parameters, so the builder can word it in FR or EN. */
export type LogicIssueCode =
  | "duplicate_page_id"
  | "duplicate_question_id"
  | "duplicate_option_id"
  | "unknown_question"
  | "needs_value"
  | "answered_only"
  | "includes_multiple_only"
  | "use_includes"
  | "never_holds"
  | "contradiction"
  | "never_all"
  | "must_be_earlier"
  | "cycle";
export interface LogicIssue {
  message: string;
  path: (string | number)[];
  code: LogicIssueCode;
  params: Record<string, string>;
}
type Problem = Pick<LogicIssue, "message" | "code" | "params">;
const problem = (code: LogicIssueCode, params: Record<string, string>, message: string): Problem => ({ code, params, message });

type Value = number | string | boolean;

/** Every value an answer to `q` can take that a condition can compare, or null when unbounded. */
function domainOf(q: LooseQuestion): Value[] | null {
  switch (q.type) {
    case "nps":
      return Array.from({ length: 11 }, (_, i) => i);
    case "rating":
      return Array.from({ length: q.scale ?? 5 }, (_, i) => i + 1);
    case "yes_no":
      return [true, false];
    case "single_choice":
    case "multiple_choice":
      return (q.options ?? []).map((o) => o.id);
    default:
      return null;
  }
}

function holds(c: TCondition, v: Value): boolean {
  const x = c.value;
  switch (c.op) {
    case "eq":
    case "includes":
      return v === x;
    case "neq":
      return v !== x;
    case "lt":
      return typeof v === "number" && typeof x === "number" && v < x;
    case "lte":
      return typeof v === "number" && typeof x === "number" && v <= x;
    case "gt":
      return typeof v === "number" && typeof x === "number" && v > x;
    case "gte":
      return typeof v === "number" && typeof x === "number" && v >= x;
    default:
      return true;
  }
}

function checkCondition(c: TCondition, q: LooseQuestion): Problem | null {
  const id = q.id;
  if (c.op === "answered" || c.op === "not_answered") return null;
  if (c.value === undefined) return problem("needs_value", { id, op: c.op }, `condition "${c.op}" on "${id}" needs a value`);
  if (q.type === "text" || q.type === "matrix") return problem("answered_only", { id }, `"${id}" (${q.type}) only supports answered / not answered`);
  if (c.op === "includes" && q.type !== "multiple_choice") return problem("includes_multiple_only", { id }, `"includes" only applies to multiple choice ("${id}")`);
  if (q.type === "multiple_choice" && c.op !== "includes") return problem("use_includes", { id }, `use "includes" for multiple choice ("${id}")`);
  const domain = domainOf(q) ?? [];
  const value = String(c.value);
  if (!domain.some((v) => holds(c, v))) return problem("never_holds", { id, op: c.op, value }, `condition "${id} ${c.op} ${value}" can never hold`);
  return null;
}

/** For AND logic: the conditions on one question must leave at least one possible answer. */
function checkConjunction(logic: TLogic, byId: Map<string, LooseQuestion>): Problem | null {
  if (logic.mode !== "all") return null;
  const grouped = new Map<string, TCondition[]>();
  for (const c of logic.conditions) grouped.set(c.questionId, [...(grouped.get(c.questionId) ?? []), c]);
  for (const [id, conditions] of grouped) {
    const q = byId.get(id);
    if (!q) continue;
    const wantsEmpty = conditions.some((c) => c.op === "not_answered");
    const wantsValue = conditions.some((c) => c.op !== "not_answered" && c.op !== "answered");
    const wantsAnswered = conditions.some((c) => c.op === "answered");
    if (wantsEmpty && (wantsValue || wantsAnswered)) return problem("contradiction", { id }, `conditions on "${id}" contradict each other (not answered and answered)`);
    const domain = domainOf(q);
    if (!domain || !wantsValue) continue;
    // Multiple choice: each "includes" is independent (several options can be ticked).
    if (q.type === "multiple_choice") continue;
    const left = domain.filter((v) => conditions.every((c) => c.op === "answered" || holds(c, v)));
    if (left.length === 0) return problem("never_all", { id }, `the conditions on "${id}" can never all hold together`);
  }
  return null;
}

function findCycle(edges: Map<string, string[]>): string[] | null {
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const visit = (node: string): string[] | null => {
    if (state.get(node) === "done") return null;
    if (state.get(node) === "visiting") return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, "visiting");
    stack.push(node);
    for (const next of edges.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, "done");
    return null;
  };
  for (const node of edges.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

export function checkLogicGraph(def: { pages: LoosePage[] }): LogicIssue[] {
  const issues: LogicIssue[] = [];
  const byId = new Map<string, LooseQuestion>();
  const position = new Map<string, { page: number; index: number }>();
  const pageIds = new Set<string>();
  def.pages.forEach((page, p) => {
    if (pageIds.has(page.id)) issues.push({ ...problem("duplicate_page_id", { id: page.id }, `duplicate page id "${page.id}"`), path: ["pages", p, "id"] });
    pageIds.add(page.id);
    page.questions.forEach((q, i) => {
      if (byId.has(q.id)) issues.push({ ...problem("duplicate_question_id", { id: q.id }, `duplicate question id "${q.id}"`), path: ["pages", p, "questions", i, "id"] });
      byId.set(q.id, q);
      position.set(q.id, { page: p, index: i });
      const options = [...(q.options ?? []), ...(q.rows ?? [])].map((o) => o.id);
      if (new Set(options).size !== options.length)
        issues.push({ ...problem("duplicate_option_id", { id: q.id }, `duplicate option id in "${q.id}"`), path: ["pages", p, "questions", i] });
    });
  });

  const edges = new Map<string, string[]>();
  const checkLogic = (logic: TLogic | undefined, owner: string, path: (string | number)[], before: (id: string) => boolean) => {
    if (!logic) return;
    edges.set(owner, logic.conditions.map((c) => c.questionId));
    logic.conditions.forEach((c, k) => {
      const q = byId.get(c.questionId);
      const where = [...path, "showIf", "conditions", k];
      if (!q) return issues.push({ ...problem("unknown_question", { id: c.questionId }, `condition refers to unknown question "${c.questionId}"`), path: where });
      const wrong = checkCondition(c, q);
      if (wrong) issues.push({ ...wrong, path: where });
      else if (!before(c.questionId)) {
        const message = `condition on "${c.questionId}" must refer to a question shown before "${owner}"`;
        issues.push({ ...problem("must_be_earlier", { id: c.questionId, owner }, message), path: where });
      }
    });
    const conj = checkConjunction(logic, byId);
    if (conj) issues.push({ ...conj, path: [...path, "showIf"] });
  };

  def.pages.forEach((page, p) => {
    checkLogic(page.showIf, `page:${page.id}`, ["pages", p], (id) => (position.get(id)?.page ?? Infinity) < p);
    page.questions.forEach((q, i) => {
      checkLogic(q.showIf, q.id, ["pages", p, "questions", i], (id) => {
        const at = position.get(id);
        return !!at && (at.page < p || (at.page === p && at.index < i));
      });
    });
  });
  const cycle = findCycle(edges);
  if (cycle) {
    const chain = cycle.join(" → ");
    issues.push({ ...problem("cycle", { chain }, `display logic has a cycle: ${chain}`), path: ["pages"] });
  }
  return issues;
}
