// Buyer rollups: exact rollup_order and rollup_season_buyers rows for the fixture, first-order
// flags recomputed for every buyer an incremental refresh touches (also on performances it does
// not refresh), incremental = full refresh, the season rollup = the per-order path, and tenants
// kept apart.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, withTenant, type Database, type Tx } from "@rappel/db";
import { buyerStatsFromOrders, getBuyerStats } from "./buyers";
import { parseDashboardFilters } from "./filters";
import { refreshRollups } from "./rollups";
import { addOrder, appDatabaseUrl, buildFixture, paris, type Fixture } from "./testing/fixture";

let db: Database;
let fx: Fixture;

beforeAll(async () => {
  db = createDatabase(appDatabaseUrl(), { max: 4 });
  fx = await buildFixture(db, "buyers");
  await withTenant(db, fx.tenantId, (tx) => refreshRollups(tx, fx.tenantId, "all"));
});

afterAll(async () => {
  await db.$disconnect();
});

const names = () => new Map(Object.entries(fx.spectators).map(([name, id]) => [id, name]));
const perfNames = () => new Map([fx.p0, fx.p1, fx.p2, fx.p3, fx.p4].map((id, i) => [id, `P${[0, 1, 2, 3, 4][i]}`]));
const day = (d: Date) => d.toISOString().slice(0, 10);

async function orderRows(tx: Tx, tenantId = fx.tenantId) {
  const rows = await tx.rollupOrder.findMany({ where: { tenantId }, orderBy: [{ day: "asc" }, { performanceId: "asc" }] });
  return rows.map((r) => ({
    perf: perfNames().get(r.performanceId), buyer: r.spectatorId ? names().get(r.spectatorId) : null, day: day(r.day),
    channel: r.salesChannel, season: r.season, first: r.isFirstOrder,
  }));
}

async function seasonRows(tx: Tx, tenantId = fx.tenantId) {
  const rows = await tx.rollupSeasonBuyers.findMany({ where: { tenantId }, orderBy: [{ season: "asc" }, { day: "asc" }] });
  return rows.map((r) => [r.season, day(r.day), r.orders, r.buyers, r.newBuyers, r.repeatBuyers]);
}

// [season, day, orders, buyers, new buyers, repeat buyers]
const FIXTURE_SEASONS = [
  [2024, "2024-10-01", 1, 1, 1, 0], // O0: W's first order
  [2025, "2025-09-01", 1, 1, 1, 0], // O1: X's first order
  [2025, "2025-10-01", 1, 1, 1, 0], // O2: Y's first order
  [2025, "2025-10-05", 1, 0, 0, 1], // O3: X's second order of the season
  [2025, "2025-11-19", 1, 1, 0, 0], // O4: W, who first bought in 2024
  [2025, "2025-12-01", 1, 0, 0, 1], // O5: Y's second order of the season
];

async function snapshot(tenantId = fx.tenantId) {
  return withTenant(db, tenantId, async (tx) => ({ orders: await orderRows(tx, tenantId), seasons: await seasonRows(tx, tenantId) }));
}

