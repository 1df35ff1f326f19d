// Wall-clock time in an IANA zone → instant, with Luxon deciding every offset. Luxon computes
// an offset with Intl.DateTimeFormat#formatToParts (~10 µs, several per date), which made date
// parsing 80 % of a 1M-row import. Offsets only change at transitions, so Luxon's answer is
// remembered per local hour — but only for hours Luxon itself shows to be uniform (same offset at
// :00:00 and :59:59, both round-tripping to the same wall clock). Hours containing a transition
// (the spring gap, a 30-minute Lord Howe shift) are never cached and always go to Luxon, so
// results are identical to calling Luxon directly (a test checks every minute of both DST days).
import { DateTime } from "luxon";

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const MAX_CACHED_HOURS = 200_000; // ~23 years of hours per zone; cleared when full
const hourOffsetsByZone = new Map<string, Map<number, number | null>>();

/** The instant for a wall-clock time in `zone`, or null when the date does not exist (31/02). */
export function zonedInstant(t: WallTime, zone: string): Date | null {
  const asUtc = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  const check = new Date(asUtc);
  // Calendar validity (and years 0–99, which Date.UTC would shift to 1900–1999).
  if (check.getUTCFullYear() !== t.year || check.getUTCMonth() !== t.month - 1 || check.getUTCDate() !== t.day) return null;
  if (t.hour > 23 || t.minute > 59 || t.second > 59) return null;

  let hourOffsets = hourOffsetsByZone.get(zone);
  if (!hourOffsets) hourOffsetsByZone.set(zone, (hourOffsets = new Map()));
  const key = Math.floor(asUtc / 3_600_000);
  let offset = hourOffsets.get(key);
  if (offset === undefined) {
    offset = uniformHourOffset(t, zone);
    if (hourOffsets.size >= MAX_CACHED_HOURS) hourOffsets.clear();
    hourOffsets.set(key, offset);
  }
  if (offset !== null) return new Date(asUtc - offset * 60_000);
  const dt = DateTime.fromObject(t, { zone });
  return dt.isValid ? dt.toJSDate() : null;
}

function uniformHourOffset(t: WallTime, zone: string): number | null {
  const first = DateTime.fromObject({ ...t, minute: 0, second: 0 }, { zone });
  const last = DateTime.fromObject({ ...t, minute: 59, second: 59 }, { zone });
  if (!first.isValid || !last.isValid) return null;
  const roundTrips = first.hour === t.hour && last.hour === t.hour && first.day === t.day && last.day === t.day && first.minute === 0 && last.minute === 59;
  return roundTrips && first.offset === last.offset ? first.offset : null;
}
