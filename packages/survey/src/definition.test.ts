import { describe, expect, it } from "vitest";
import { createCoreDefinition } from "./core-questionnaire";
import { SurveyDefinitionError, ZSurveyDefinition, parseSurveyDefinition } from "./definition";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests poke at arbitrary JSON shapes
const core = () => structuredClone(createCoreDefinition()) as unknown as Record<string, any>;

describe("survey definition schema", () => {
  it("accepts the core questionnaire with every question type", () => {
    const def = core();
    def.pages.push({
      id: "p_more",
      questions: [
        { id: "stars", type: "rating", scale: 5, style: "stars", title: { fr: "Étoiles" } },
        { id: "pick", type: "single_choice", title: { fr: "Un" }, options: [{ id: "a", label: { fr: "A" } }, { id: "b", label: { fr: "B" } }] },
        { id: "many", type: "multiple_choice", allowOther: true, title: { fr: "Plusieurs" }, options: [{ id: "a", label: { fr: "A" } }, { id: "b", label: { fr: "B" } }] },
        { id: "again", type: "yes_no", title: { fr: "Encore ?", en: "Again?" } },
      ],
    });
    const parsed = parseSurveyDefinition(def);
    expect(parsed.pages.flatMap((p) => p.questions.map((q) => q.type)).sort()).toEqual(
      ["matrix", "multiple_choice", "nps", "rating", "single_choice", "text", "text", "yes_no"].sort(),
    );
    expect(parsed.pages[2]!.questions[0]!.required).toBe(false);
  });

  it("requires French text and refuses unknown fields", () => {
    const def = core();
    def.title = { en: "Only English" };
    expect(ZSurveyDefinition.safeParse(def).success).toBe(false);
    const extra = core();
    extra.pages[0].questions[0].colour = "red";
    expect(ZSurveyDefinition.safeParse(extra).success).toBe(false);
  });

  it("refuses duplicate question ids", () => {
    const def = core();
    def.pages[1].questions[1].id = "nps";
    expect(() => parseSurveyDefinition(def)).toThrow(/duplicate question id "nps"/);
  });

  it("refuses a condition on a question shown later (and so any cycle)", () => {
    const def = core();
    def.pages[0].questions[0].showIf = { mode: "all", conditions: [{ questionId: "disappointed", op: "answered" }] };
    try {
      parseSurveyDefinition(def);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SurveyDefinitionError);
      const text = (error as SurveyDefinitionError).issues.join("\n");
      expect(text).toMatch(/must refer to a question shown before "nps"/);
      expect(text).toMatch(/cycle: nps → disappointed → nps|cycle: disappointed → nps → disappointed/);
    }
  });

  it("refuses a self-referencing condition", () => {
    const def = core();
    def.pages[1].questions[1].showIf = { mode: "any", conditions: [{ questionId: "comment", op: "answered" }] };
    expect(() => parseSurveyDefinition(def)).toThrow(/cycle: comment → comment/);
  });

  it("refuses a page condition on a question of the same page", () => {
    const def = core();
    def.pages[1].showIf = { mode: "all", conditions: [{ questionId: "comment", op: "answered" }] };
    expect(() => parseSurveyDefinition(def)).toThrow(/shown before "page:p_details"/);
  });

  it("refuses conditions that can never hold", () => {
    const outOfScale = core();
    outOfScale.pages[0].questions[1].showIf = { mode: "all", conditions: [{ questionId: "nps", op: "gt", value: 10 }] };
    expect(() => parseSurveyDefinition(outOfScale)).toThrow(/can never hold/);

    const contradiction = core();
    contradiction.pages[0].questions[1].showIf = {
      mode: "all",
      conditions: [
        { questionId: "nps", op: "lte", value: 3 },
        { questionId: "nps", op: "gte", value: 8 },
      ],
    };
    expect(() => parseSurveyDefinition(contradiction)).toThrow(/can never all hold together/);

    // The same two conditions with OR are fine.
    const either = core();
    either.pages[0].questions[1].showIf = { ...contradiction.pages[0].questions[1].showIf, mode: "any" };
    expect(() => parseSurveyDefinition(either)).not.toThrow();

    const textValue = core();
    textValue.pages[1].showIf = { mode: "all", conditions: [{ questionId: "disappointed", op: "eq", value: "x" }] };
    expect(() => parseSurveyDefinition(textValue)).toThrow(/only supports answered/);

    const unknown = core();
    unknown.pages[1].showIf = { mode: "all", conditions: [{ questionId: "nope", op: "answered" }] };
    expect(() => parseSurveyDefinition(unknown)).toThrow(/unknown question "nope"/);
  });
});

describe("logic issues carry a code for the builder's wording", () => {
  it("puts the code and its parameters in the zod issue", () => {
    const def = core();
    def.pages[0].questions[1].showIf = { mode: "all", conditions: [{ questionId: "nps", op: "gt", value: 10 }] };
    const result = ZSurveyDefinition.safeParse(def);
    expect(result.success).toBe(false);
    const issue = result.error!.issues.find((i) => i.code === "custom");
    expect(issue?.path).toEqual(["pages", 0, "questions", 1, "showIf", "conditions", 0]);
    expect((issue as { params?: unknown }).params).toEqual({ logic: "never_holds", id: "nps", op: "gt", value: "10" });
  });
});