describe("buyer rollups", () => {
  it("keep one row per paid order and performance, flagged when it is the buyer's first paid order", async () => {
    const { orders, seasons } = await snapshot();
    // The refunded order O6 and the cancelled ticket of O3 are absent.
    expect(orders).toEqual([
      { perf: "P0", buyer: "W", day: "2024-10-01", channel: "web", season: 2024, first: true },
      { perf: "P1", buyer: "X", day: "2025-09-01", channel: "web", season: 2025, first: true },
      { perf: "P1", buyer: "Y", day: "2025-10-01", channel: "box_office", season: 2025, first: true },
      { perf: "P2", buyer: "X", day: "2025-10-05", channel: "web", season: 2025, first: false },
      { perf: "P2", buyer: "W", day: "2025-11-19", channel: "phone", season: 2025, first: false },
      { perf: "P3", buyer: "Y", day: "2025-12-01", channel: "web", season: 2025, first: false },
    ]);
    expect(seasons).toEqual(FIXTURE_SEASONS);
  });

  it("recompute the flags of the buyers a refresh touches, on every performance, and their seasons", async () => {
    const full = await withTenant(db, fx.tenantId, async (tx) => {
      // Y's earlier order, for P4 only: Y's O2 (P1) and O5 (P3) are no longer first or second.
      const early = await addOrder(tx, fx.tenantId, { buyerId: fx.spectators.Y, orderedAt: paris("2025-08-20T10:00"), channel: "phone", tickets: [
        { performanceId: fx.p4, category: "Plein", priceCents: 2000 },
      ] });
      await refreshRollups(tx, fx.tenantId, { performanceIds: [fx.p4] });
      return early;
    });
    const after = await snapshot();
    expect(after.orders).toContainEqual({ perf: "P4", buyer: "Y", day: "2025-08-20", channel: "phone", season: 2025, first: true });
    expect(after.orders).toContainEqual({ perf: "P1", buyer: "Y", day: "2025-10-01", channel: "box_office", season: 2025, first: false });
    expect(after.seasons).toEqual([
      [2024, "2024-10-01", 1, 1, 1, 0],
      [2025, "2025-08-20", 1, 1, 1, 0],
      [2025, "2025-09-01", 1, 1, 1, 0],
      [2025, "2025-10-01", 1, 0, 0, 1],
      [2025, "2025-10-05", 1, 0, 0, 1],
      [2025, "2025-11-19", 1, 1, 0, 0],
      [2025, "2025-12-01", 1, 0, 0, 0],
    ]);
    // An incremental refresh leaves exactly what a full one builds.
    await withTenant(db, fx.tenantId, (tx) => refreshRollups(tx, fx.tenantId, "all"));
    expect(await snapshot()).toEqual(after);

    // Refunding that order gives Y back their first order, though its tickets no longer count.
    await withTenant(db, fx.tenantId, async (tx) => {
      await tx.order.update({ where: { tenantId_id: { tenantId: fx.tenantId, id: full } }, data: { status: "refunded" } });
      await refreshRollups(tx, fx.tenantId, { performanceIds: [fx.p4] });
    });
    expect((await snapshot()).seasons).toEqual(FIXTURE_SEASONS);
  });

  it("follow an order that changes buyer (a merge) to the buyers' other performances", async () => {
    const o2 = await withTenant(db, fx.tenantId, async (tx) => {
      const ticket = await tx.ticket.findFirstOrThrow({ where: { tenantId: fx.tenantId, performanceId: fx.p1, holderId: fx.spectators.Y } });
      await tx.order.update({ where: { tenantId_id: { tenantId: fx.tenantId, id: ticket.orderId } }, data: { spectatorId: fx.spectators.X } });
      await refreshRollups(tx, fx.tenantId, { performanceIds: [fx.p1] });
      return ticket.orderId;
    });
    const after = await snapshot();
    // Y's first paid order is now O5, on P3, which was not refreshed.
    expect(after.orders).toContainEqual({ perf: "P3", buyer: "Y", day: "2025-12-01", channel: "web", season: 2025, first: true });
    expect(after.orders).toContainEqual({ perf: "P1", buyer: "X", day: "2025-10-01", channel: "box_office", season: 2025, first: false });
    await withTenant(db, fx.tenantId, (tx) => refreshRollups(tx, fx.tenantId, "all"));
    expect(await snapshot()).toEqual(after);
    await withTenant(db, fx.tenantId, async (tx) => {
      await tx.order.update({ where: { tenantId_id: { tenantId: fx.tenantId, id: o2 } }, data: { spectatorId: fx.spectators.Y } });
      await refreshRollups(tx, fx.tenantId, { performanceIds: [fx.p1] });
    });
    expect((await snapshot()).seasons).toEqual(FIXTURE_SEASONS);
  });

  it("give a whole season the figures the per-order path gives, at every cut", async () => {
    const f = parseDashboardFilters({}, new Date("2026-03-15T12:00:00Z"));
    for (const salesUpTo of ["2025-08-31", "2025-09-01", "2025-10-04", "2025-10-05", "2025-11-30", "2026-03-15"]) {
      const periods = [{ from: "2025-09-01", to: "2026-08-31", salesUpTo }, { from: "2024-09-01", to: "2025-08-31", salesUpTo }];
      const [fast, slow] = await withTenant(db, fx.tenantId, async (tx) => [
        await getBuyerStats(tx, fx.tenantId, f, periods),
        await buyerStatsFromOrders(tx, fx.tenantId, f, periods),
      ]);
      expect(fast, salesUpTo).toEqual(slow);
    }
  });

  it("count orders without a buyer as orders only, and a buyer's two first orders of one instant as one new buyer", async () => {
    const other = await buildFixture(db, "buyers-c");
    await withTenant(db, other.tenantId, async (tx) => {
      const at = paris("2025-08-10T10:00");
      const ticket = { performanceId: other.p4, category: "Plein", priceCents: 1000 };
      await addOrder(tx, other.tenantId, { buyerId: null, orderedAt: at, channel: "box_office", tickets: [ticket] });
      await addOrder(tx, other.tenantId, { buyerId: null, orderedAt: at, channel: "box_office", tickets: [ticket] });
      const newcomer = (await tx.spectator.create({ data: { tenantId: other.tenantId } })).id;
      await addOrder(tx, other.tenantId, { buyerId: newcomer, orderedAt: at, channel: "web", tickets: [ticket] });
      await addOrder(tx, other.tenantId, { buyerId: newcomer, orderedAt: at, channel: "web", tickets: [ticket] });
      await refreshRollups(tx, other.tenantId, "all");
    });
    // Four orders; one buyer, new (both orders are their first), and repeat (two orders).
    expect((await snapshot(other.tenantId)).seasons).toContainEqual([2025, "2025-08-10", 4, 1, 1, 1]);
  });

  it("stay within their tenant", async () => {
    const other = await buildFixture(db, "buyers-b");
    await withTenant(db, other.tenantId, async (tx) => {
      await addOrder(tx, other.tenantId, { buyerId: other.spectators.X, orderedAt: paris("2025-08-01T10:00"), channel: "web", tickets: [
        { performanceId: other.p4, category: "Plein", priceCents: 1000 },
      ] });
      await refreshRollups(tx, other.tenantId, "all");
    });
    const mine = await snapshot();
    await withTenant(db, fx.tenantId, (tx) => refreshRollups(tx, fx.tenantId, { performanceIds: [fx.p1, fx.p2] }));
    expect(await snapshot()).toEqual(mine);
    expect(mine.seasons).toEqual(FIXTURE_SEASONS);
    const theirs = await snapshot(other.tenantId);
    expect(theirs.seasons).toContainEqual([2025, "2025-08-01", 1, 1, 1, 0]);
    expect(theirs.seasons).toContainEqual([2025, "2025-09-01", 1, 0, 0, 1]); // X's O1 is now their second order
  });
});
