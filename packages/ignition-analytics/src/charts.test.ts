// Time graphs (series, sales curves, required pace) and breakdowns on the hand-computed fixture.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, withTenant, type Database, type Tx } from "@rappel/db";
import { getBreakdown, getPerformanceRanking, getShowPerformances } from "./breakdowns";
import { AnalyticsNotFoundError } from "./errors";
import { parseDashboardFilters } from "./filters";
import { refreshRollups } from "./rollups";
import { getRequiredPace, getSalesCurve } from "./sales-curve";
import { getSalesSeries } from "./series";
import { addOrder, appDatabaseUrl, buildFixture, paris, type Fixture } from "./testing/fixture";

let db: Database;
let fx: Fixture;
const NOW = new Date("2026-03-15T12:00:00Z");
const season = parseDashboardFilters({}, NOW);

beforeAll(async () => {
  db = createDatabase(appDatabaseUrl(), { max: 4 });
  fx = await buildFixture(db, "charts");
  await withTenant(db, fx.tenantId, (tx) => refreshRollups(tx, fx.tenantId, "all"));
});

afterAll(async () => {
  await db.$disconnect();
});

const run = <T>(work: (tx: Tx) => Promise<T>) => withTenant(db, fx.tenantId, work);

/** Expected cumulative curve on −n…0 from (days before, tickets) sales. */
function curve(n: number, sales: [number, number][], divideBy = 1): number[] {
  return Array.from({ length: n + 1 }, (_, i) => sales.filter(([d]) => d >= n - i).reduce((s, [, t]) => s + t, 0) / divideBy);
}

describe("getSalesSeries", () => {
  it("sums the season's sales per month of sale", async () => {
    const points = await run((tx) => getSalesSeries(tx, fx.tenantId, season, "month"));
    expect(points).toEqual([
      { bucket: "2025-09-01", tickets: 2, complimentary: 0, revenueCents: 6000 },
      { bucket: "2025-10-01", tickets: 3, complimentary: 1, revenueCents: 2000 + 3500 },
      { bucket: "2025-11-01", tickets: 4, complimentary: 1, revenueCents: 7500 },
      { bucket: "2025-12-01", tickets: 1, complimentary: 0, revenueCents: 2800 },
    ]);
  });

  it("fills empty weeks (Monday-based) and days across a sale-date period", async () => {
    const f = parseDashboardFilters({ from: "2025-10-01", to: "2025-10-14", basis: "sale" }, NOW);
    const weeks = await run((tx) => getSalesSeries(tx, fx.tenantId, f, "week"));
    expect(weeks.map((p) => [p.bucket, p.tickets, p.revenueCents])).toEqual([
      ["2025-09-29", 3, 5500], // Wed 1 Oct (O2) and Sun 5 Oct (O3)
      ["2025-10-06", 0, 0],
      ["2025-10-13", 0, 0],
    ]);
    const days = await run((tx) => getSalesSeries(tx, fx.tenantId, { ...f, to: "2025-10-05" }, "day"));
    expect(days.map((p) => p.tickets)).toEqual([2, 0, 0, 0, 1]);
  });
});

