import { describe, expect, it } from "vitest";
import { ZAbTestConfig, abVariants, pickWinner, sampleSize, subjectForVariant, variantAtRank, variantRate, type VariantCounts } from "./ab-test";

const config = ZAbTestConfig.parse({ alternativeSubjects: ["Objet B", "Objet C"], samplePercent: 20, metric: "open", waitMinutes: 240 });

describe("A/B test configuration", () => {
  it("names variants A, B, C in order, A being the campaign's own subject", () => {
    expect(abVariants(config)).toEqual(["A", "B", "C"]);
    expect(subjectForVariant("Objet A", config, "A")).toBe("Objet A");
    expect(subjectForVariant("Objet A", config, "C")).toBe("Objet C");
    const two = { ...config, alternativeSubjects: ["Objet B"] };
    expect(abVariants(two)).toEqual(["A", "B"]);
    expect(() => subjectForVariant("Objet A", two, "C")).toThrow(/not part/);
  });

  it("refuses out-of-range settings", () => {
    expect(ZAbTestConfig.safeParse({ ...config, alternativeSubjects: [] }).success).toBe(false);
    expect(ZAbTestConfig.safeParse({ ...config, alternativeSubjects: ["b", "c", "d"] }).success).toBe(false);
    expect(ZAbTestConfig.safeParse({ ...config, samplePercent: 51 }).success).toBe(false);
    expect(ZAbTestConfig.safeParse({ ...config, samplePercent: 1 }).success).toBe(false);
    expect(ZAbTestConfig.safeParse({ ...config, waitMinutes: 10 }).success).toBe(false);
    expect(ZAbTestConfig.safeParse({ ...config, metric: "revenue" }).success).toBe(false);
  });
});

describe("sample split", () => {
  it("takes the rounded percentage, at least one recipient per variant, never more than the audience", () => {
    expect(sampleSize(1000, 20, 2)).toBe(200);
    expect(sampleSize(1001, 20, 3)).toBe(200);
    expect(sampleSize(7, 20, 2)).toBe(2); // 1.4 → 1, raised to one per variant
    expect(sampleSize(2, 20, 3)).toBe(2);
    expect(sampleSize(0, 20, 2)).toBe(0);
  });

  it("shares the sample evenly (round-robin) and leaves the rest to the winner", () => {
    const sample = sampleSize(1000, 20, 3);
    const counts = { A: 0, B: 0, C: 0, rest: 0 };
    for (let rank = 0; rank < 1000; rank++) counts[variantAtRank(rank, sample, 3) ?? "rest"] += 1;
    expect(counts).toEqual({ A: 67, B: 67, C: 66, rest: 800 });
  });
});

describe("winner choice", () => {
  const v = (variant: "A" | "B" | "C", sent: number, humanOpens: number, clicks: number): VariantCounts => ({ variant, sent, humanOpens, clicks });

  it("picks the highest rate of the chosen metric, not the highest count", () => {
    const results = [v("A", 100, 30, 2), v("B", 50, 20, 5)];
    expect(pickWinner(results, "open")).toBe("B"); // 40 % vs 30 %
    expect(pickWinner(results, "click")).toBe("B");
    expect(pickWinner([v("A", 100, 30, 9), v("B", 200, 50, 10)], "click")).toBe("A"); // 9 % vs 5 %
    expect(variantRate(v("B", 50, 20, 5), "open")).toBeCloseTo(0.4);
  });

  it("gives a tie to the earliest variant, A first, whatever the order given", () => {
    expect(pickWinner([v("B", 100, 30, 0), v("A", 100, 30, 0)], "open")).toBe("A");
    expect(pickWinner([v("C", 30, 9, 0), v("B", 10, 3, 0), v("A", 100, 20, 0)], "open")).toBe("B"); // B and C tie at 30 %
    expect(pickWinner([v("A", 0, 0, 0), v("B", 0, 0, 0)], "click")).toBe("A"); // nothing sent: no signal
  });

  it("never lets a variant that sent nothing win", () => {
    expect(pickWinner([v("A", 10, 0, 0), v("B", 0, 0, 0)], "open")).toBe("A");
    expect(pickWinner([v("A", 0, 0, 0), v("B", 10, 1, 0)], "open")).toBe("B");
  });
});
