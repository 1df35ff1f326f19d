// Calendar arithmetic for retention periods and legal deadlines. Periods are counted in calendar
// months on the Europe/Paris calendar day (a month after 31 January is the last day of February,
// as EU Regulation 1182/71 reads "the same date, or the last day of the month when it has none").
const ZONE = "Europe/Paris";

export interface CalendarDay {
  year: number;
  month: number; // 1–12
  day: number;
}

const dayFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The Europe/Paris calendar day of an instant. */
export function parisDay(at: Date): CalendarDay {
  const [y, m, d] = dayFormat.format(at).split("-").map(Number) as [number, number, number];
  return { year: y, month: m, day: d };
}

export function formatDay(day: CalendarDay): string {
  return `${day.year}-${String(day.month).padStart(2, "0")}-${String(day.day).padStart(2, "0")}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Moves a calendar day by whole months (negative goes back), clamping to the month's last day. */
export function addMonthsToDay(day: CalendarDay, months: number): CalendarDay {
  const index = day.year * 12 + (day.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return { year, month, day: Math.min(day.day, daysInMonth(year, month)) };
}

/** Minutes east of UTC of Europe/Paris at an instant. */
function parisOffsetMinutes(at: Date): number {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone: ZONE, timeZoneName: "longOffset" })
    .formatToParts(at)
    .find((p) => p.type === "timeZoneName")?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(parts ?? "");
  if (!match) return 0;
  const sign = match[1] === "-" ? -1 : 1;
  return sign * (Number(match[2]) * 60 + Number(match[3]));
}

/** The instant a Europe/Paris calendar day starts (00:00 local time). */
export function startOfParisDay(day: CalendarDay): Date {
  const utcGuess = Date.UTC(day.year, day.month - 1, day.day);
  const offset = parisOffsetMinutes(new Date(utcGuess));
  const start = new Date(utcGuess - offset * 60_000);
  // Across a DST change the offset at local midnight may differ from the guess's.
  const corrected = parisOffsetMinutes(start);
  return corrected === offset ? start : new Date(utcGuess - corrected * 60_000);
}

/** The last instant of a Europe/Paris calendar day (deadlines run to the end of their day). */
export function endOfParisDay(day: CalendarDay): Date {
  const next = new Date(Date.UTC(day.year, day.month - 1, day.day + 1));
  return new Date(startOfParisDay({ year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() }).getTime() - 1);
}
