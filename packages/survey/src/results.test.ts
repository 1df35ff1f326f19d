import { describe, expect, it } from "vitest";
import { createCoreDefinition } from "./core-questionnaire";
import { aggregateResults, questionColumns, type ResultRow } from "./results";

const row = (over: Partial<ResultRow>): ResultRow => ({
  answers: {}, nps: null, completed: true, currentPage: 1, answeredAt: new Date("2026-12-02T10:00:00Z"), performanceId: "p1",
  performanceLabel: "2 déc.", showTitle: "Le Misanthrope", priceCategory: "Plein tarif", salesChannel: "web", firstTimer: false, ...over,
});

describe("aggregateResults", () => {
  const def = createCoreDefinition();

  it("computes NPS, per-question figures and drop-off", () => {
    const rows = [
      row({ nps: 10, answers: { nps: 10, aspects: { sound: 5, welcome: 4 } } }),
      row({ nps: 9, answers: { nps: 9, aspects: { sound: 3 } }, firstTimer: true }),
      row({ nps: 3, answers: { nps: 3, disappointed: "" }, completed: false, currentPage: 0 }), // text sealed apart
    ];
    const r = aggregateResults(def, rows, 1);
    expect(r.nps).toMatchObject({ responses: 3, promoters: 2, detractors: 1, nps: 33.3 });
    expect(r.questions.find((q) => q.id === "disappointed")).toMatchObject({ seen: 1, answered: 1 });
    // The third person stopped on page 1: two saw the matrix, two answered it.
    expect(r.questions.find((q) => q.id === "aspects")).toMatchObject({ seen: 2, answered: 2, rows: expect.arrayContaining([{ id: "sound", average: 4, count: 2 }]) });
    expect(r.questions.find((q) => q.id === "comment")).toMatchObject({ seen: 2, answered: 0 });
    expect(r.byFirstTime.map((g) => [g.key, g.summary.responses])).toEqual([["first", 1], ["returning", 2]]);
    expect(r.trend).toHaveLength(1);
    expect(r.npsDistribution.find((d) => d.value === 10)?.count).toBe(1);
  });

  it("suppresses every figure below the minimum number of responses", () => {
    const r = aggregateResults(def, [row({ nps: 10, answers: { nps: 10, aspects: { sound: 5 } } })], 5);
    expect(r.nps.nps).toBeNull();
    expect(r.npsDistribution).toEqual([]);
    expect(r.questions.find((q) => q.id === "aspects")?.rows).toBeUndefined();
    expect(r.byPerformance[0]!.summary.suppressed).toBe(true);
  });

  it("lists export columns with matrix rows", () => {
    expect(questionColumns(def)).toEqual(["nps", "disappointed", "aspects.artistic", "aspects.sound", "aspects.sightlines", "aspects.comfort", "aspects.welcome", "comment"]);
  });
});
