// French public holidays (metropolitan France), computed: the fixed dates and those that hang on
// Easter Sunday (Meeus/Jones/Butcher Gregorian algorithm). Alsace-Moselle's two extra days
// (Good Friday, 26 December) are available per tenant.

function easterSunday(year: number): { month: number; day: number } {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { month, day };
}

const iso = (y: number, m: number, d: number) => {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.toISOString().slice(0, 10);
};

export interface HolidayOptions {
  alsaceMoselle?: boolean;
}

/** The year's public holidays as YYYY-MM-DD calendar days, sorted. */
export function frenchPublicHolidays(year: number, options: HolidayOptions = {}): string[] {
  const easter = easterSunday(year);
  const plus = (days: number) => iso(year, easter.month, easter.day + days);
  const days = [
    iso(year, 1, 1), // Jour de l'an
    plus(1), // Lundi de Pâques
    iso(year, 5, 1), // Fête du travail
    iso(year, 5, 8), // Victoire 1945
    plus(39), // Ascension
    plus(50), // Lundi de Pentecôte
    iso(year, 7, 14), // Fête nationale
    iso(year, 8, 15), // Assomption
    iso(year, 11, 1), // Toussaint
    iso(year, 11, 11), // Armistice
    iso(year, 12, 25), // Noël
  ];
  if (options.alsaceMoselle) days.push(plus(-2), iso(year, 12, 26));
  return [...new Set(days)].sort();
}

export function isFrenchPublicHoliday(day: string, options: HolidayOptions = {}): boolean {
  return frenchPublicHolidays(Number(day.slice(0, 4)), options).includes(day);
}
