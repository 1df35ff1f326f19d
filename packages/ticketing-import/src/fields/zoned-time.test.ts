import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { zonedInstant } from "./zoned-time";

// The per-day and per-hour caches must give exactly Luxon's answer, transitions included.
function everyMinuteMatchesLuxon(zone: string, year: number, month: number, day: number) {
  const mismatches: string[] = [];
  for (let hour = 0; hour < 24; hour++) {
    for (let minute = 0; minute < 60; minute++) {
      const wall = { year, month, day, hour, minute, second: 0 };
      const expected = DateTime.fromObject(wall, { zone }).toJSDate().getTime();
      // Twice: the first call fills the cache, the second reads it.
      for (let pass = 0; pass < 2; pass++) {
        const got = zonedInstant(wall, zone)?.getTime();
        if (got !== expected) mismatches.push(`${hour}:${minute} pass ${pass}: ${got} ≠ ${expected}`);
      }
    }
  }
  return mismatches;
}

describe("zonedInstant", () => {
  it.each([
    ["Europe/Paris", 2025, 3, 30],
    ["Europe/Paris", 2025, 10, 26],
    ["Europe/Paris", 2026, 3, 29],
    ["America/New_York", 2025, 11, 2],
    ["Australia/Lord_Howe", 2025, 10, 5], // a 30-minute shift
    ["Indian/Reunion", 2025, 3, 30], // no DST
    ["America/Santiago", 2025, 9, 6], // clocks go forward at midnight: 00:00 does not exist on the 7th
    ["America/Santiago", 2025, 9, 7],
    ["America/Santiago", 2025, 4, 5], // back at midnight: 23:00–23:59 comes twice
    ["Europe/Paris", 2025, 3, 29], // the days around a transition are uniform
    ["Europe/Paris", 2025, 3, 31],
  ])("agrees with Luxon for every minute of %s %i-%i-%i", (zone, y, m, d) => {
    expect(everyMinuteMatchesLuxon(zone, y, m, d)).toEqual([]);
  });

  it("refuses dates that do not exist", () => {
    expect(zonedInstant({ year: 2025, month: 2, day: 29, hour: 0, minute: 0, second: 0 }, "Europe/Paris")).toBeNull();
    expect(zonedInstant({ year: 2025, month: 4, day: 31, hour: 0, minute: 0, second: 0 }, "Europe/Paris")).toBeNull();
    expect(zonedInstant({ year: 2025, month: 4, day: 1, hour: 24, minute: 0, second: 0 }, "Europe/Paris")).toBeNull();
  });
});
