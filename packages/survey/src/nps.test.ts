import { describe, expect, it } from "vitest";
import { average, classifyNps, distribution, summariseNps } from "./nps";

describe("NPS", () => {
  it("classifies scores", () => {
    expect([0, 6, 7, 8, 9, 10].map(classifyNps)).toEqual(["detractor", "detractor", "passive", "passive", "promoter", "promoter"]);
    expect(() => classifyNps(11)).toThrow(RangeError);
  });

  it("computes NPS and its 95 % margin of error", () => {
    // 50 promoters, 30 passives, 20 detractors: NPS 30; variance 0.5+0.2-0.09 = 0.61.
    const scores = [...Array(50).fill(10), ...Array(30).fill(8), ...Array(20).fill(2)];
    const s = summariseNps(scores);
    expect(s).toMatchObject({ responses: 100, promoters: 50, passives: 30, detractors: 20, nps: 30, suppressed: false });
    expect(s.marginOfError).toBeCloseTo(1.96 * Math.sqrt(0.61 / 100) * 100, 1);
    expect(s.marginOfError).toBe(15.3);
  });

  it("narrows the margin with the finite-population correction", () => {
    const scores = [...Array(50).fill(10), ...Array(30).fill(8), ...Array(20).fill(2)];
    expect(summariseNps(scores, { population: 120 }).marginOfError!).toBeLessThan(7);
    expect(summariseNps(scores, { population: 100 }).marginOfError).toBe(0);
  });

  it("shows nothing below the minimum number of responses", () => {
    expect(summariseNps([10, 10, 0], { minResponses: 5 })).toEqual({
      responses: 3, promoters: 2, passives: 0, detractors: 1, nps: null, marginOfError: null, suppressed: true,
    });
    expect(summariseNps([])).toMatchObject({ suppressed: true, nps: null });
    expect(summariseNps([0]).nps).toBe(-100);
  });

  it("counts distributions and averages", () => {
    expect(distribution([1, 3, 3, 9], 1, 5)).toEqual([1, 2, 3, 4, 5].map((value) => ({ value, count: value === 1 ? 1 : value === 3 ? 2 : 0 })));
    expect(average([4, 5, 5])).toBe(4.7);
    expect(average([])).toBeNull();
  });
});
