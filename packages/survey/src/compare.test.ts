import { describe, expect, it } from "vitest";
import { compareNps, compareResults } from "./compare";
import { createCoreDefinition, QUESTION_BANK } from "./core-questionnaire";
import { parseSurveyDefinition } from "./definition";
import { summariseNps } from "./nps";
import type { ResultRow } from "./results";

const scores = (promoters: number, passives: number, detractors: number) => [
  ...Array<number>(promoters).fill(10),
  ...Array<number>(passives).fill(8),
  ...Array<number>(detractors).fill(3),
];

describe("compareNps", () => {
  it("finds a large difference on enough answers significant", () => {
    // 70/20/10 (NPS 60) against 30/30/40 (NPS −10), 100 answers each.
    const d = compareNps(summariseNps(scores(70, 20, 10)), summariseNps(scores(30, 30, 40)))!;
    expect(d.difference).toBe(-70);
    // v₁ = .8 − .36 = .44, v₂ = .7 − .01 = .69; SE = √(.0113) × 100 = 10.63; z = −6.59.
    expect(d.marginOfError).toBe(20.8);
    expect(d.z).toBe(-6.59);
    expect(d.significant).toBe(true);
  });

  it("does not call a small difference on few answers significant", () => {
    const d = compareNps(summariseNps(scores(5, 3, 2)), summariseNps(scores(4, 3, 3)))!;
    expect(d.difference).toBe(-20);
    expect(Math.abs(d.z)).toBeLessThan(1.96);
    expect(d.significant).toBe(false);
  });

  it("handles unanimous groups (zero variance)", () => {
    expect(compareNps(summariseNps(scores(5, 0, 0)), summariseNps(scores(5, 0, 0)))).toMatchObject({ difference: 0, z: 0, significant: false });
    expect(compareNps(summariseNps(scores(5, 0, 0)), summariseNps(scores(0, 0, 5)))).toMatchObject({ difference: -200, significant: true });
  });

  it("refuses to test a group below the minimum", () => {
    expect(compareNps(summariseNps(scores(30, 0, 0), { minResponses: 5 }), summariseNps(scores(1, 1, 1), { minResponses: 5 }))).toBeNull();
  });
});

const row = (nps: number, answers: Record<string, unknown> = {}, over: Partial<ResultRow> = {}): ResultRow => ({
  answers: { nps, ...answers } as ResultRow["answers"], nps, completed: true, currentPage: 1, answeredAt: new Date("2026-12-02T10:00:00Z"),
  performanceId: "p1", performanceLabel: "2 déc.", showTitle: "Le Misanthrope", priceCategory: null, salesChannel: null, firstTimer: false, ...over,
});

describe("compareResults", () => {
  const v1 = createCoreDefinition();
  // Version 2 adds the interval question and drops the matrix's page.
  const v2 = parseSurveyDefinition({ ...v1, pages: [{ ...v1.pages[0]!, questions: [...v1.pages[0]!.questions, QUESTION_BANK.find((q) => q.id === "interval")!] }] });

  it("puts groups side by side with rates, NPS tests against the first group, and questions matched by id", () => {
    const c = compareResults(
      [
        { key: "1", label: "Version 1", definition: v1, delivered: 10, rows: [row(10, { aspects: { sound: 4 } }), row(9, { aspects: { sound: 2 } }), row(10)] },
        { key: "2", label: "Version 2", definition: v2, delivered: 8, rows: [row(2, { interval: "too_long" }), row(3, { interval: "too_long" }), row(9, { interval: "right" }), row(1)] },
      ],
      3,
    );
    expect(c.groups.map((g) => [g.label, g.responses, g.responseRate, g.nps.nps])).toEqual([
      ["Version 1", 3, 30, 100],
      ["Version 2", 4, 50, -50],
    ]);
    expect(c.groups[0]!.versusReference).toBeNull();
    expect(c.groups[1]!.versusReference).toMatchObject({ difference: -150, significant: true });
    expect(c.questions.map((q) => q.question.id)).toEqual(["nps", "aspects", "interval"]);
    const aspects = c.questions.find((q) => q.question.id === "aspects")!;
    expect(aspects.cells[0]).toMatchObject({ present: true, answered: 2, rows: expect.arrayContaining([{ id: "sound", average: 3 }]) });
    expect(aspects.cells[1]).toEqual({ present: false });
    const interval = c.questions.find((q) => q.question.id === "interval")!;
    expect(interval.cells[0]).toEqual({ present: false });
    expect(interval.cells[1]).toMatchObject({ answered: 3, shares: [{ id: "too_short", count: 0, share: 0 }, { id: "right", count: 1, share: 33.3 }, { id: "too_long", count: 2, share: 66.7 }] });
    expect(c.questions[0]!.cells[1]).toMatchObject({ average: 3.8 });
  });

  it("hides a group's figures below the minimum but keeps its count", () => {
    const c = compareResults(
      [
        { key: "a", label: "A", definition: v1, delivered: null, rows: [row(10), row(9), row(8)] },
        { key: "b", label: "B", definition: v1, delivered: 0, rows: [row(1)] },
      ],
      3,
    );
    expect(c.groups[1]).toMatchObject({ responses: 1, responseRate: null, versusReference: null, nps: { nps: null, suppressed: true } });
    expect(c.groups[0]!.responseRate).toBeNull();
    expect(c.questions[0]!.cells[1]).toEqual({ present: true, answered: 1, suppressed: true });
    expect(c.questions[0]!.cells[0]).toMatchObject({ suppressed: false, average: 9 });
  });
});
