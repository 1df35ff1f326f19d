import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { parisDay, parisInstant } from "./calendar";
import { lastSeasonPeriod, parseDashboardFilters, periodDays, previousPeriod, toSearchParams } from "./filters";

const VENUE = "3f1d2c4b-5a69-4e7f-8a1b-2c3d4e5f6a7b";

describe("parseDashboardFilters", () => {
  it("defaults to the season containing today, by performance date", () => {
    const f = parseDashboardFilters(new URLSearchParams(), new Date("2026-11-22T10:00:00Z"));
    expect(f).toEqual({ from: "2026-09-01", to: "2027-08-31", basis: "performance" });
  });

  it("takes 'today' in Paris: 31 August 23:30 in Paris is still the old season", () => {
    const lateAugust = new Date("2026-08-31T21:30:00Z"); // 23:30 in Paris (CEST)
    expect(parseDashboardFilters({}, lateAugust)).toMatchObject({ from: "2025-09-01", to: "2026-08-31" });
    const september = new Date("2026-08-31T22:30:00Z"); // 00:30 on 1 September in Paris
    expect(parseDashboardFilters({}, september)).toMatchObject({ from: "2026-09-01", to: "2027-08-31" });
  });

  it("reads every filter from the URL and ignores empty values", () => {
    const f = parseDashboardFilters(
      new URLSearchParams(`from=2025-10-01&to=2025-10-31&basis=sale&venueId=${VENUE}&genre=danse&salesChannel=web&showId=`),
      new Date(),
    );
    expect(f).toEqual({ from: "2025-10-01", to: "2025-10-31", basis: "sale", venueId: VENUE, genre: "danse", salesChannel: "web" });
    expect(parseDashboardFilters(Object.fromEntries(toSearchParams(f)), new Date())).toEqual(f);
  });

  it("takes the first value of a repeated parameter (Next.js searchParams arrays)", () => {
    expect(parseDashboardFilters({ genre: ["jazz", "opera"] }, new Date("2026-01-01T00:00:00Z")).genre).toBe("jazz");
  });

  it("completes a half-open period with its season", () => {
    const now = new Date("2026-11-22T10:00:00Z");
    expect(parseDashboardFilters({ from: "2024-12-01" }, now)).toMatchObject({ from: "2024-12-01", to: "2025-08-31" });
    expect(parseDashboardFilters({ to: "2024-12-01" }, now)).toMatchObject({ from: "2024-09-01", to: "2024-12-01" });
  });

  it("refuses bad dates, reversed periods, unknown channels and non-UUID ids", () => {
    const now = new Date();
    for (const bad of [
      { from: "2025-02-30" },
      { from: "01/10/2025" },
      { from: "2025-10-31", to: "2025-10-01" },
      { salesChannel: "fax" },
      { venueId: "42" },
      { basis: "ticket" },
      { from: "2000-01-01", to: "2025-01-01" },
    ]) {
      expect(() => parseDashboardFilters(bad, now), JSON.stringify(bad)).toThrow(ZodError);
    }
  });
});

describe("comparison periods", () => {
  it("takes the previous period of the same length, just before", () => {
    expect(previousPeriod({ from: "2025-10-01", to: "2025-10-31" })).toEqual({ from: "2025-08-31", to: "2025-09-30" });
    expect(previousPeriod({ from: "2024-03-01", to: "2024-03-01" })).toEqual({ from: "2024-02-29", to: "2024-02-29" });
    const season = { from: "2025-09-01", to: "2026-08-31" };
    expect(periodDays(previousPeriod(season))).toBe(periodDays(season));
  });

  it("takes the same dates last season, 29 February becoming 28", () => {
    expect(lastSeasonPeriod({ from: "2025-09-01", to: "2026-08-31" })).toEqual({ from: "2024-09-01", to: "2025-08-31" });
    expect(lastSeasonPeriod({ from: "2024-02-29", to: "2024-03-31" })).toEqual({ from: "2023-02-28", to: "2023-03-31" });
  });
});

describe("Paris calendar", () => {
  it("converts wall-clock times on both sides of a DST change", () => {
    expect(parisInstant("2026-01-15T20:00").toISOString()).toBe("2026-01-15T19:00:00.000Z");
    expect(parisInstant("2026-07-15T20:00").toISOString()).toBe("2026-07-15T18:00:00.000Z");
    expect(parisInstant("2026-03-29T03:30").toISOString()).toBe("2026-03-29T01:30:00.000Z"); // just after the spring change
    expect(parisDay(new Date("2026-03-28T23:30:00Z"))).toBe("2026-03-29");
  });
});
