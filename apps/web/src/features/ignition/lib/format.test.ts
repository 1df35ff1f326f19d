import { describe, expect, it } from "vitest";
import { changeTone, computeChange, formatChange, formatKpiValue, kpiPolarity } from "./format";

const labels = { days: "j", km: "km" };
const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("computeChange", () => {
  it("is relative for amounts and counts", () => {
    expect(computeChange(112, 100, "count")).toEqual({ direction: "up", amount: 0.12, kind: "relative" });
    expect(computeChange(50, 200, "cents")).toEqual({ direction: "down", amount: -0.75, kind: "relative" });
  });

  it("is in percentage points for ratios", () => {
    const c = computeChange(0.82, 0.75, "ratio");
    expect(c?.kind).toBe("points");
    expect(c?.direction).toBe("up");
    expect(c?.amount).toBeCloseTo(7, 10);
  });

  it("has nothing to say without a base, and calls a tiny move flat", () => {
    expect(computeChange(null, 10, "count")).toBeNull();
    expect(computeChange(10, null, "count")).toBeNull();
    expect(computeChange(10, 0, "count")).toBeNull();
    expect(computeChange(0, 0, "count")?.direction).toBe("flat");
    expect(computeChange(100_001, 100_000, "count")?.direction).toBe("flat");
  });
});

describe("formatChange", () => {
  it("signs the change and uses the locale's decimal separator", () => {
    expect(nbsp(formatChange({ direction: "up", amount: 0.125, kind: "relative" }, "fr", "pts"))).toBe("+13 %");
    expect(nbsp(formatChange({ direction: "up", amount: 0.0525, kind: "relative" }, "fr", "pts"))).toBe("+5,3 %");
    expect(nbsp(formatChange({ direction: "down", amount: -0.0525, kind: "relative" }, "en", "pts"))).toBe("\u22125.3%");
    expect(nbsp(formatChange({ direction: "up", amount: 2.06, kind: "points" }, "fr", "pts"))).toBe("+2,1 pts");
    expect(nbsp(formatChange({ direction: "flat", amount: 0, kind: "relative" }, "fr", "pts"))).toBe("0 %");
  });
});

describe("formatKpiValue", () => {
  it("formats each unit", () => {
    expect(nbsp(formatKpiValue(1234567, "cents", "fr", labels))).toBe("12 346 €");
    expect(nbsp(formatKpiValue(2450, "cents", "fr", labels, "averageTicketPrice"))).toBe("24,50 €");
    expect(formatKpiValue(0.8234, "ratio", "en", labels)).toBe("82.3%");
    expect(nbsp(formatKpiValue(12.34, "days", "fr", labels))).toBe("12,3 j");
    expect(nbsp(formatKpiValue(1234, "count", "fr", labels))).toBe("1 234");
    expect(formatKpiValue(null, "count", "fr", labels)).toBe("\u2014");
  });
});

describe("tone", () => {
  it("colours rises of good KPIs only, never neutral ones", () => {
    expect(changeTone({ direction: "up", amount: 1, kind: "relative" }, kpiPolarity("revenue"))).toBe("good");
    expect(changeTone({ direction: "down", amount: -1, kind: "relative" }, kpiPolarity("fillRate"))).toBe("bad");
    expect(changeTone({ direction: "up", amount: 1, kind: "relative" }, kpiPolarity("averageLeadDays"))).toBe("neutral");
    expect(changeTone(null, "higher-is-better")).toBe("neutral");
  });
});