describe("getSalesCurve", () => {
  it("draws cumulative tickets before the performance, with its capacity, against another performance", async () => {
    const c = await run((tx) => getSalesCurve(tx, fx.tenantId, fx.p2, { compareWith: [fx.p1], now: NOW, daysBefore: 60 }));
    expect(c.offsets[0]).toBe(-60);
    expect(c.offsets.at(-1)).toBe(0);
    expect(c.capacity).toBe(10);
    expect(c.target.tickets).toEqual(curve(60, [[46, 1], [1, 4]])); // O3 46 days ahead, O4 the day before
    expect(c.comparisons).toHaveLength(1);
    expect(c.comparisons[0]).toMatchObject({ performanceId: fx.p1, sellable: 8, basedOn: 1 });
    expect(c.comparisons[0]!.tickets).toEqual(curve(60, [[39, 2], [9, 2]]));
  });

  it("averages the same show's performances already played, and the same genre's", async () => {
    const show = await run((tx) => getSalesCurve(tx, fx.tenantId, fx.p2, { compareWith: "same-show-average", now: NOW }));
    const avg = show.comparisons[0]!;
    expect(avg).toMatchObject({ kind: "same-show-average", basedOn: 2, sellable: (10 + 8) / 2 }); // P0 and P1
    expect(avg.tickets).toEqual(curve(120, [[19, 2], [39, 2], [9, 2]], 2));
    const genre = await run((tx) => getSalesCurve(tx, fx.tenantId, fx.p1, { compareWith: "same-genre-average", now: NOW }));
    expect(genre.comparisons[0]).toMatchObject({ kind: "same-genre-average", genre: "theatre", basedOn: 2 }); // P0 and P2
    expect(genre.comparisons[0]!.tickets.at(-1)).toBe((2 + 5) / 2);
  });

  it("leaves days still to come empty, and averages only performances already played", async () => {
    const now = new Date("2025-11-01T12:00:00Z"); // 19 days before P2
    const c = await run((tx) => getSalesCurve(tx, fx.tenantId, fx.p2, { compareWith: "same-show-average", now, daysBefore: 30 }));
    expect(c.target.tickets.slice(0, 12)).toEqual(new Array(12).fill(1)); // −30 … −19
    expect(c.target.tickets.slice(12)).toEqual(new Array(19).fill(null)); // −18 … 0
    expect(c.comparisons[0]!.basedOn).toBe(2);
  });

  it("reaches back to the first sale of a performance sold more than 120 days ahead", async () => {
    const other = await buildFixture(db, "charts-far");
    const farId = await withTenant(db, other.tenantId, async (tx) => {
      const startsAt = paris("2026-12-01T20:00");
      const far = await tx.performance.create({
        data: { tenantId: other.tenantId, showId: other.showMisanthrope, venueId: other.venueLyon, startsAt, endsAt: new Date(startsAt.getTime() + 7_200_000), capacity: 10 },
      });
      await addOrder(tx, other.tenantId, { buyerId: other.spectators.X, orderedAt: paris("2026-03-01T10:00"), channel: "web", tickets: [
        { performanceId: far.id, category: "Plein", priceCents: 3000 },
        { performanceId: far.id, category: "Plein", priceCents: 3000 },
      ] });
      await refreshRollups(tx, other.tenantId, "all");
      return far.id;
    });
    const c = await withTenant(db, other.tenantId, (tx) => getSalesCurve(tx, other.tenantId, farId, { now: NOW }));
    expect(c.offsets[0]).toBe(-275); // sold on 1 March for 1 December
    expect(c.target.tickets.slice(0, 15)).toEqual(new Array(15).fill(2)); // −275 … −261 (NOW, 15 March)
    expect(c.target.tickets.slice(15).every((v) => v === null)).toBe(true);
  });

  it("refuses a performance of another tenant", async () => {
    const other = await buildFixture(db, "charts-b");
    await expect(run((tx) => getSalesCurve(tx, fx.tenantId, other.p1, { now: NOW }))).rejects.toThrow(AnalyticsNotFoundError);
    await expect(run((tx) => getSalesCurve(tx, fx.tenantId, fx.p1, { compareWith: [other.p2], now: NOW }))).rejects.toThrow(
      AnalyticsNotFoundError,
    );
  });
});

