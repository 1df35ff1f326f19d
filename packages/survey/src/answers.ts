// Answers and display logic at answer time. Answers are one JSON object keyed by question id;
// free text is kept apart (see splitTextAnswers) because it may identify a person.
import type { TCondition, TLogic, TPage, TQuestion, TSurveyDefinition } from "./definition";

export type TMultipleAnswer = { selected: string[]; other?: string };
export type TAnswerValue = number | string | boolean | string[] | TMultipleAnswer | Record<string, number>;
export type TAnswers = Record<string, TAnswerValue>;

function conditionHolds(c: TCondition, answers: TAnswers): boolean {
  const v = answers[c.questionId];
  if (c.op === "answered") return v !== undefined;
  if (c.op === "not_answered") return v === undefined;
  if (v === undefined) return false;
  if (c.op === "includes") {
    const selected = typeof v === "object" && v !== null && "selected" in v ? (v as TMultipleAnswer).selected : [];
    return selected.includes(String(c.value));
  }
  if (typeof v === "object") return false;
  switch (c.op) {
    case "eq":
      return v === c.value;
    case "neq":
      return v !== c.value;
    case "lt":
      return typeof v === "number" && typeof c.value === "number" && v < c.value;
    case "lte":
      return typeof v === "number" && typeof c.value === "number" && v <= c.value;
    case "gt":
      return typeof v === "number" && typeof c.value === "number" && v > c.value;
    case "gte":
      return typeof v === "number" && typeof c.value === "number" && v >= c.value;
  }
}

/** True when there is no logic, or when all (AND) / any (OR) of its conditions hold. */
export function evaluateLogic(logic: TLogic | undefined, answers: TAnswers): boolean {
  if (!logic) return true;
  const results = logic.conditions.map((c) => conditionHolds(c, answers));
  return logic.mode === "all" ? results.every(Boolean) : results.some(Boolean);
}

export function visibleQuestions(page: TPage, answers: TAnswers): TQuestion[] {
  return page.questions.filter((q) => evaluateLogic(q.showIf, answers));
}

/** Indexes (in the definition) of the pages the spectator sees with these answers. */
export function visiblePageIndexes(def: Pick<TSurveyDefinition, "pages">, answers: TAnswers): number[] {
  return def.pages.flatMap((p, i) => (evaluateLogic(p.showIf, answers) ? [i] : []));
}

/** The next visible page after `current`, or null at the end. */
export function nextPageIndex(def: Pick<TSurveyDefinition, "pages">, answers: TAnswers, current: number): number | null {
  return visiblePageIndexes(def, answers).find((i) => i > current) ?? null;
}

export function previousPageIndex(def: Pick<TSurveyDefinition, "pages">, answers: TAnswers, current: number): number | null {
  const before = visiblePageIndexes(def, answers).filter((i) => i < current);
  return before.length ? before[before.length - 1]! : null;
}

export interface PageFormResult {
  answers: TAnswers;
  /** question id → error code ("required" | "invalid" | "too_long"). */
  errors: Record<string, "required" | "invalid" | "too_long">;
}

type FormLike = { get(name: string): unknown; getAll(name: string): unknown[] };

function text(form: FormLike, name: string): string {
  const v = form.get(name);
  return typeof v === "string" ? v.trim() : "";
}

function intIn(raw: string, min: number, max: number): number | null | "invalid" {
  if (raw === "") return null;
  if (!/^\d{1,2}$/.test(raw)) return "invalid";
  const n = Number(raw);
  return n >= min && n <= max ? n : "invalid";
}

/**
 * Reads one page's answers from a plain HTML form (works without JavaScript). Field names:
 * `q_<id>` for the value, `q_<id>__<row>` for matrix rows, `q_<id>__other` for "other".
 * Questions hidden by logic (given the earlier answers) are ignored.
 */
export function parsePageForm(page: TPage, form: FormLike, earlier: TAnswers): PageFormResult {
  const answers: TAnswers = {};
  const errors: PageFormResult["errors"] = {};
  for (const q of page.questions) {
    if (!evaluateLogic(q.showIf, { ...earlier, ...answers })) continue;
    const name = `q_${q.id}`;
    let value: TAnswerValue | null | "invalid" | "too_long" = null;
    switch (q.type) {
      case "nps":
        value = intIn(text(form, name), 0, 10);
        break;
      case "rating":
        value = intIn(text(form, name), 1, q.scale);
        break;
      case "yes_no": {
        const raw = text(form, name);
        value = raw === "yes" ? true : raw === "no" ? false : raw === "" ? null : "invalid";
        break;
      }
      case "single_choice": {
        const raw = text(form, name);
        value = raw === "" ? null : q.options.some((o) => o.id === raw) ? raw : "invalid";
        break;
      }
      case "multiple_choice": {
        const selected = form.getAll(name).filter((v): v is string => typeof v === "string");
        const other = q.allowOther ? text(form, `${name}__other`).slice(0, 500) : "";
        if (selected.some((s) => s !== "__other" && !q.options.some((o) => o.id === s))) value = "invalid";
        else {
          const known = selected.filter((s) => s !== "__other");
          const hasOther = other !== "" || selected.includes("__other");
          value = known.length || hasOther ? { selected: known, ...(other ? { other } : {}) } : null;
        }
        break;
      }
      case "matrix": {
        const rows: Record<string, number> = {};
        let bad = false;
        for (const row of q.rows) {
          const v = intIn(text(form, `${name}__${row.id}`), 1, q.scale);
          if (v === "invalid") bad = true;
          else if (v !== null) rows[row.id] = v;
        }
        value = bad ? "invalid" : Object.keys(rows).length ? rows : null;
        if (value && q.required && Object.keys(rows).length < q.rows.length) errors[q.id] = "required";
        break;
      }
      case "text": {
        const raw = text(form, name);
        value = raw === "" ? null : raw.length > q.maxLength ? "too_long" : raw;
        break;
      }
    }
    if (value === "invalid" || value === "too_long") errors[q.id] = value;
    else if (value === null) {
      if (q.required) errors[q.id] = "required";
    } else answers[q.id] = value;
  }
  return { answers, errors };
}

/** Free-text parts of the answers (text questions, "other" fields), to be sealed apart. */
export function splitTextAnswers(
  def: Pick<TSurveyDefinition, "pages">,
  answers: TAnswers,
): { plain: TAnswers; texts: Record<string, string> } {
  const plain: TAnswers = {};
  const texts: Record<string, string> = {};
  const types = new Map(def.pages.flatMap((p) => p.questions.map((q) => [q.id, q.type] as const)));
  for (const [id, v] of Object.entries(answers)) {
    const type = types.get(id);
    if (type === "text" && typeof v === "string") {
      texts[id] = v;
      plain[id] = ""; // "answered", without the words: results count it, the text stays sealed
    }
    else if (type === "multiple_choice" && typeof v === "object" && v !== null && "selected" in v) {
      const { other, selected } = v as TMultipleAnswer;
      plain[id] = { selected, ...(other ? { other: "" } : {}) };
      if (other) texts[`${id}__other`] = other;
    } else plain[id] = v;
  }
  return { plain, texts };
}

/** Inverse of splitTextAnswers. */
export function joinTextAnswers(plain: TAnswers, texts: Record<string, string>): TAnswers {
  const answers: TAnswers = { ...plain };
  for (const [key, value] of Object.entries(texts)) {
    if (key.endsWith("__other")) {
      const id = key.slice(0, -"__other".length);
      const current = answers[id] as TMultipleAnswer | undefined;
      answers[id] = { selected: current?.selected ?? [], other: value };
    } else answers[key] = value;
  }
  return answers;
}
