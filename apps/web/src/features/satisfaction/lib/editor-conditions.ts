// Display-logic helpers of the visual builder: which questions a condition may look at (those
// shown before its owner, as the schema requires), which operators fit each question type, and a
// sensible default condition so a new one is valid as soon as it is added.
import type { TCondition, TQuestion, TSurveyDefinition } from "@rappel/survey/schema";

/** Who owns a display rule: a page, or one question of a page. */
export interface LogicTarget {
  page: number;
  question?: number;
}

export type TOperator = TCondition["op"];

const ORDERED: TOperator[] = ["lte", "lt", "eq", "neq", "gte", "gt", "answered", "not_answered"];
const PRESENCE: TOperator[] = ["answered", "not_answered"];

export function operatorsFor(type: TQuestion["type"]): TOperator[] {
  switch (type) {
    case "nps":
    case "rating":
      return ORDERED;
    case "yes_no":
    case "single_choice":
      return ["eq", "neq", ...PRESENCE];
    case "multiple_choice":
      return ["includes", ...PRESENCE];
    case "matrix":
    case "text":
      return PRESENCE;
  }
}

/** The values a condition on `q` can compare with (null: the operator takes no value). */
export function valuesFor(q: TQuestion): { value: number | string | boolean; label: string }[] {
  switch (q.type) {
    case "nps":
      return Array.from({ length: 11 }, (_, n) => ({ value: n, label: String(n) }));
    case "rating":
      return Array.from({ length: q.scale }, (_, n) => ({ value: n + 1, label: String(n + 1) }));
    case "yes_no":
      return [
        { value: true, label: "yes" },
        { value: false, label: "no" },
      ];
    case "single_choice":
    case "multiple_choice":
      return q.options.map((o) => ({ value: o.id, label: o.label.fr }));
    default:
      return [];
  }
}

export function needsValue(op: TOperator): boolean {
  return op !== "answered" && op !== "not_answered";
}

/** A condition on `q` that makes sense right away ("NPS ≤ 6", "includes the first option"…). */
export function defaultCondition(q: TQuestion): TCondition {
  switch (q.type) {
    case "nps":
      return { questionId: q.id, op: "lte", value: 6 };
    case "rating":
      return { questionId: q.id, op: "lte", value: Math.min(2, q.scale) };
    case "yes_no":
      return { questionId: q.id, op: "eq", value: false };
    case "single_choice":
      return { questionId: q.id, op: "eq", value: q.options[0]?.id ?? "" };
    case "multiple_choice":
      return { questionId: q.id, op: "includes", value: q.options[0]?.id ?? "" };
    default:
      return { questionId: q.id, op: "answered" };
  }
}

/**
 * The condition after its operator changed: the value is dropped for answered / not answered,
 * and a value that fits the question is picked when the new operator needs one.
 */
export function withOperator(c: TCondition, op: TOperator, q: TQuestion | undefined): TCondition {
  if (!needsValue(op)) return { questionId: c.questionId, op };
  const allowed = q ? valuesFor(q).map((v) => v.value) : [];
  const value = c.value !== undefined && allowed.includes(c.value) ? c.value : (q ? defaultCondition(q).value : undefined) ?? allowed[0];
  return value === undefined ? { questionId: c.questionId, op } : { questionId: c.questionId, op, value };
}

/** The questions a rule of `target` may refer to: every question shown before it. */
export function questionsBefore(def: Pick<TSurveyDefinition, "pages">, target: LogicTarget): TQuestion[] {
  return def.pages.flatMap((page, p) => {
    if (p < target.page) return page.questions;
    if (p === target.page && target.question !== undefined) return page.questions.slice(0, target.question);
    return [];
  });
}
