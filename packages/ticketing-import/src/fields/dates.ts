// Dates as ticketing systems export them. The accepted shapes are recognised here; zone offsets
// and daylight-saving transitions are Luxon's job (IANA data via Intl, see zoned-time.ts), so no
// offset is ever computed by hand.
import { zonedInstant, type WallTime } from "./zoned-time";
import { fail, ok, type FieldResult } from "./result";

export const DEFAULT_ZONE = "Europe/Paris";

export interface ParsedDateTime {
  /** The instant (UTC inside). */
  at: Date;
  /** False for a bare date (dd/mm/yyyy): `at` is then local midnight. */
  hasTime: boolean;
}

export interface TimeOfDay {
  hour: number;
  minute: number;
  second: number;
}

// dd/mm/yyyy, dd-mm-yyyy, dd.mm.yy, optionally followed by a time: 20:30, 20h30, 20h, 20:30:15.
const FRENCH = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:(?:\s+|\s*[,T]\s*|\s+à\s+)(\d{1,2})(?:[:hH](\d{2})?)(?::(\d{2}))?)?$/;
// yyyy-mm-dd, optionally THH:MM[:SS[.fff]] and Z or ±hh:mm (a space is accepted for the T).
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;
const TIME = /^(\d{1,2})(?:[:hH](\d{2})?)(?::(\d{2}))?$/;

// Years outside this window are placeholders (01/01/0001, 31/12/9999) or typos, not dates of
// an order or a performance.
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

/** "20:30", "20h30", "20h", "20:30:00" → time of day. */
export function parseTimeOfDay(input: string): FieldResult<TimeOfDay> {
  const m = TIME.exec(input.trim());
  if (!m) return fail("time.invalid");
  const hour = Number(m[1]);
  const minute = Number(m[2] ?? 0);
  const second = Number(m[3] ?? 0);
  if (hour > 23 || minute > 59 || second > 59) return fail("time.invalid");
  return ok({ hour, minute, second });
}

/**
 * French (dd/mm/yyyy, dd/mm/yyyy HH:MM, dd/mm/yy) or ISO 8601 (yyyy-mm-dd,
 * yyyy-mm-ddTHH:MM[:SS][Z|±hh:mm]) date-time. Without an offset it is wall-clock time in
 * `zone` (Europe/Paris by default). A wall time that does not exist (02:30 on the last Sunday of
 * March) moves forward by the gap; one that happens twice (02:30 on the last Sunday of October)
 * takes the later occurrence (winter time): that is Luxon's rule, kept as is. `time` is a
 * separate time column ("Heure"), used when the date has none.
 */
export function parseDateTime(input: string, options: { zone?: string; time?: string } = {}): FieldResult<ParsedDateTime> {
  const zone = options.zone ?? DEFAULT_ZONE;
  const text = input.trim();
  let wall: WallTime;
  let offsetMinutes: number | null = null;
  const fr = FRENCH.exec(text);
  const iso = fr ? null : ISO.exec(text);
  if (fr) {
    wall = {
      year: fr[3]!.length === 2 ? expandTwoDigitYear(Number(fr[3])) : Number(fr[3]),
      month: Number(fr[2]),
      day: Number(fr[1]),
      hour: Number(fr[4] ?? 0),
      minute: Number(fr[5] ?? 0),
      second: Number(fr[6] ?? 0),
    };
  } else if (iso) {
    wall = {
      year: Number(iso[1]),
      month: Number(iso[2]),
      day: Number(iso[3]),
      hour: Number(iso[4] ?? 0),
      minute: Number(iso[5] ?? 0),
      second: Number(iso[6] ?? 0),
    };
    if (iso[7]) offsetMinutes = parseOffset(iso[7]);
  } else {
    return fail("date.invalid");
  }
  let hasTime = (fr ? fr[4] : iso?.[4]) !== undefined;
  if (wall.year < MIN_YEAR || wall.year > MAX_YEAR) return fail("date.out_of_range");
  if (!hasTime && options.time !== undefined && options.time.trim() !== "") {
    const time = parseTimeOfDay(options.time);
    if (!time.ok) return time;
    wall = { ...wall, ...time.value };
    hasTime = true;
  }
  let at: Date | null;
  if (offsetMinutes !== null) {
    // An explicit offset needs no zone: the wall time minus the offset is the instant.
    at = zonedInstant(wall, "UTC");
    if (at) at = new Date(at.getTime() - offsetMinutes * 60_000);
  } else {
    at = zonedInstant(wall, zone);
  }
  return at ? ok({ at, hasTime }) : fail("date.invalid");
}

function parseOffset(text: string): number {
  if (text === "Z") return 0;
  const sign = text.startsWith("-") ? -1 : 1;
  const digits = text.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || 0));
}

// dd/mm/yy: 00–69 → 2000–2069, 70–99 → 1970–1999 (the POSIX strptime rule). Order and
// performance dates are recent, and this keeps a birth date like 12/05/85 right too.
function expandTwoDigitYear(yy: number): number {
  return yy < 70 ? 2000 + yy : 1900 + yy;
}
