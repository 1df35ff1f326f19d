// Net Promoter Score and its margin of error. Each answer scores +1 (9–10), 0 (7–8) or −1 (0–6);
// NPS is their mean × 100. Its variance is p₊ + p₋ − (p₊ − p₋)², so the 95 % margin of error is
// 1.96 × √(variance / n) × 100 (with the finite-population correction when the audience size is
// known: a 400-seat hall with 300 answers is far better known than the plain formula says).
export interface NpsSummary {
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** −100…100, rounded to 1 decimal; null below the minimum number of responses. */
  nps: number | null;
  /** ± points at 95 %, null below the minimum. */
  marginOfError: number | null;
  /** True when there are fewer responses than the minimum: show nothing but the count. */
  suppressed: boolean;
}

export function classifyNps(score: number): "promoter" | "passive" | "detractor" {
  if (!Number.isInteger(score) || score < 0 || score > 10) throw new RangeError(`NPS score must be 0–10, got ${score}`);
  return score >= 9 ? "promoter" : score >= 7 ? "passive" : "detractor";
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export function summariseNps(
  scores: readonly number[],
  options: { minResponses?: number; population?: number } = {},
): NpsSummary {
  const minResponses = options.minResponses ?? 1;
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (const s of scores) {
    const kind = classifyNps(s);
    if (kind === "promoter") promoters += 1;
    else if (kind === "passive") passives += 1;
    else detractors += 1;
  }
  const n = scores.length;
  const suppressed = n < Math.max(1, minResponses);
  if (suppressed) return { responses: n, promoters, passives, detractors, nps: null, marginOfError: null, suppressed };
  const pP = promoters / n;
  const pD = detractors / n;
  const variance = pP + pD - (pP - pD) ** 2;
  const N = options.population;
  const fpc = N && N > 1 && N >= n ? Math.sqrt((N - n) / (N - 1)) : 1;
  const moe = 1.96 * Math.sqrt(variance / n) * fpc * 100;
  return { responses: n, promoters, passives, detractors, nps: round1((pP - pD) * 100), marginOfError: round1(moe), suppressed };
}

/** Counts per value (e.g. 0–10 or 1–scale), including zeros, for distribution charts. */
export function distribution(values: readonly number[], min: number, max: number): { value: number; count: number }[] {
  const counts = Array.from({ length: max - min + 1 }, (_, i) => ({ value: min + i, count: 0 }));
  for (const v of values) if (v >= min && v <= max) counts[v - min]!.count += 1;
  return counts;
}

export function average(values: readonly number[]): number | null {
  return values.length ? round1(values.reduce((a, b) => a + b, 0) / values.length) : null;
}
