// The generator without a database: determinism, the programme's shape, the sales curve.
import { describe, expect, it } from "vitest";
import { GENRES } from "./catalog";
import { DAY_MS, REFERENCE_DATE } from "./calendar";
import { Random } from "./random";
import { drawSaleTime, makeSalesCurve, soldShareBefore } from "./sales-curve";
import { planDemo, sampleDemo } from "./seed";

describe("determinism", () => {
  it("gives the same plan, people and orders for the same seed, and different ones for another", () => {
    const a = JSON.stringify(sampleDemo(3000, 42));
    expect(JSON.stringify(sampleDemo(3000, 42))).toBe(a);
    expect(JSON.stringify(sampleDemo(3000, 43))).not.toBe(a);
  });
});

describe("programme", () => {
  const plans = planDemo(20_000, 42);

  it("splits the requested tickets exactly, within each performance's sellable seats", () => {
    expect(plans.reduce((s, p) => s + p.tickets, 0)).toBe(20_000);
    for (const plan of plans) {
      expect(plan.performances.reduce((s, p) => s + p.ticketTarget, 0)).toBe(plan.tickets);
      for (const p of plan.performances)
        expect(p.ticketTarget).toBeLessThanOrEqual(p.capacity - p.blockedSeats);
    }
  });

  it("plays two seasons at the theatre and two summer editions at the festival", () => {
    const [theatre, festival] = plans;
    expect(theatre!.periods.map((p) => p.label)).toEqual(["2025-26", "2026-27"]);
    expect(festival!.periods.map((p) => p.label)).toEqual(["2026", "2027"]);
    for (const p of festival!.performances) expect(p.startsAt.getUTCMonth()).toBe(6); // July
    // Theatre evenings start at 19:30 or 20:00, matinées at 11:00, 15:00 or 16:00 (Paris time).
    const hours = new Set(
      theatre!.performances.filter((p) => p.status !== "moved").map((p) => parisHour(p.startsAt)),
    );
    for (const h of hours) expect(["11:00", "15:00", "16:00", "19:30", "20:00"]).toContain(h);
  });

  it("uses the genre taxonomy, some sell-outs, and a few cancelled performances", () => {
    const ids = new Set<string>(GENRES.map((g) => g.id));
    const all = plans.flatMap((p) => p.performances);
    for (const plan of plans) for (const s of plan.shows) expect(ids.has(s.genre)).toBe(true);
    const past = all.filter((p) => p.startsAt < REFERENCE_DATE);
    const soldOut = past.filter((p) => p.ticketTarget === p.capacity - p.blockedSeats);
    expect(soldOut.length).toBeGreaterThan(0);
    expect(soldOut.length).toBeLessThan(past.length / 2);
    for (const plan of plans) {
      expect(plan.performances.some((p) => p.status === "cancelled")).toBe(true);
      expect(plan.performances.some((p) => p.status === "moved")).toBe(true);
    }
  });

  it("scales to 1,000,000 tickets by adding past seasons, still within capacity", () => {
    const big = planDemo(1_000_000, 42);
    expect(big.reduce((s, p) => s + p.tickets, 0)).toBe(1_000_000);
    expect(big[0]!.periods.length).toBeGreaterThan(2);
    for (const plan of big)
      for (const p of plan.performances)
        expect(p.ticketTarget).toBeLessThanOrEqual(p.capacity - p.blockedSeats);
  });
});

describe("sales curve", () => {
  const opens = Date.UTC(2026, 5, 16);
  const starts = Date.UTC(2026, 10, 20);
  const curve = makeSalesCurve(new Random(1), opens, starts, 0.5, "theatre");

  it("sells nothing before sales open and everything by the start, increasingly", () => {
    expect(soldShareBefore(curve, opens - 1)).toBe(0);
    expect(soldShareBefore(curve, starts)).toBe(1);
    let previous = 0;
    for (let t = opens; t <= starts; t += DAY_MS) {
      const share = soldShareBefore(curve, t);
      expect(share).toBeGreaterThanOrEqual(previous);
      previous = share;
    }
  });

  it("draws sale times inside the window, before the cut-off, with most in the last weeks", () => {
    const random = new Random(7);
    const until = starts - 10 * DAY_MS;
    const times = Array.from({ length: 5000 }, () => drawSaleTime(curve, until, random));
    for (const t of times) {
      expect(t).toBeGreaterThanOrEqual(opens);
      expect(t).toBeLessThanOrEqual(until);
    }
    const full = Array.from({ length: 5000 }, () => drawSaleTime(curve, starts, random));
    const lastMonth = full.filter((t) => t > starts - 30 * DAY_MS).length;
    const monthBefore = full.filter(
      (t) => t > starts - 60 * DAY_MS && t <= starts - 30 * DAY_MS,
    ).length;
    expect(lastMonth).toBeGreaterThan(monthBefore);
    // The opening bump: the first week after opening outsells a week in mid-window.
    const firstWeek = full.filter((t) => t < opens + 7 * DAY_MS).length;
    const midWeek = full.filter((t) => t >= opens + 60 * DAY_MS && t < opens + 67 * DAY_MS).length;
    expect(firstWeek).toBeGreaterThan(midWeek);
  });
});

function parisHour(d: Date): string {
  return new Intl.DateTimeFormat("fr-FR", {
    timeZone: "Europe/Paris",
    hour: "2-digit",
    minute: "2-digit",
  }).format(d);
}
