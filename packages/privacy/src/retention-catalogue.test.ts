import { describe, expect, it } from "vitest";
import { addMonthsToDay, endOfParisDay, parisDay } from "./calendar";
import { findPurgeStep, PURGE_STEPS } from "./purge-steps";
import { findCategory, purgeCutoff, RETENTION_CATEGORIES, resolveRule, validateOverride } from "./retention-catalogue";

describe("retention reference table", () => {
  it("has one row per category with periods, an end action and a legal basis", () => {
    const ids = RETENTION_CATEGORIES.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of RETENTION_CATEGORIES) {
      expect(c.legalBasis.length).toBeGreaterThan(10);
      expect(["delete", "anonymise"]).toContain(c.endAction);
    }
    expect(findCategory("prospect")).toMatchObject({ activeMonths: 36, endAction: "delete" });
    expect(findCategory("customer")).toMatchObject({ activeMonths: 36, endAction: "anonymise" });
  });

  it("lets a tenant shorten freely and lengthen only with a reason", () => {
    expect(() => validateOverride({ category: "customer", activeMonths: 12, archiveMonths: 0 })).not.toThrow();
    expect(() => validateOverride({ category: "customer", activeMonths: 48, archiveMonths: 0 })).toThrow(/needs a recorded reason/);
    expect(() => validateOverride({ category: "customer", activeMonths: 36, archiveMonths: 6 })).toThrow(/needs a recorded reason/);
    expect(() =>
      validateOverride({ category: "customer", activeMonths: 48, archiveMonths: 0, reason: "contentieux en cours avec le fisc" }),
    ).not.toThrow();
    expect(() => validateOverride({ category: "nope", activeMonths: 1, archiveMonths: 0 })).toThrow(/unknown data category/);
  });

  it("resolves the override over the default and keeps its reason", () => {
    const rule = resolveRule(findCategory("customer")!, { activeMonths: 48, archiveMonths: 0, reason: "litige" });
    expect(rule).toMatchObject({ activeMonths: 48, overridden: true, overrideReason: "litige", endAction: "anonymise" });
  });
});

describe("calendar months", () => {
  it("clamps to the end of shorter months and crosses years", () => {
    expect(addMonthsToDay({ year: 2026, month: 1, day: 31 }, 1)).toEqual({ year: 2026, month: 2, day: 28 });
    expect(addMonthsToDay({ year: 2028, month: 1, day: 31 }, 1)).toEqual({ year: 2028, month: 2, day: 29 });
    expect(addMonthsToDay({ year: 2026, month: 3, day: 15 }, -36)).toEqual({ year: 2023, month: 3, day: 15 });
    expect(addMonthsToDay({ year: 2026, month: 12, day: 5 }, 1)).toEqual({ year: 2027, month: 1, day: 5 });
  });

  it("uses the Paris calendar day, across daylight saving time", () => {
    expect(parisDay(new Date("2026-06-14T22:30:00Z"))).toEqual({ year: 2026, month: 6, day: 15 });
    expect(endOfParisDay({ year: 2026, month: 6, day: 15 }).toISOString()).toBe("2026-06-15T21:59:59.999Z");
    expect(endOfParisDay({ year: 2026, month: 1, day: 15 }).toISOString()).toBe("2026-01-15T22:59:59.999Z");
  });

  it("puts the purge cutoff at the end of the Paris day one period ago", () => {
    const cutoff = purgeCutoff({ activeMonths: 36, archiveMonths: 0 }, new Date("2026-06-15T08:00:00Z"));
    expect(cutoff.toISOString()).toBe("2023-06-15T21:59:59.999Z");
  });
});

describe("enforcement", () => {
  it("says 'engine' exactly for the categories the purge engine has a step for", () => {
    for (const c of RETENTION_CATEGORIES) {
      expect({ category: c.id, step: Boolean(findPurgeStep(c.id)) }).toEqual({ category: c.id, step: c.enforcement === "engine" });
    }
    expect(PURGE_STEPS.every((s) => findCategory(s.category))).toBe(true);
  });
});
