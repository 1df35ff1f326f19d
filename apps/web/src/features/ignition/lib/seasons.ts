// Season arithmetic for the filter shortcuts (a season runs 1 September – 31 August).

/** The same day `years` years later (1 Sept and 31 Aug exist every year). */
export function addYears(day: string, years: number): string {
  return `${Number(day.slice(0, 4)) + years}${day.slice(4)}`;
}
