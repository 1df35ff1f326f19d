// Wall-clock time in Europe/Paris without a date library: Intl gives the local parts of an
// instant, and the UTC offset of a local time is found by one correction step (exact except in
// the non-existent hour of the spring change, where it lands one hour later, which is harmless).
export const PARIS = "Europe/Paris";

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formatter = new Intl.DateTimeFormat("en-GB", {
  timeZone: PARIS,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
});

export function parisParts(at: Date): LocalParts {
  const parts = Object.fromEntries(formatter.formatToParts(at).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
  };
}

/** The instant at which Paris clocks show this local time. */
export function parisToUtc(local: LocalParts): Date {
  const guess = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const shown = parisParts(new Date(guess));
  const offset = Date.UTC(shown.year, shown.month - 1, shown.day, shown.hour, shown.minute) - guess;
  const first = guess - offset;
  const check = parisParts(new Date(first));
  const offset2 = Date.UTC(check.year, check.month - 1, check.day, check.hour, check.minute) - first;
  return new Date(guess - offset2);
}

export interface QuietHours {
  /** Local hour at which sending stops (21). */
  startHour: number;
  /** Local hour at which sending resumes (9). */
  endHour: number;
}
export const DEFAULT_QUIET_HOURS: QuietHours = { startHour: 21, endHour: 9 };

export function isQuietTime(at: Date, quiet: QuietHours = DEFAULT_QUIET_HOURS): boolean {
  if (quiet.startHour === quiet.endHour) return false; // the venue chose no quiet hours
  const { hour } = parisParts(at);
  // 21→9 wraps midnight; 13→14 (a lunch break) does not.
  return quiet.startHour > quiet.endHour ? hour >= quiet.startHour || hour < quiet.endHour : hour >= quiet.startHour && hour < quiet.endHour;
}

/** `at` itself when outside quiet hours, else the next `endHour`:00 in Paris. */
export function holdForQuietHours(at: Date, quiet: QuietHours = DEFAULT_QUIET_HOURS): Date {
  if (!isQuietTime(at, quiet)) return at;
  const local = parisParts(at);
  const sameDay = local.hour < quiet.endHour;
  const base = new Date(Date.UTC(local.year, local.month - 1, local.day + (sameDay ? 0 : 1)));
  return parisToUtc({
    year: base.getUTCFullYear(),
    month: base.getUTCMonth() + 1,
    day: base.getUTCDate(),
    hour: quiet.endHour,
    minute: 0,
  });
}
