// Wall-clock time in an IANA zone → instant, with Luxon deciding every offset. Luxon computes
// an offset with Intl.DateTimeFormat#formatToParts (~10 µs, several per date), which made date
// parsing 80 % of a 1M-row import. Offsets only change at transitions, so Luxon's answer is
// remembered per local day, or per local hour on a day that has a transition — but only for
// days and hours Luxon itself shows to be uniform (same offset at their first and last second,
// both round-tripping to the same wall clock; no zone has two transitions that cancel out within
// a day). Hours containing a transition (the spring gap, a 30-minute Lord Howe shift) are never
// cached and always go to Luxon, so results are identical to calling Luxon directly (a test
// checks every minute of transition days).
import { DateTime } from "luxon";

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

interface Span {
  ms: number;
  /** The span's first and last second, as wall-clock fields over the time's own. */
  first: Partial<WallTime>;
  last: Partial<WallTime>;
}
const DAY: Span = { ms: 86_400_000, first: { hour: 0, minute: 0, second: 0 }, last: { hour: 23, minute: 59, second: 59 } };
const HOUR: Span = { ms: 3_600_000, first: { minute: 0, second: 0 }, last: { minute: 59, second: 59 } };

const MAX_CACHED_SPANS = 200_000; // per zone and span: ~23 years of hours; cleared when full
/** Per zone: offsets (minutes) by local day and by local hour since the epoch; null = not uniform. */
const offsetsByZone = new Map<string, { days: Map<number, number | null>; hours: Map<number, number | null> }>();

/** The instant for a wall-clock time in `zone`, or null when the date does not exist (31/02). */
export function zonedInstant(t: WallTime, zone: string): Date | null {
  const asUtc = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  const check = new Date(asUtc);
  // Calendar validity (and years 0–99, which Date.UTC would shift to 1900–1999).
  if (check.getUTCFullYear() !== t.year || check.getUTCMonth() !== t.month - 1 || check.getUTCDate() !== t.day) return null;
  if (t.hour > 23 || t.minute > 59 || t.second > 59) return null;

  let offsets = offsetsByZone.get(zone);
  if (!offsets) offsetsByZone.set(zone, (offsets = { days: new Map(), hours: new Map() }));
  const offset = cachedOffset(offsets.days, DAY, t, asUtc, zone) ?? cachedOffset(offsets.hours, HOUR, t, asUtc, zone);
  if (offset !== null) return new Date(asUtc - offset * 60_000);
  const dt = DateTime.fromObject(t, { zone });
  return dt.isValid ? dt.toJSDate() : null;
}

function cachedOffset(cache: Map<number, number | null>, span: Span, t: WallTime, asUtc: number, zone: string): number | null {
  const key = Math.floor(asUtc / span.ms);
  let offset = cache.get(key);
  if (offset === undefined) {
    offset = uniformOffset(span, t, zone);
    if (cache.size >= MAX_CACHED_SPANS) cache.clear();
    cache.set(key, offset);
  }
  return offset;
}

function uniformOffset(span: Span, t: WallTime, zone: string): number | null {
  const firstWall = { ...t, ...span.first };
  const lastWall = { ...t, ...span.last };
  const first = DateTime.fromObject(firstWall, { zone });
  const last = DateTime.fromObject(lastWall, { zone });
  if (!first.isValid || !last.isValid) return null;
  return showsWall(first, firstWall) && showsWall(last, lastWall) && first.offset === last.offset ? first.offset : null;
}

const showsWall = (dt: DateTime, w: WallTime) =>
  dt.year === w.year && dt.month === w.month && dt.day === w.day && dt.hour === w.hour && dt.minute === w.minute && dt.second === w.second;
