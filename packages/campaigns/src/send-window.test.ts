import { describe, expect, it } from "vitest";
import { frenchPublicHolidays, isFrenchPublicHoliday } from "./french-holidays";
import { DEFAULT_SMS_WINDOW, isInSendWindow, nextSendTime } from "./send-window";

describe("French public holidays", () => {
  it("computes the Easter-based days (checked against the official calendars)", () => {
    expect(frenchPublicHolidays(2024)).toEqual([
      "2024-01-01", "2024-04-01", "2024-05-01", "2024-05-08", "2024-05-09", "2024-05-20",
      "2024-07-14", "2024-08-15", "2024-11-01", "2024-11-11", "2024-12-25",
    ]);
    // Easter 2025: 20 April; 2026: 5 April; 2027: 28 March; 2038: 25 April (latest case).
    expect(frenchPublicHolidays(2025)).toContain("2025-04-21");
    expect(frenchPublicHolidays(2025)).toContain("2025-05-29");
    expect(frenchPublicHolidays(2025)).toContain("2025-06-09");
    expect(frenchPublicHolidays(2026)).toContain("2026-04-06");
    expect(frenchPublicHolidays(2026)).toContain("2026-05-14");
    expect(frenchPublicHolidays(2027)).toContain("2027-03-29");
    expect(frenchPublicHolidays(2038)).toContain("2038-04-26");
  });

  it("merges Ascension with 8 May when they coincide (2008: 1 May)", () => {
    expect(frenchPublicHolidays(2008).filter((d) => d === "2008-05-01")).toHaveLength(1);
  });

  it("adds Good Friday and 26 December in Alsace-Moselle", () => {
    expect(isFrenchPublicHoliday("2026-04-03")).toBe(false);
    expect(isFrenchPublicHoliday("2026-04-03", { alsaceMoselle: true })).toBe(true);
    expect(isFrenchPublicHoliday("2026-12-26", { alsaceMoselle: true })).toBe(true);
  });
});

describe("SMS send window (Mon–Sat 08:00–20:00 Europe/Paris, no holidays)", () => {
  it("is open on a weekday afternoon and closed at 20:00 sharp", () => {
    expect(isInSendWindow(new Date("2026-11-24T14:00:00Z"))).toBe(true); // Tue 15:00 Paris
    expect(isInSendWindow(new Date("2026-11-24T19:00:00Z"))).toBe(false); // Tue 20:00 Paris
    expect(isInSendWindow(new Date("2026-11-24T06:59:00Z"))).toBe(false); // Tue 07:59 Paris
  });

  it("waits for the next morning after the evening", () => {
    expect(nextSendTime(new Date("2026-11-24T20:30:00Z")).toISOString()).toBe("2026-11-25T07:00:00.000Z");
  });

  it("skips Sunday to Monday 08:00", () => {
    expect(nextSendTime(new Date("2026-11-28T19:30:00Z")).toISOString()).toBe("2026-11-30T07:00:00.000Z"); // Sat 20:30
  });

  it("skips a public holiday (Armistice, Wednesday 11 November 2026)", () => {
    expect(nextSendTime(new Date("2026-11-10T21:00:00Z")).toISOString()).toBe("2026-11-12T07:00:00.000Z");
  });

  it("skips Easter Sunday and Monday together (5–6 April 2026)", () => {
    expect(nextSendTime(new Date("2026-04-04T19:00:00Z")).toISOString()).toBe("2026-04-07T06:00:00.000Z");
  });

  it("handles the daylight-saving change (29 March 2026) in local time", () => {
    // Saturday 28 March 21:00 Paris (UTC+1) → Monday 30 March 08:00 Paris (UTC+2).
    expect(nextSendTime(new Date("2026-03-28T20:00:00Z")).toISOString()).toBe("2026-03-30T06:00:00.000Z");
  });

  it("returns the same instant inside the window and honours a tenant's own hours", () => {
    const at = new Date("2026-11-24T10:00:00Z");
    expect(nextSendTime(at)).toBe(at);
    const sundays = { ...DEFAULT_SMS_WINDOW, weekdays: [7], startMinute: 600, endMinute: 720, skipHolidays: false };
    expect(nextSendTime(at, sundays).toISOString()).toBe("2026-11-29T09:00:00.000Z");
  });
});
