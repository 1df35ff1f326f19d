import { describe, expect, it } from "vitest";
import { createCoreDefinition, parseSurveyDefinition, type TSurveyDefinition } from "@rappel/survey/schema";
import { editorReducer, uniqueId, type EditorAction, type EditorState } from "./editor-state";
import { validateDraft } from "./editor-issues";
import { operatorsFor, questionsBefore, withOperator } from "./editor-conditions";

const start = (): EditorState => {
  const definition = createCoreDefinition();
  return { definition, locked: definition.pages.flatMap((p) => p.questions.filter((q) => !q.module).map((q) => q.id)) };
};
const run = (state: EditorState, ...actions: EditorAction[]) => actions.reduce(editorReducer, state);
const ids = (def: TSurveyDefinition) => def.pages.map((p) => p.questions.map((q) => q.id));

describe("survey editor state", () => {
  it("adds pages and questions of every type that the shared schema accepts as they are", () => {
    const types = ["nps", "rating", "single_choice", "multiple_choice", "matrix", "text", "yes_no"] as const;
    const state = run(start(), { type: "addPage" }, ...types.map((questionType) => ({ type: "addQuestion", page: 2, questionType }) as const));
    expect(state.definition.pages).toHaveLength(3);
    expect(ids(state.definition)[2]).toEqual(["question", "nps_2", "rating", "single_choice", "multiple_choice", "matrix", "text", "yes_no"]);
    expect(() => parseSurveyDefinition(state.definition)).not.toThrow();
    expect(state.definition.pages[2]!.questions.every((q) => q.module === "custom")).toBe(true);
  });

  it("moves questions within a page and across pages, and pages among themselves", () => {
    let state = run(start(), { type: "moveQuestion", page: 0, question: 0, by: 1 });
    expect(ids(state.definition)[0]).toEqual(["disappointed", "nps"]);
    state = run(state, { type: "moveQuestion", page: 0, question: 1, by: 1 });
    expect(ids(state.definition)).toEqual([["disappointed"], ["nps", "aspects", "comment"]]);
    // The last question of a page stays: a page may not be empty.
    expect(run(state, { type: "moveQuestion", page: 0, question: 0, by: 1 })).toBe(state);
    state = run(state, { type: "movePage", page: 1, by: -1 });
    expect(state.definition.pages.map((p) => p.id)).toEqual(["p_details", "p_overall"]);
    expect(run(state, { type: "movePage", page: 0, by: -1 })).toBe(state);
  });

  it("keeps core questions locked but lets custom ones be removed, renamed and retyped", () => {
    const state = run(start(), { type: "addQuestion", page: 1, questionType: "yes_no" });
    expect(run(state, { type: "removeQuestion", page: 0, question: 0 })).toBe(state);
    expect(run(state, { type: "renameQuestion", page: 0, question: 0, id: "score" })).toBe(state);
    expect(run(state, { type: "changeQuestionType", page: 0, question: 0, questionType: "rating" })).toBe(state);
    expect(run(state, { type: "removePage", page: 0 })).toBe(state);

    const retyped = run(state, { type: "changeQuestionType", page: 1, question: 2, questionType: "matrix" });
    const matrix = retyped.definition.pages[1]!.questions[2]!;
    expect(matrix).toMatchObject({ id: "yes_no", type: "matrix", scale: 5, title: { fr: "Oui ou non ?" } });
    const removed = run(retyped, { type: "removeQuestion", page: 1, question: 2 });
    expect(ids(removed.definition)[1]).toEqual(["aspects", "comment"]);
  });

  it("renames a question everywhere its id is used in display logic", () => {
    let state = run(start(), { type: "addQuestion", page: 0, questionType: "nps" });
    state = run(state, { type: "moveQuestion", page: 0, question: 2, by: -1 }, { type: "moveQuestion", page: 0, question: 1, by: -1 });
    state = run(state, { type: "setCondition", target: { page: 0, question: 2 }, index: 0, condition: { questionId: "nps_2", op: "lte", value: 6 } });
    state = run(state, { type: "renameQuestion", page: 0, question: 0, id: "score_bis" });
    expect(state.definition.pages[0]!.questions[2]!.showIf?.conditions[0]?.questionId).toBe("score_bis");
  });

  it("edits display logic: switch on with a condition on an earlier question, AND/OR, add, change, remove", () => {
    let state = run(start(), { type: "toggleLogic", target: { page: 1, question: 1 }, on: true });
    expect(state.definition.pages[1]!.questions[1]!.showIf).toEqual({ mode: "all", conditions: [{ questionId: "aspects", op: "answered" }] });
    state = run(state, { type: "addCondition", target: { page: 1, question: 1 } }, { type: "setLogicMode", target: { page: 1, question: 1 }, mode: "any" });
    state = run(state, { type: "setCondition", target: { page: 1, question: 1 }, index: 1, condition: { questionId: "nps", op: "gte", value: 9 } });
    expect(state.definition.pages[1]!.questions[1]!.showIf).toEqual({
      mode: "any",
      conditions: [{ questionId: "aspects", op: "answered" }, { questionId: "nps", op: "gte", value: 9 }],
    });
    expect(validateDraft(state.definition, start().definition).ok).toBe(true);
    state = run(state, { type: "removeCondition", target: { page: 1, question: 1 }, index: 0 }, { type: "removeCondition", target: { page: 1, question: 1 }, index: 0 });
    expect(state.definition.pages[1]!.questions[1]!.showIf).toBeUndefined();
    // A page rule: only questions of earlier pages qualify; the first page has none.
    expect(run(state, { type: "toggleLogic", target: { page: 0 }, on: true })).toBe(state);
    state = run(state, { type: "toggleLogic", target: { page: 1 }, on: true });
    expect(state.definition.pages[1]!.showIf?.conditions[0]).toEqual({ questionId: "disappointed", op: "answered" });
  });

  it("fits operators and values to the question type", () => {
    const def = createCoreDefinition();
    const nps = def.pages[0]!.questions[0]!;
    expect(operatorsFor("multiple_choice")).toEqual(["includes", "answered", "not_answered"]);
    expect(operatorsFor("text")).toEqual(["answered", "not_answered"]);
    expect(withOperator({ questionId: "nps", op: "lte", value: 6 }, "answered", nps)).toEqual({ questionId: "nps", op: "answered" });
    expect(withOperator({ questionId: "nps", op: "answered" }, "gt", nps)).toEqual({ questionId: "nps", op: "gt", value: 6 });
    expect(questionsBefore(def, { page: 1, question: 1 }).map((q) => q.id)).toEqual(["nps", "disappointed", "aspects"]);
  });

  it("edits texts, choices and settings; empty optional texts disappear", () => {
    let state = run(start(), { type: "addQuestion", page: 0, questionType: "multiple_choice" });
    const ref = { page: 0, question: 2 };
    state = run(
      state,
      { type: "addChoice", ...ref, list: "options" },
      { type: "setChoiceLabel", ...ref, list: "options", index: 2, locale: "en", value: "Press" },
      { type: "removeChoice", ...ref, list: "options", index: 0 },
      { type: "patchQuestion", ...ref, patch: { allowOther: true, required: true, scale: 7 } },
      { type: "setQuestionText", ...ref, field: "help", locale: "fr", value: "Plusieurs réponses possibles" },
      { type: "setPageTitle", page: 0, locale: "fr", value: "Début" },
      { type: "setPageTitle", page: 0, locale: "fr", value: "" },
    );
    const q = state.definition.pages[0]!.questions[2]!;
    expect(q).toMatchObject({ required: true, allowOther: true, help: { fr: "Plusieurs réponses possibles" } });
    expect("scale" in q).toBe(false);
    expect(q.type === "multiple_choice" && q.options.map((o) => [o.id, o.label.en])).toEqual([["option_2", "Answer 2"], ["option_3", "Press"]]);
    expect(state.definition.pages[0]!.title).toBeUndefined();
  });

  it("reorders a choice question's options (and a matrix's rows) one step at a time, ids kept", () => {
    let state = run(start(), { type: "addQuestion", page: 0, questionType: "single_choice" });
    const ref = { page: 0, question: 2 };
    state = run(state, { type: "addChoice", ...ref, list: "options" });
    const order = (s: EditorState) => {
      const q = s.definition.pages[0]!.questions[2]!;
      return q.type === "single_choice" ? q.options.map((o) => o.id) : [];
    };
    state = run(state, { type: "moveChoice", ...ref, list: "options", index: 2, by: -1 });
    expect(order(state)).toEqual(["option_1", "option_3", "option_2"]);
    state = run(state, { type: "moveChoice", ...ref, list: "options", index: 0, by: 1 });
    expect(order(state)).toEqual(["option_3", "option_1", "option_2"]);
    // Past either end, or on a list the question does not have: nothing changes.
    expect(run(state, { type: "moveChoice", ...ref, list: "options", index: 0, by: -1 })).toBe(state);
    expect(run(state, { type: "moveChoice", ...ref, list: "options", index: 2, by: 1 })).toBe(state);
    expect(run(state, { type: "moveChoice", ...ref, list: "rows", index: 0, by: 1 })).toBe(state);
    expect(() => parseSurveyDefinition(state.definition)).not.toThrow();

    const matrix = run(start(), { type: "moveChoice", page: 1, question: 0, list: "rows", index: 1, by: -1 });
    const rows = (s: EditorState) => { const q = s.definition.pages[1]!.questions[0]!; return q.type === "matrix" ? q.rows.map((r) => r.id) : []; };
    expect(rows(matrix).slice(0, 2)).toEqual([rows(start())[1], rows(start())[0]]);
  });

  it("switches the thank-you page's next-show suggestions, on by default", () => {
    expect(start().definition.thankYou.suggestNextShows).toBe(true);
    const off = run(start(), { type: "setSuggestNextShows", on: false });
    expect(off.definition.thankYou).toEqual({ suggestNextShows: false });
    expect(parseSurveyDefinition(off.definition).thankYou.suggestNextShows).toBe(false);
    expect(run(off, { type: "setSuggestNextShows", on: false })).toBe(off);
    expect(run(off, { type: "setSuggestNextShows", on: true }).definition.thankYou.suggestNextShows).toBe(true);
  });

  it("inserts bank questions with a fresh id when the bank's is taken", () => {
    const state = run(start(), { type: "insertFromBank", page: 1, bankId: "bar" }, { type: "insertFromBank", page: 1, bankId: "bar" });
    expect(ids(state.definition)[1]).toEqual(["aspects", "comment", "bar", "bar_2"]);
    expect(uniqueId("bar", ["bar", "bar_2"])).toBe("bar_3");
  });
});

