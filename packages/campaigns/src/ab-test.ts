// A/B test of a campaign's subject: its configuration, how the frozen audience is split into a
// sample (shared evenly between the variants) and a remainder, and how the winner is chosen.
// Pure maths only; the ledger applies the split in SQL with the same numbers (sampleSize,
// variantAtRank) and the decision job feeds pickWinner with counts read from the ledger.
import { z } from "zod";

export const AB_VARIANTS = ["A", "B", "C"] as const;
export type TAbVariant = (typeof AB_VARIANTS)[number];
export const ZAbVariant = z.enum(AB_VARIANTS);

export const AB_METRICS = ["open", "click"] as const;
export type TAbMetric = (typeof AB_METRICS)[number];

export const AB_LIMITS = {
  minSamplePercent: 2,
  maxSamplePercent: 50,
  /** The decision needs time for opens to come in; 72 h keeps the rest of the audience waiting at most three days. */
  minWaitMinutes: 30,
  maxWaitMinutes: 72 * 60,
} as const;

/**
 * Variant A's subject is the campaign's own subject; `alternativeSubjects` are B (and C).
 * Stored as the campaign's `ab_test` JSON.
 */
export const ZAbTestConfig = z.strictObject({
  alternativeSubjects: z.array(z.string().trim().min(1).max(200)).min(1).max(AB_VARIANTS.length - 1),
  samplePercent: z.number().int().min(AB_LIMITS.minSamplePercent).max(AB_LIMITS.maxSamplePercent),
  metric: z.enum(AB_METRICS),
  waitMinutes: z.number().int().min(AB_LIMITS.minWaitMinutes).max(AB_LIMITS.maxWaitMinutes),
});
export type TAbTestConfig = z.infer<typeof ZAbTestConfig>;

export function abVariants(config: TAbTestConfig): TAbVariant[] {
  return AB_VARIANTS.slice(0, 1 + config.alternativeSubjects.length);
}

export function subjectForVariant(mainSubject: string, config: TAbTestConfig, variant: TAbVariant): string {
  if (variant === "A") return mainSubject;
  const subject = config.alternativeSubjects[AB_VARIANTS.indexOf(variant) - 1];
  if (subject === undefined) throw new Error(`variant ${variant} is not part of this A/B test`);
  return subject;
}

/**
 * How many recipients (hold-out excluded) receive a test variant: the percentage of the
 * audience, rounded, but at least one per variant when the audience allows it.
 */
export function sampleSize(audience: number, samplePercent: number, variantCount: number): number {
  if (audience <= 0) return 0;
  const wanted = Math.round((audience * samplePercent) / 100);
  return Math.min(audience, Math.max(wanted, variantCount));
}

/**
 * The variant of the recipient at `rank` (0-based, in the campaign's deterministic order) or
 * null when that recipient belongs to the remainder. Round-robin, so variants differ by ≤ 1.
 */
export function variantAtRank(rank: number, sample: number, variantCount: number): TAbVariant | null {
  if (rank >= sample) return null;
  return AB_VARIANTS[rank % variantCount] ?? null;
}

export interface VariantCounts {
  variant: TAbVariant;
  sent: number;
  /** Distinct recipients with a human open (machine opens, e.g. Apple MPP prefetches, excluded). */
  humanOpens: number;
  /** Distinct recipients who clicked. */
  clicks: number;
}

function hits(counts: VariantCounts, metric: TAbMetric): number {
  return metric === "open" ? counts.humanOpens : counts.clicks;
}

export function variantRate(counts: VariantCounts, metric: TAbMetric): number {
  return counts.sent > 0 ? hits(counts, metric) / counts.sent : 0;
}

/**
 * The variant with the highest rate of `metric` among messages sent. Rates are compared exactly
 * (cross-multiplied, no floating point), and a tie goes to the earliest variant — A first, the
 * campaign's own subject — so a test without signal keeps what the marketer wrote first.
 */
export function pickWinner(results: readonly VariantCounts[], metric: TAbMetric): TAbVariant {
  const ordered = [...results].sort((a, b) => AB_VARIANTS.indexOf(a.variant) - AB_VARIANTS.indexOf(b.variant));
  let best: VariantCounts | undefined;
  for (const r of ordered) {
    if (!best) {
      best = r;
      continue;
    }
    // r beats best iff hits(r)/sent(r) > hits(best)/sent(best); a variant that sent nothing rates 0.
    const left = r.sent > 0 ? hits(r, metric) * Math.max(best.sent, 1) : 0;
    const right = best.sent > 0 ? hits(best, metric) * Math.max(r.sent, 1) : 0;
    if (left > right) best = r;
  }
  return best?.variant ?? "A";
}
