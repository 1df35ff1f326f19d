// The sales curve of one performance (courbe de remplissage). Sales happen between the opening
// of sales and the start of the performance, as a mix of two shapes:
// - an opening bump: the keenest buyers (subscribers, fans) right after sales open, decaying
//   over a few days;
// - the main wave: a demand that rises towards the performance (days-before-start follow a
//   truncated exponential), so most sales land in the last weeks.
// Future performances only get the sales made before the reference date: the curve's mass
// before it is known in closed form, and times are drawn from the curve conditioned on it
// (inverse CDF, no rejection loop however far the performance is).
import { DAY_MS } from "./calendar";
import type { Random } from "./random";

export type SalesChannelId = "box_office" | "web" | "phone" | "reseller" | "partner";

export interface SalesCurve {
  opensAt: number;
  startsAt: number;
  /** Share of the final sales made in the opening bump. */
  openingShare: number;
  /** Mean decay of the opening bump, in ms. */
  openingMeanMs: number;
  /** Mean lead time of the main wave (how long before the start people buy), in ms. */
  leadMeanMs: number;
}

function truncatedExpCdf(x: number, mean: number, limit: number): number {
  if (x <= 0) return 0;
  if (x >= limit) return 1;
  return (1 - Math.exp(-x / mean)) / (1 - Math.exp(-limit / mean));
}

/** Shares of the final sales made by `at`, for each shape and in total. */
function massBefore(
  curve: SalesCurve,
  at: number,
): { opening: number; main: number; total: number } {
  const window = curve.startsAt - curve.opensAt;
  if (window <= 0 || at <= curve.opensAt) return { opening: 0, main: 0, total: 0 };
  if (at >= curve.startsAt)
    return { opening: curve.openingShare, main: 1 - curve.openingShare, total: 1 };
  const opening =
    curve.openingShare * truncatedExpCdf(at - curve.opensAt, curve.openingMeanMs, window);
  // The main wave is measured backwards from the start: sold by `at` = lead time ≥ start − at.
  const main =
    (1 - curve.openingShare) * (1 - truncatedExpCdf(curve.startsAt - at, curve.leadMeanMs, window));
  return { opening, main, total: opening + main };
}

/** Share of the final sales made before `at` (1 for a past performance). */
export function soldShareBefore(curve: SalesCurve, at: number): number {
  return massBefore(curve, at).total;
}

/** A sale time drawn from the curve, conditioned on being before `until`. */
export function drawSaleTime(curve: SalesCurve, until: number, random: Random): number {
  const window = curve.startsAt - curve.opensAt;
  const end = Math.min(until, curve.startsAt);
  const mass = massBefore(curve, end);
  if (mass.total <= 0 || window <= 0) return curve.opensAt;
  if (random.float() * mass.total < mass.opening) {
    return (
      curve.opensAt +
      random.truncatedExponential(curve.openingMeanMs, Math.min(end - curve.opensAt, window))
    );
  }
  // Lead time in [start − end, window]: memorylessness makes it an offset plus a truncated exponential.
  const minLead = curve.startsAt - end;
  const lead = minLead + random.truncatedExponential(curve.leadMeanMs, window - minLead);
  return curve.startsAt - lead;
}

/** Builds a curve for a performance: hits sell earlier and have a bigger opening bump. */
export function makeSalesCurve(
  random: Random,
  opensAt: number,
  startsAt: number,
  popularity: number,
  kind: "theatre" | "festival",
): SalesCurve {
  const openingShare =
    kind === "theatre"
      ? 0.06 + 0.22 * popularity + random.between(0, 0.06)
      : 0.03 + 0.1 * popularity + random.between(0, 0.03);
  const leadDays = (kind === "theatre" ? 12 : 20) + 30 * popularity + random.between(-4, 6);
  return {
    opensAt,
    startsAt,
    openingShare,
    openingMeanMs: random.between(3, 8) * DAY_MS,
    leadMeanMs: Math.max(4, leadDays) * DAY_MS,
  };
}
