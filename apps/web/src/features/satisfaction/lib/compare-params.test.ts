import { describe, expect, it } from "vitest";
import { parseCompareParams } from "./compare-params";

const A = "6f1c1a57-3f0e-4b8e-9a55-0f6f2b4b7a11";
const B = "0d4b1d0e-8a9c-4a53-b0a7-7c2b7d4c3e22";

describe("parseCompareParams", () => {
  it("keeps valid picks in order, drops malformed ones, and parses the period", () => {
    const p = parseCompareParams({ survey: A, mode: "shows", item: [B, "x'; drop", A, B], from: "2026-09-01", to: "2027-07-01", go: "1" });
    expect(p).toMatchObject({ surveyId: A, mode: "shows", items: [B, A], problems: [], submitted: true });
    expect(p.from?.toISOString()).toBe("2026-09-01T00:00:00.000Z");
  });

  it("accepts version numbers as items", () => {
    expect(parseCompareParams({ mode: "versions", item: ["1", "3"] }).items).toEqual(["1", "3"]);
  });

  it("reports too few items only once the form was submitted, and bad dates while keeping what was typed", () => {
    expect(parseCompareParams({ mode: "shows" }).problems).toEqual([]);
    const p = parseCompareParams({ mode: "shows", item: A, from: "2026-13-45", to: "2026-01-01", go: "1" });
    expect(p.problems).toEqual(["tooFew", "badFrom"]);
    expect(p.fromText).toBe("2026-13-45");
    expect(parseCompareParams({ item: [A, B], from: "2026-05-01", to: "2026-04-01", go: "1" }).problems).toEqual(["badPeriod"]);
  });

  it("refuses more than six items and falls back to a known mode", () => {
    const many = ["1", "2", "3", "4", "5", "6", "7"];
    const p = parseCompareParams({ mode: "everything", item: many, go: "1" });
    expect(p.mode).toBe("performances");
    expect(p.problems).toEqual(["tooMany"]);
  });
});
