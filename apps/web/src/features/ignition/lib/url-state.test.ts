import { describe, expect, it } from "vitest";
import { dashboardHref, ignitionPath, readCurveParams, readFilters, readViewParams } from "./url-state";

const NOW = new Date("2026-11-22T10:00:00Z");
const VENUE = "3f1d2c4b-5a69-4e7f-8a1b-2c3d4e5f6a7b";
const PERF = "0b5e2f1c-7d3a-4c2b-9e8f-1a2b3c4d5e6f";
const OTHER = "1c6f3a2d-8e4b-4d3c-8f9a-2b3c4d5e6f70";

describe("readFilters", () => {
  it("defaults to the current season", () => {
    expect(readFilters({}, NOW)).toEqual({ filters: { from: "2026-09-01", to: "2027-08-31", basis: "performance" }, invalid: false });
  });

  it("falls back to the defaults and says so when the URL is wrong", () => {
    const state = readFilters({ from: "2026-13-01", venueId: "not-a-uuid" }, NOW);
    expect(state.invalid).toBe(true);
    expect(state.filters).toEqual({ from: "2026-09-01", to: "2027-08-31", basis: "performance" });
  });

  it("round-trips through dashboardHref", () => {
    const { filters } = readFilters({ from: "2025-10-01", to: "2025-12-31", basis: "sale", venueId: VENUE, salesChannel: "web" }, NOW);
    const href = dashboardHref("/t/x/ignition", filters, { granularity: "month" });
    const url = new URL(href, "http://localhost");
    expect(url.pathname).toBe("/t/x/ignition");
    const params = Object.fromEntries(url.searchParams);
    expect(readFilters(params, NOW).filters).toEqual(filters);
    expect(params.granularity).toBe("month");
  });
});

describe("dashboardHref", () => {
  const { filters } = readFilters({}, NOW);

  it("replaces, repeats and drops extra parameters", () => {
    expect(dashboardHref("/p", filters, { with: [PERF, OTHER], target: 80 })).toBe(
      `/p?from=2026-09-01&to=2027-08-31&with=${PERF}&with=${OTHER}&target=80`,
    );
    expect(dashboardHref("/p", filters, { from: "2026-10-01", metric: undefined })).toBe("/p?from=2026-10-01&to=2027-08-31");
  });

  it("builds tenant paths", () => {
    expect(ignitionPath("theatre-lumiere", "performances", PERF)).toBe(`/t/theatre-lumiere/ignition/performances/${PERF}`);
  });
});

describe("readViewParams", () => {
  it("takes valid values and replaces unknown ones by the defaults", () => {
    expect(readViewParams({ granularity: "day", dim: "venue", metric: "revenue" })).toEqual({ granularity: "day", dim: "venue", metric: "revenue" });
    expect(readViewParams({ granularity: "year", dim: ["drop table"], metric: "" })).toEqual({ granularity: "week", dim: "show", metric: "spectators" });
  });
});

describe("readCurveParams", () => {
  it("keeps at most four other performances, never the performance itself, never twice", () => {
    const ids = ["a", "b", "c", "d", "e"].map((c) => `${c.repeat(8)}-aaaa-4aaa-8aaa-aaaaaaaaaaaa`);
    const p = readCurveParams({ compare: "performances", with: [PERF, ids[0]!, ids[0]!, ...ids], target: "75" }, PERF);
    expect(p).toEqual({ compare: "performances", with: ids.slice(0, 4), target: 75 });
  });

  it("defaults to the average of the same show and a 90 % target", () => {
    expect(readCurveParams({ compare: "bogus", with: "nope", target: "250" }, PERF)).toEqual({ compare: "same-show-average", with: [], target: 90 });
  });
});
