// Number formatting and change computation for the KPI cards and tables. Pure functions of a
// locale, so the server renders and tests them without a request.
import type { KpiKey, KpiUnit } from "@rappel/ignition-analytics";

export type ChangeDirection = "up" | "down" | "flat";

export interface Change {
  direction: ChangeDirection;
  /** Relative change (0.12 = +12 %) or, for ratios, the difference in percentage points. */
  amount: number;
  kind: "relative" | "points";
}

/** Below this a change is shown as flat (0.05 % or 0.05 points). */
const FLAT = 0.0005;

/**
 * The change from `previous` to `current`. Ratios (fill rate…) change in percentage points, other
 * figures relatively; null when there is nothing to compare with (no value, or a zero base).
 */
export function computeChange(current: number | null, previous: number | null, unit: KpiUnit): Change | null {
  if (current === null || previous === null) return null;
  if (unit === "ratio") {
    const points = (current - previous) * 100;
    return { direction: Math.abs(points) < FLAT * 100 ? "flat" : points > 0 ? "up" : "down", amount: points, kind: "points" };
  }
  if (previous === 0) return current === 0 ? { direction: "flat", amount: 0, kind: "relative" } : null;
  const relative = (current - previous) / Math.abs(previous);
  return { direction: Math.abs(relative) < FLAT ? "flat" : relative > 0 ? "up" : "down", amount: relative, kind: "relative" };
}

/** Whether a rise is good news (green), bad news (red) or neither (neutral colour). */
export type Polarity = "higher-is-better" | "neutral";

const NEUTRAL: ReadonlySet<KpiKey> = new Set(["complimentaryTickets", "averageLeadDays", "averageDistanceKm"]);

export function kpiPolarity(key: KpiKey): Polarity {
  return NEUTRAL.has(key) ? "neutral" : "higher-is-better";
}

export type ChangeTone = "good" | "bad" | "neutral";

export function changeTone(change: Change | null, polarity: Polarity): ChangeTone {
  if (!change || change.direction === "flat" || polarity === "neutral") return "neutral";
  return change.direction === "up" ? "good" : "bad";
}

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return new Intl.NumberFormat(locale, options);
}

/** "+12,5 %", "−3 %", "+2,1 pts" (signed, one decimal under 10, none above). */
export function formatChange(change: Change, locale: string, pointsUnit: string): string {
  const magnitude = Math.abs(change.kind === "points" ? change.amount : change.amount * 100);
  const digits = magnitude < 10 ? 1 : 0;
  const sign = change.direction === "flat" ? "" : change.amount > 0 ? "+" : "\u2212";
  const text = numberFormat(locale, { minimumFractionDigits: 0, maximumFractionDigits: digits }).format(magnitude);
  // French puts a space before the percent sign, English does not.
  const percent = locale.startsWith("fr") ? "\u00a0%" : "%";
  return change.kind === "points" ? `${sign}${text}\u00a0${pointsUnit}` : `${sign}${text}${percent}`;
}

export interface UnitLabels {
  days: string;
  km: string;
}

/** A KPI value in its unit: euros, counts, percentages, days, kilometres. */
export function formatKpiValue(value: number | null, unit: KpiUnit, locale: string, labels: UnitLabels, key?: KpiKey): string {
  if (value === null || !Number.isFinite(value)) return "\u2014";
  switch (unit) {
    case "cents":
      // Totals in whole euros; an average price with its cents.
      return numberFormat(locale, {
        style: "currency",
        currency: "EUR",
        maximumFractionDigits: key === "averageTicketPrice" ? 2 : 0,
        minimumFractionDigits: key === "averageTicketPrice" ? 2 : 0,
      }).format(value / 100);
    case "ratio":
      return numberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(value);
    case "days":
      return `${numberFormat(locale, { maximumFractionDigits: 1 }).format(value)}\u00a0${labels.days}`;
    case "km":
      return `${numberFormat(locale, { maximumFractionDigits: 1 }).format(value)}\u00a0${labels.km}`;
    case "count":
      return numberFormat(locale, { maximumFractionDigits: 0 }).format(value);
  }
}

export function formatCount(value: number, locale: string): string {
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

export function formatEuros(cents: number, locale: string): string {
  return numberFormat(locale, { style: "currency", currency: "EUR", maximumFractionDigits: 0 }).format(cents / 100);
}

export function formatPercent(ratio: number | null, locale: string): string {
  return ratio === null ? "\u2014" : numberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(ratio);
}
