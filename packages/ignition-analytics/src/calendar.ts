// Calendar arithmetic on Europe/Paris days, kept as "yyyy-mm-dd" strings. A calendar day has no
// time zone, so the arithmetic runs on UTC midnights (no DST surprises); only "which Paris day
// is this instant" needs the zone.

export const PARIS = "Europe/Paris";

export type IsoDay = string; // yyyy-mm-dd

const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

const parisDayFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: PARIS,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The Europe/Paris calendar day an instant falls on. */
export function parisDay(instant: Date): IsoDay {
  return parisDayFormat.format(instant);
}

/** True for a real calendar day written yyyy-mm-dd (rejects 2026-02-30). */
export function isIsoDay(value: string): boolean {
  const m = ISO_DAY.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

function toUtc(day: IsoDay): number {
  const m = ISO_DAY.exec(day);
  if (!m) throw new RangeError(`not a yyyy-mm-dd day: ${day}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

function fromUtc(ms: number): IsoDay {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(day: IsoDay, days: number): IsoDay {
  return fromUtc(toUtc(day) + days * DAY_MS);
}

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: IsoDay, b: IsoDay): number {
  return Math.round((toUtc(b) - toUtc(a)) / DAY_MS);
}

/** Same month and day one year earlier; 29 February becomes 28 February. */
export function minusOneYear(day: IsoDay): IsoDay {
  const d = new Date(toUtc(day));
  const year = d.getUTCFullYear() - 1;
  const month = d.getUTCMonth();
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return fromUtc(Date.UTC(year, month, Math.min(d.getUTCDate(), lastDay)));
}

/** The season (1 September – 31 August) containing a day. */
export function seasonOf(day: IsoDay): { from: IsoDay; to: IsoDay } {
  const d = new Date(toUtc(day));
  const startYear = d.getUTCMonth() >= 8 ? d.getUTCFullYear() : d.getUTCFullYear() - 1;
  return { from: `${startYear}-09-01`, to: `${startYear + 1}-08-31` };
}

const parisPartsFormat = new Intl.DateTimeFormat("en-US", {
  timeZone: PARIS,
  hourCycle: "h23",
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "numeric",
  second: "numeric",
});

/** Paris's offset from UTC at an instant, in ms (+1 h in winter, +2 h in summer). */
function parisOffsetMs(instant: number): number {
  const parts = parisPartsFormat.formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The instant of a Paris wall-clock time "yyyy-mm-ddTHH:MM" (e.g. a performance's start). */
export function parisInstant(local: string): Date {
  const naive = Date.parse(`${local}Z`);
  if (Number.isNaN(naive)) throw new RangeError(`not a local date-time: ${local}`);
  const first = naive - parisOffsetMs(naive);
  // Around a DST change the offset at the guess may differ from the offset at the answer.
  return new Date(naive - parisOffsetMs(first));
}