describe("survey editor validation", () => {
  it("points each problem at its field, with a message key and values", () => {
    let state = run(start(), { type: "setQuestionText", page: 0, question: 0, field: "title", locale: "fr", value: "" });
    state = run(state, { type: "setCondition", target: { page: 0, question: 1 }, index: 0, condition: { questionId: "nps", op: "gt", value: 10 } });
    const result = validateDraft(state.definition, start().definition);
    expect(result.ok).toBe(false);
    expect(result.issues.map((i) => [i.path, i.key])).toEqual([
      ["pages.0.questions.0.title.fr", "text_required"],
      ["pages.0.questions.1.showIf.conditions.0", "logic_never_holds"],
      ["pages.0.questions.1.showIf", "logic_never_all"],
    ]);
    expect(result.issues[1]!.values).toEqual({ id: "nps", op: "gt", value: "10" });
  });

  it("reports a removed core question and a reference to a later question", () => {
    const draft = structuredClone(start().definition);
    draft.pages[1]!.questions.pop();
    draft.pages[0]!.questions[0]!.showIf = { mode: "all", conditions: [{ questionId: "disappointed", op: "answered" }] };
    const keys = validateDraft(draft, start().definition).issues.map((i) => i.key);
    expect(keys).toContain("core_removed");
    expect(keys).toContain("logic_must_be_earlier");
  });
});
