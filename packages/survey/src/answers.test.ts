import { describe, expect, it } from "vitest";
import { evaluateLogic, joinTextAnswers, nextPageIndex, parsePageForm, splitTextAnswers, visiblePageIndexes } from "./answers";
import { createCoreDefinition } from "./core-questionnaire";
import { parseSurveyDefinition, type TPage } from "./definition";

const form = (entries: [string, string][]) => {
  const data = new URLSearchParams(entries);
  return { get: (n: string) => data.get(n), getAll: (n: string) => data.getAll(n) };
};

describe("display logic", () => {
  it("evaluates AND and OR", () => {
    const all = { mode: "all" as const, conditions: [{ questionId: "nps", op: "lte" as const, value: 6 }, { questionId: "again", op: "eq" as const, value: false }] };
    expect(evaluateLogic(all, { nps: 4, again: false })).toBe(true);
    expect(evaluateLogic(all, { nps: 4, again: true })).toBe(false);
    expect(evaluateLogic({ ...all, mode: "any" }, { nps: 9, again: false })).toBe(true);
    expect(evaluateLogic({ ...all, mode: "any" }, {})).toBe(false);
    expect(evaluateLogic({ mode: "all", conditions: [{ questionId: "x", op: "not_answered" }] }, {})).toBe(true);
    expect(evaluateLogic({ mode: "all", conditions: [{ questionId: "m", op: "includes", value: "bar" }] }, { m: { selected: ["bar"] } })).toBe(true);
  });

  it("skips pages whose condition does not hold", () => {
    const def = parseSurveyDefinition({
      ...createCoreDefinition(),
      pages: [
        ...createCoreDefinition().pages,
        { id: "p_low", showIf: { mode: "all", conditions: [{ questionId: "nps", op: "lte", value: 6 }] }, questions: [{ id: "why", type: "text", title: { fr: "Pourquoi ?" } }] },
      ],
    });
    expect(visiblePageIndexes(def, { nps: 9 })).toEqual([0, 1]);
    expect(visiblePageIndexes(def, { nps: 3 })).toEqual([0, 1, 2]);
    expect(nextPageIndex(def, { nps: 9 }, 1)).toBeNull();
    expect(nextPageIndex(def, { nps: 3 }, 1)).toBe(2);
  });
});

describe("reading a page from a plain form", () => {
  const def = createCoreDefinition();
  const first = def.pages[0]!;
  const details = def.pages[1]!;

  it("reads NPS and the follow-up only when it is shown", () => {
    expect(parsePageForm(first, form([["q_nps", "9"], ["q_disappointed", "ignored"]]), {})).toEqual({ answers: { nps: 9 }, errors: {} });
    expect(parsePageForm(first, form([["q_nps", "3"], ["q_disappointed", " Trop long "]]), {}).answers).toEqual({ nps: 3, disappointed: "Trop long" });
  });

  it("reports missing required answers and invalid values", () => {
    expect(parsePageForm(first, form([]), {}).errors).toEqual({ nps: "required" });
    expect(parsePageForm(first, form([["q_nps", "11"]]), {}).errors).toEqual({ nps: "invalid" });
    expect(parsePageForm(first, form([["q_nps", "-1"]]), {}).errors).toEqual({ nps: "invalid" });
  });

  it("reads matrix rows, multiple choice with other, and yes/no", () => {
    const page: TPage = {
      id: "p",
      questions: [
        details.questions[0]!,
        { id: "many", type: "multiple_choice", allowOther: true, required: false, title: { fr: "M" }, options: [{ id: "a", label: { fr: "A" } }, { id: "b", label: { fr: "B" } }] },
        { id: "yn", type: "yes_no", required: false, title: { fr: "O/N" } },
      ],
    };
    const result = parsePageForm(page, form([["q_aspects__sound", "4"], ["q_aspects__welcome", "5"], ["q_many", "a"], ["q_many__other", "la déco"], ["q_yn", "no"]]), {});
    expect(result).toEqual({ answers: { aspects: { sound: 4, welcome: 5 }, many: { selected: ["a"], other: "la déco" }, yn: false }, errors: {} });
    expect(parsePageForm(page, form([["q_many", "zzz"]]), {}).errors).toEqual({ many: "invalid" });
  });

  it("keeps free text apart from the rest and joins it back", () => {
    const answers = { nps: 3, disappointed: "Le son", many: { selected: ["a"], other: "ma voisine Mme Dupont" } };
    const split = splitTextAnswers({ pages: [...def.pages, { id: "x", questions: [{ id: "many", type: "multiple_choice", allowOther: true, required: false, title: { fr: "M" }, options: [{ id: "a", label: { fr: "A" } }, { id: "b", label: { fr: "B" } }] }] }] }, answers);
    expect(JSON.stringify(split.plain)).not.toMatch(/Dupont|son/);
    expect(joinTextAnswers(split.plain, split.texts)).toEqual(answers);
  });
});
