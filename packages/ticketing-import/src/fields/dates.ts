// Dates as ticketing systems export them. The accepted shapes are recognised here; calendar
// validity (31/02), time zones and daylight-saving transitions are Luxon's job (IANA data via
// Intl), so no offset is ever computed by hand.
import { DateTime } from "luxon";
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
  let dt: DateTime;
  let hasTime: boolean;
  const fr = FRENCH.exec(text);
  if (fr) {
    const year = fr[3]!.length === 2 ? expandTwoDigitYear(Number(fr[3])) : Number(fr[3]);
    hasTime = fr[4] !== undefined;
    // Luxon accepts 24:00 as the next midnight; an export writing it is more likely wrong.
    if (Number(fr[4] ?? 0) > 23) return fail("date.invalid");
    dt = DateTime.fromObject(
      {
        year,
        month: Number(fr[2]),
        day: Number(fr[1]),
        hour: Number(fr[4] ?? 0),
        minute: Number(fr[5] ?? 0),
        second: Number(fr[6] ?? 0),
      },
      { zone },
    );
  } else if (ISO.test(text)) {
    hasTime = text.length > 10;
    // fromISO honours an explicit offset and otherwise reads the wall time in `zone`.
    dt = DateTime.fromISO(text.replace(" ", "T"), { zone });
  } else {
    return fail("date.invalid");
  }
  if (!dt.isValid) return fail("date.invalid");
  if (dt.year < MIN_YEAR || dt.year > MAX_YEAR) return fail("date.out_of_range");
  if (!hasTime && options.time !== undefined && options.time.trim() !== "") {
    const time = parseTimeOfDay(options.time);
    if (!time.ok) return time;
    dt = dt.set(time.value);
    hasTime = true;
  }
  return ok({ at: dt.toJSDate(), hasTime });
}

// dd/mm/yy: 00–69 → 2000–2069, 70–99 → 1970–1999 (the POSIX strptime rule). Order and
// performance dates are recent, and this keeps a birth date like 12/05/85 right too.
function expandTwoDigitYear(yy: number): number {
  return yy < 70 ? 2000 + yy : 1900 + yy;
}
