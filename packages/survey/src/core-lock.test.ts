import { describe, expect, it } from "vitest";
import { createCoreDefinition } from "./core-questionnaire";
import { checkCoreQuestionsKept, coreQuestionIds } from "./core-lock";

describe("core questions stay comparable", () => {
  it("lists the questions without a module as core", () => {
    const def = createCoreDefinition();
    def.pages[1]!.questions.push({ id: "extra", type: "yes_no", required: false, module: "custom", title: { fr: "Encore ?" } });
    expect([...coreQuestionIds(def)].sort()).toEqual(["aspects", "comment", "disappointed", "nps"]);
  });

  it("accepts moved and reworded core questions, refuses removed or retyped ones", () => {
    const saved = createCoreDefinition();
    const moved = structuredClone(saved);
    const [nps] = moved.pages[0]!.questions.splice(0, 1);
    moved.pages[1]!.questions.push({ ...nps!, title: { fr: "Autre libellé" } });
    expect(checkCoreQuestionsKept(saved, moved)).toEqual([]);

    const removed = structuredClone(saved);
    removed.pages[1]!.questions.pop();
    expect(checkCoreQuestionsKept(saved, removed).map((i) => [i.code, i.questionId])).toEqual([["core_removed", "comment"]]);

    const retyped = structuredClone(saved);
    retyped.pages[1]!.questions[1] = { id: "comment", type: "yes_no", required: false, title: { fr: "Oui ?" } };
    expect(checkCoreQuestionsKept(saved, retyped).map((i) => i.code)).toEqual(["core_retyped"]);
  });
});
