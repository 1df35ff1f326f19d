// The editor's A/B test fields → the campaign's A/B settings (ZAbTestConfig), with one error
// code per field so the form can say which one is wrong, in the user's language.
import { AB_LIMITS, ZAbTestConfig, ZAbVariant, abVariants, type TAbTestConfig, type TAbVariant } from "@rappel/campaigns";
import { z } from "zod";

export type TAbFormError = "ab_subject" | "ab_sample" | "ab_metric" | "ab_wait";
export type TAbFormResult = { ok: true; abTest: TAbTestConfig | null } | { ok: false; code: TAbFormError };

export const AB_WAIT_HOURS = { min: AB_LIMITS.minWaitMinutes / 60, max: AB_LIMITS.maxWaitMinutes / 60 } as const;

const text = (v: FormDataEntryValue | null) => (typeof v === "string" ? v.trim() : "");

export function readAbTestForm(formData: FormData): TAbFormResult {
  if (formData.get("abEnabled") !== "on") return { ok: true, abTest: null };
  const alternativeSubjects = [text(formData.get("abSubjectB")), text(formData.get("abSubjectC"))].filter((s) => s.length > 0);
  if (!text(formData.get("abSubjectB")) || alternativeSubjects.some((s) => s.length > 200)) return { ok: false, code: "ab_subject" };
  const samplePercent = z.coerce.number().int().min(AB_LIMITS.minSamplePercent).max(AB_LIMITS.maxSamplePercent).safeParse(text(formData.get("abSamplePercent")));
  if (!samplePercent.success) return { ok: false, code: "ab_sample" };
  const metric = z.enum(["open", "click"]).safeParse(formData.get("abMetric"));
  if (!metric.success) return { ok: false, code: "ab_metric" };
  const waitHours = z.coerce.number().min(AB_WAIT_HOURS.min).max(AB_WAIT_HOURS.max).multipleOf(0.5).safeParse(text(formData.get("abWaitHours")).replace(",", "."));
  if (!waitHours.success) return { ok: false, code: "ab_wait" };
  const parsed = ZAbTestConfig.safeParse({ alternativeSubjects, samplePercent: samplePercent.data, metric: metric.data, waitMinutes: Math.round(waitHours.data * 60) });
  return parsed.success ? { ok: true, abTest: parsed.data } : { ok: false, code: "ab_subject" };
}

/** The variant a test send carries: A without an A/B test; refused when the test has no such variant. */
export function readTestVariant(formData: FormData, abTest: TAbTestConfig | null): { ok: true; variant: TAbVariant } | { ok: false; code: "ab_test_variant" } {
  const variant = ZAbVariant.catch("A").parse(formData.get("testVariant") ?? "A");
  if (!abTest) return { ok: true, variant: "A" };
  return abVariants(abTest).includes(variant) ? { ok: true, variant } : { ok: false, code: "ab_test_variant" };
}
