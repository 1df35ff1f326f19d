import { describe, expect, it } from "vitest";
import { readAbTestForm, readTestVariant } from "./campaign-ab-form";

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};
const valid = { abEnabled: "on", abSubjectB: "Objet B", abSubjectC: "", abSamplePercent: "20", abMetric: "click", abWaitHours: "4" };

describe("A/B test form", () => {
  it("is off unless ticked", () => {
    expect(readAbTestForm(form({ ...valid, abEnabled: "" }))).toEqual({ ok: true, abTest: null });
  });
  it("reads two or three subjects, the sample, the metric and the wait in hours (French decimal comma accepted)", () => {
    expect(readAbTestForm(form(valid))).toEqual({ ok: true, abTest: { alternativeSubjects: ["Objet B"], samplePercent: 20, metric: "click", waitMinutes: 240 } });
    expect(readAbTestForm(form({ ...valid, abSubjectC: " Objet C ", abWaitHours: "1,5" }))).toEqual({
      ok: true, abTest: { alternativeSubjects: ["Objet B", "Objet C"], samplePercent: 20, metric: "click", waitMinutes: 90 },
    });
  });
  it("names the field at fault", () => {
    expect(readAbTestForm(form({ ...valid, abSubjectB: " " }))).toEqual({ ok: false, code: "ab_subject" });
    expect(readAbTestForm(form({ ...valid, abSamplePercent: "80" }))).toEqual({ ok: false, code: "ab_sample" });
    expect(readAbTestForm(form({ ...valid, abSamplePercent: "abc" }))).toEqual({ ok: false, code: "ab_sample" });
    expect(readAbTestForm(form({ ...valid, abMetric: "revenue" }))).toEqual({ ok: false, code: "ab_metric" });
    expect(readAbTestForm(form({ ...valid, abWaitHours: "0.2" }))).toEqual({ ok: false, code: "ab_wait" });
    expect(readAbTestForm(form({ ...valid, abWaitHours: "100" }))).toEqual({ ok: false, code: "ab_wait" });
  });
});

describe("test send variant", () => {
  const abTest = { alternativeSubjects: ["Objet B"], samplePercent: 20, metric: "open" as const, waitMinutes: 60 };
  const withVariant = (v?: string) => {
    const f = new FormData();
    if (v !== undefined) f.set("testVariant", v);
    return f;
  };
  it("takes the chosen variant when the A/B test has it", () => {
    expect(readTestVariant(withVariant("B"), abTest)).toEqual({ ok: true, variant: "B" });
    expect(readTestVariant(withVariant(), abTest)).toEqual({ ok: true, variant: "A" });
  });
  it("refuses a variant the test does not have, and sends A without a test", () => {
    expect(readTestVariant(withVariant("C"), abTest)).toEqual({ ok: false, code: "ab_test_variant" });
    expect(readTestVariant(withVariant("B"), null)).toEqual({ ok: true, variant: "A" });
  });
});