describe("getRequiredPace", () => {
  it("divides the tickets still needed by the sale days left", async () => {
    const early = await run((tx) =>
      getRequiredPace(tx, fx.tenantId, fx.p2, { targetFillRate: 0.9, now: new Date("2025-11-01T12:00:00Z") }),
    );
    // 90 % of 10 seats = 9; 1 sold by 1 Nov; 1 → 20 Nov is 20 sale days; nothing sold in the last 7 days.
    expect(early).toMatchObject({ sellable: 10, sold: 1, targetTickets: 9, remainingTickets: 8, daysLeft: 20, recentPerDay: 0, onTrack: false });
    expect(early.requiredPerDay).toBeCloseTo(8 / 20, 12);
    const eve = await run((tx) => getRequiredPace(tx, fx.tenantId, fx.p2, { targetFillRate: 0.9, now: new Date("2025-11-19T12:00:00Z") }));
    expect(eve).toMatchObject({ sold: 5, remainingTickets: 4, daysLeft: 2, requiredPerDay: 2, onTrack: false });
    expect(eve.recentPerDay).toBeCloseTo(4 / 7, 12);
    const reached = await run((tx) => getRequiredPace(tx, fx.tenantId, fx.p2, { targetFillRate: 0.5, now: new Date("2025-11-19T12:00:00Z") }));
    expect(reached).toMatchObject({ targetTickets: 5, remainingTickets: 0, requiredPerDay: 0, onTrack: true });
    const past = await run((tx) => getRequiredPace(tx, fx.tenantId, fx.p2, { targetFillRate: 0.9, now: NOW }));
    expect(past).toMatchObject({ daysLeft: 0, requiredPerDay: null, onTrack: false });
  });
});

describe("breakdowns", () => {
  it("splits by show, venue and genre with fill rates", async () => {
    const shows = await run((tx) => getBreakdown(tx, fx.tenantId, season, "show"));
    expect(shows.map((r) => [r.label, r.tickets, r.complimentary, r.revenueCents, r.sellable, r.fillRate])).toEqual([
      ["Le Misanthrope", 9, 2, 19000, 18, 9 / 18],
      ["Boléro", 1, 0, 2800, 15, 0], // P3's ticket does not fill P4: P3 is cancelled
    ]);
    const venues = await run((tx) => getBreakdown(tx, fx.tenantId, season, "venue"));
    expect(venues.map((r) => [r.key, r.tickets, r.revenueCents, r.fillRate])).toEqual([
      [fx.venueLyon, 9, 19000, 9 / 33],
      [fx.venueAnnexe, 1, 2800, null],
    ]);
    const genres = await run((tx) => getBreakdown(tx, fx.tenantId, season, "genre"));
    expect(genres.map((r) => [r.key, r.fillRate])).toEqual([["theatre", 0.5], ["danse", 0]]);
  });

  it("splits by sales channel and price category", async () => {
    const channels = await run((tx) => getBreakdown(tx, fx.tenantId, season, "salesChannel"));
    expect(channels.map((r) => [r.key, r.tickets, r.complimentary, r.revenueCents, r.fillRate])).toEqual([
      ["web", 4, 0, 6000 + 3500 + 2800, null],
      ["phone", 4, 1, 7500, null],
      ["box_office", 2, 1, 2000, null],
    ]);
    const categories = await run((tx) => getBreakdown(tx, fx.tenantId, season, "priceCategory"));
    expect(categories.map((r) => [r.key, r.tickets, r.revenueCents])).toEqual([
      ["Plein", 4, 12300],
      ["Réduit", 4, 9500],
      ["Invitation", 2, 0],
    ]);
  });

  it("ranks performances by fill rate and drills down from a show", async () => {
    const ranking = await run((tx) => getPerformanceRanking(tx, fx.tenantId, season, 2));
    expect(ranking.top.map((r) => r.key)).toEqual([fx.p1, fx.p2]); // both 50 %, earlier first
    expect(ranking.bottom.map((r) => r.key)).toEqual([fx.p4, fx.p1]); // P3 (cancelled) is left out
    const drill = await run((tx) => getShowPerformances(tx, fx.tenantId, season, fx.showMisanthrope));
    expect(drill.map((r) => [r.key, r.tickets, r.revenueCents, r.fillRate, r.performance?.venueName])).toEqual([
      [fx.p2, 5, 11000, 0.5, "Salle Lyon"],
      [fx.p1, 4, 8000, 0.5, "Salle Lyon"],
    ]);
    const perfs = await run((tx) => getBreakdown(tx, fx.tenantId, season, "performance"));
    expect(perfs.find((r) => r.key === fx.p3)).toMatchObject({ fillRate: null, performance: { cancelled: true } });
  });
});
