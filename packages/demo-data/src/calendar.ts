// Dates of the demo world. Everything hangs off a fixed reference date (the demo's "today"), never
// off the clock, so the same seed gives the same data whenever it runs. Wall-clock times are
// Europe/Paris (performances start at 20:00 local time, winter or summer).
import { TZDate } from "@date-fns/tz";

export const TIME_ZONE = "Europe/Paris";
export const DAY_MS = 86_400_000;

/** An instant from a Paris wall-clock time (month 1–12). */
export function parisTime(year: number, month: number, day: number, hour = 0, minute = 0): Date {
  return new Date(new TZDate(year, month - 1, day, hour, minute, TIME_ZONE).getTime());
}

/** The Paris calendar day of an instant, as [year, month 1–12, day, weekday 0=Sunday]. */
export function parisDay(instant: Date): {
  year: number;
  month: number;
  day: number;
  weekday: number;
} {
  const d = new TZDate(instant.getTime(), TIME_ZONE);
  return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate(), weekday: d.getDay() };
}

/** The demo's "today": past performances have all their sales, later ones only those made so far. */
export const REFERENCE_DATE = parisTime(2026, 11, 15, 12, 0);

/** Iterates over the Paris calendar days from `from` to `to` (inclusive). */
export function* eachDay(
  from: { year: number; month: number; day: number },
  to: { year: number; month: number; day: number },
): Generator<{ year: number; month: number; day: number; weekday: number }> {
  // Noon UTC never crosses a date line in Paris, whatever the DST offset.
  let t = Date.UTC(from.year, from.month - 1, from.day, 12);
  const end = Date.UTC(to.year, to.month - 1, to.day, 12);
  for (; t <= end; t += DAY_MS) {
    const d = new Date(t);
    yield {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      weekday: d.getUTCDay(),
    };
  }
}
