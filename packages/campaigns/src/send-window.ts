// When an SMS may leave: by default Monday–Saturday 08:00–20:00 Europe/Paris, never on a French
// public holiday (configurable per tenant). A message outside the window waits for the next
// opening. Time is always passed in (no clock read here), so tests move it freely.
import { z } from "zod";
import { isFrenchPublicHoliday } from "./french-holidays";

export const ZSendWindow = z.strictObject({
  /** ISO weekdays allowed, 1 = Monday … 7 = Sunday. */
  weekdays: z.array(z.number().int().min(1).max(7)).min(1),
  startMinute: z.number().int().min(0).max(1439),
  endMinute: z.number().int().min(1).max(1440),
  skipHolidays: z.boolean(),
  alsaceMoselle: z.boolean().default(false),
  timeZone: z.string().default("Europe/Paris"),
});
export type TSendWindow = z.infer<typeof ZSendWindow>;

export const DEFAULT_SMS_WINDOW: TSendWindow = {
  weekdays: [1, 2, 3, 4, 5, 6],
  startMinute: 8 * 60,
  endMinute: 20 * 60,
  skipHolidays: true,
  alsaceMoselle: false,
  timeZone: "Europe/Paris",
};

interface LocalParts {
  day: string; // YYYY-MM-DD
  weekday: number; // 1..7
  minute: number; // minutes since local midnight
}

const weekdayIndex: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

function localParts(at: Date, timeZone: string): LocalParts {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", weekday: "short", hourCycle: "h23",
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: weekdayIndex[parts.weekday as string] ?? 1,
    minute: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

function isOpenDay(p: LocalParts, w: TSendWindow): boolean {
  if (!w.weekdays.includes(p.weekday)) return false;
  return !(w.skipHolidays && isFrenchPublicHoliday(p.day, { alsaceMoselle: w.alsaceMoselle }));
}

export function isInSendWindow(at: Date, window: TSendWindow = DEFAULT_SMS_WINDOW): boolean {
  const p = localParts(at, window.timeZone);
  return isOpenDay(p, window) && p.minute >= window.startMinute && p.minute < window.endMinute;
}

/** `at` itself when inside the window, otherwise the next opening (to the minute). */
export function nextSendTime(at: Date, window: TSendWindow = DEFAULT_SMS_WINDOW): Date {
  if (isInSendWindow(at, window)) return at;
  // Walk forward minute-aligned; jump to the next local midnight when the day is closed or over.
  let t = new Date(Math.ceil(at.getTime() / 60_000) * 60_000);
  for (let guard = 0; guard < 20_000; guard++) {
    const p = localParts(t, window.timeZone);
    if (isOpenDay(p, window) && p.minute < window.endMinute) {
      if (p.minute >= window.startMinute) return t;
      t = new Date(t.getTime() + (window.startMinute - p.minute) * 60_000);
      // Around DST changes the wall-clock jump can be off by an hour: re-check from there.
      continue;
    }
    t = new Date(t.getTime() + (1440 - p.minute) * 60_000);
  }
  throw new Error("the send window never opens (check its weekdays and hours)");
}
