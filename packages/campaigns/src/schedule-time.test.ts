import { describe, expect, it } from "vitest";
import { instantToParisWallClock, parisWallClockToInstant, parseScheduleTime } from "./schedule-time";

describe("Paris wall-clock scheduling", () => {
  it("converts winter (UTC+1) and summer (UTC+2) times", () => {
    expect(parisWallClockToInstant("2026-12-01", "20:00")).toEqual({ ok: true, at: new Date("2026-12-01T19:00:00Z") });
    expect(parisWallClockToInstant("2026-07-01", "20:00")).toEqual({ ok: true, at: new Date("2026-07-01T18:00:00Z") });
  });

  it("refuses a time that does not exist on the spring-forward day", () => {
    expect(parisWallClockToInstant("2026-03-29", "02:30")).toEqual({ ok: false, problem: "nonexistent" });
    expect(parisWallClockToInstant("2026-03-29", "01:59")).toEqual({ ok: true, at: new Date("2026-03-29T00:59:00Z") });
    expect(parisWallClockToInstant("2026-03-29", "03:00")).toEqual({ ok: true, at: new Date("2026-03-29T01:00:00Z") });
  });

  it("reads the repeated hour of the fall-back day as the second one (winter time)", () => {
    expect(parisWallClockToInstant("2026-10-25", "02:30")).toEqual({ ok: true, at: new Date("2026-10-25T01:30:00Z") });
    expect(parisWallClockToInstant("2026-10-25", "01:30")).toEqual({ ok: true, at: new Date("2026-10-24T23:30:00Z") });
  });

  it("refuses malformed input and impossible dates", () => {
    expect(parisWallClockToInstant("2026-02-30", "10:00")).toEqual({ ok: false, problem: "invalid" });
    expect(parisWallClockToInstant("01/12/2026", "10:00")).toEqual({ ok: false, problem: "invalid" });
    expect(parisWallClockToInstant("2026-12-01", "25:00")).toEqual({ ok: false, problem: "invalid" });
  });

  it("refuses a past or present time, accepts a later one", () => {
    const now = new Date("2026-11-23T09:00:00Z"); // 10:00 in Paris
    expect(parseScheduleTime("2026-11-23", "10:00", now)).toEqual({ ok: false, problem: "past" });
    expect(parseScheduleTime("2026-11-23", "09:59", now)).toEqual({ ok: false, problem: "past" });
    expect(parseScheduleTime("2026-11-23", "10:01", now)).toEqual({ ok: true, at: new Date("2026-11-23T09:01:00Z") });
  });

  it("shows an instant as Paris wall-clock time, across DST", () => {
    expect(instantToParisWallClock(new Date("2026-07-01T18:00:00Z"))).toEqual({ date: "2026-07-01", time: "20:00" });
    expect(instantToParisWallClock(new Date("2026-12-31T23:30:00Z"))).toEqual({ date: "2027-01-01", time: "00:30" });
  });
});
