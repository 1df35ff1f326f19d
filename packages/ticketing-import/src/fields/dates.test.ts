import { describe, expect, it } from "vitest";
import { parseDateTime, parseTimeOfDay } from "./dates";

const iso = (input: string, time?: string) => {
  const r = parseDateTime(input, time === undefined ? {} : { time });
  return r.ok ? r.value.at.toISOString() : r.code;
};

describe("parseDateTime", () => {
  it("reads French dates as Paris wall-clock time", () => {
    expect(iso("15/01/2025")).toBe("2025-01-14T23:00:00.000Z"); // winter: UTC+1
    expect(iso("15/07/2025")).toBe("2025-07-14T22:00:00.000Z"); // summer: UTC+2
    expect(iso("15/07/2025 20:30")).toBe("2025-07-15T18:30:00.000Z");
    expect(iso("15/07/2025 20h30")).toBe("2025-07-15T18:30:00.000Z");
    expect(iso("5/7/2025 20:30:15")).toBe("2025-07-05T18:30:15.000Z");
    expect(iso("15-07-2025")).toBe("2025-07-14T22:00:00.000Z");
    expect(iso(" 15/07/2025 ")).toBe("2025-07-14T22:00:00.000Z");
  });

  it("expands two-digit years", () => {
    expect(iso("15/07/25")).toBe("2025-07-14T22:00:00.000Z");
    expect(iso("12/05/85")).toBe("1985-05-11T22:00:00.000Z");
  });

  it("reads ISO dates, with or without offset", () => {
    expect(iso("2025-07-15")).toBe("2025-07-14T22:00:00.000Z");
    expect(iso("2025-07-15T20:30")).toBe("2025-07-15T18:30:00.000Z");
    expect(iso("2025-07-15T20:30:05")).toBe("2025-07-15T18:30:05.000Z");
    expect(iso("2025-07-15 20:30")).toBe("2025-07-15T18:30:00.000Z");
    expect(iso("2025-07-15T20:30:00Z")).toBe("2025-07-15T20:30:00.000Z");
    expect(iso("2025-07-15T20:30:00+05:00")).toBe("2025-07-15T15:30:00.000Z");
    expect(iso("2025-01-15T20:30-03:00")).toBe("2025-01-15T23:30:00.000Z");
  });

  it("handles the spring-forward night (last Sunday of March)", () => {
    // 30 March 2025: 02:00 CET jumps to 03:00 CEST.
    expect(iso("30/03/2025 01:59")).toBe("2025-03-30T00:59:00.000Z");
    expect(iso("30/03/2025 03:00")).toBe("2025-03-30T01:00:00.000Z");
    // 02:30 does not exist: it moves forward by the gap (= 03:30 CEST).
    expect(iso("30/03/2025 02:30")).toBe("2025-03-30T01:30:00.000Z");
    // A performance that night at 20:30 is already in summer time.
    expect(iso("30/03/2025 20:30")).toBe("2025-03-30T18:30:00.000Z");
  });

  it("handles the fall-back night (last Sunday of October)", () => {
    // 26 October 2025: 03:00 CEST goes back to 02:00 CET.
    expect(iso("26/10/2025 01:30")).toBe("2025-10-25T23:30:00.000Z");
    // 02:30 happens twice; the later (winter) one is taken.
    expect(iso("26/10/2025 02:30")).toBe("2025-10-26T01:30:00.000Z");
    expect(iso("26/10/2025 20:30")).toBe("2025-10-26T19:30:00.000Z");
  });

  it("combines a separate time column with a date", () => {
    expect(iso("30/03/2025", "20h30")).toBe("2025-03-30T18:30:00.000Z");
    expect(iso("2025-10-26", "20:30")).toBe("2025-10-26T19:30:00.000Z");
    // A date that already has a time keeps it.
    expect(iso("26/10/2025 18:00", "20:30")).toBe("2025-10-26T17:00:00.000Z");
    expect(iso("26/10/2025", "25:00")).toBe("time.invalid");
    const r = parseDateTime("26/10/2025", { time: "" });
    expect(r.ok && r.value.hasTime).toBe(false);
  });

  it("refuses impossible and unreadable dates", () => {
    expect(iso("31/02/2025")).toBe("date.invalid");
    expect(iso("29/02/2025")).toBe("date.invalid");
    expect(iso("29/02/2024")).toBe("2024-02-28T23:00:00.000Z");
    expect(iso("15/13/2025")).toBe("date.invalid");
    expect(iso("15/07/2025 24:00")).toBe("date.invalid");
    expect(iso("2025-02-30")).toBe("date.invalid");
    expect(iso("07/15/2025")).toBe("date.invalid"); // US order is not guessed
    expect(iso("hier")).toBe("date.invalid");
    expect(iso("")).toBe("date.invalid");
    expect(iso("01/01/0001")).toBe("date.out_of_range");
    expect(iso("31/12/9999")).toBe("date.out_of_range");
  });

  it("honours another zone when asked", () => {
    const r = parseDateTime("15/07/2025 20:30", { zone: "Indian/Reunion" });
    expect(r.ok && r.value.at.toISOString()).toBe("2025-07-15T16:30:00.000Z");
  });
});

describe("parseTimeOfDay", () => {
  it("reads 20:30, 20h30, 20h, 20:30:15", () => {
    expect(parseTimeOfDay("20:30")).toEqual({ ok: true, value: { hour: 20, minute: 30, second: 0 } });
    expect(parseTimeOfDay("20h30")).toEqual({ ok: true, value: { hour: 20, minute: 30, second: 0 } });
    expect(parseTimeOfDay("20h")).toEqual({ ok: true, value: { hour: 20, minute: 0, second: 0 } });
    expect(parseTimeOfDay("20:30:15")).toEqual({ ok: true, value: { hour: 20, minute: 30, second: 15 } });
    expect(parseTimeOfDay("20:75").ok).toBe(false);
    expect(parseTimeOfDay("soir").ok).toBe(false);
  });
});
