// refreshRollups: exact rows for the fixture, and an incremental refresh touching only the
// performances it is given (and only the tenant it is given).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { createDatabase, withTenant, type Database, type Tx } from "@rappel/db";
import { refreshRollups } from "./rollups";
import { addOrder, appDatabaseUrl, buildFixture, distanceKm, GRENOBLE, LYON, paris, VILLEURBANNE, type Fixture } from "./testing/fixture";

let db: Database;
let fx: Fixture;

beforeAll(async () => {
  db = createDatabase(appDatabaseUrl(), { max: 4 });
  fx = await buildFixture(db, "rollups");
});

afterAll(async () => {
  await db.$disconnect();
});

async function dailyRows(tx: Tx, performanceId: string) {
  const rows = await tx.rollupDailySales.findMany({
    where: { tenantId: fx.tenantId, performanceId },
    orderBy: [{ day: "asc" }, { salesChannel: "asc" }, { priceCategory: "asc" }],
  });
  return rows.map((r) => ({
    day: r.day.toISOString().slice(0, 10), channel: r.salesChannel, category: r.priceCategory, tickets: r.tickets,
    complimentary: r.complimentary, revenue: Number(r.revenueCents), leadDays: Number(r.leadDaysSum),
  }));
}

async function performanceDayRows(tx: Tx, performanceId: string) {
  const rows = await tx.rollupPerformanceDay.findMany({ where: { tenantId: fx.tenantId, performanceId }, orderBy: { day: "asc" } });
  return rows.map((r) => ({
    day: r.day.toISOString().slice(0, 10), tickets: r.tickets, complimentary: r.complimentary, revenue: Number(r.revenueCents),
    leadDays: Number(r.leadDaysSum),
  }));
}

async function performanceTotals(tx: Tx, performanceId: string) {
  const r = await tx.rollupPerformance.findUnique({ where: { tenantId_performanceId: { tenantId: fx.tenantId, performanceId } } });
  return r && {
    tickets: r.tickets, complimentary: r.complimentary, revenue: Number(r.revenueCents), leadDays: Number(r.leadDaysSum),
    lastSaleDay: r.lastSaleDay.toISOString().slice(0, 10), topPrice: r.topPriceCents,
  };
}

async function departementRows(tx: Tx, performanceId: string) {
  const rows = await tx.rollupAudienceDepartement.findMany({ where: { tenantId: fx.tenantId, performanceId }, orderBy: { departement: "asc" } });
  return rows.map((r) => ({
    departement: r.departement, spectators: r.spectators, tickets: r.tickets, revenue: Number(r.revenueCents), km: r.distanceKmSum,
  }));
}

async function audienceRows(tx: Tx, performanceId: string) {
  const rows = await tx.rollupAudience.findMany({ where: { tenantId: fx.tenantId, performanceId }, orderBy: { communeCode: "asc" } });
  return rows.map((r) => ({
    commune: r.communeCode, departement: r.departement, spectators: r.spectators, tickets: r.tickets,
    revenue: Number(r.revenueCents), km: r.distanceKmSum,
  }));
}

describe("refreshRollups", () => {
  it("builds daily sales per Paris sale day, channel and price category", async () => {
    const result = await withTenant(db, fx.tenantId, (tx) => refreshRollups(tx, fx.tenantId, "all"));
    expect(result.dailySalesRows).toBe(1 + 3 + 3 + 1); // P0, P1, P2, P3
    await withTenant(db, fx.tenantId, async (tx) => {
      expect(await dailyRows(tx, fx.p1)).toEqual([
        { day: "2025-09-01", channel: "web", category: "Plein", tickets: 2, complimentary: 0, revenue: 6000, leadDays: 2 * 39 },
        { day: "2025-10-01", channel: "box_office", category: "Invitation", tickets: 1, complimentary: 1, revenue: 0, leadDays: 9 },
        { day: "2025-10-01", channel: "box_office", category: "Réduit", tickets: 1, complimentary: 0, revenue: 2000, leadDays: 9 },
      ]);
      // O4 was placed at 00:30 Paris time on 19 Nov (still the 18th in UTC); the cancelled
      // ticket of O3 and the refunded order O6 are absent.
      expect(await dailyRows(tx, fx.p2)).toEqual([
        { day: "2025-10-05", channel: "web", category: "Plein", tickets: 1, complimentary: 0, revenue: 3500, leadDays: 46 },
        { day: "2025-11-19", channel: "phone", category: "Invitation", tickets: 1, complimentary: 1, revenue: 0, leadDays: 1 },
        { day: "2025-11-19", channel: "phone", category: "Réduit", tickets: 3, complimentary: 0, revenue: 7500, leadDays: 3 },
      ]);
    });
  });

  it("sums each performance's sales per Paris sale day, and in all, with the top average price", async () => {
    const result = await withTenant(db, fx.tenantId, (tx) => refreshRollups(tx, fx.tenantId, "all"));
    expect(result.performanceDayRows).toBe(1 + 2 + 2 + 1);
    await withTenant(db, fx.tenantId, async (tx) => {
      expect(await performanceDayRows(tx, fx.p1)).toEqual([
        { day: "2025-09-01", tickets: 2, complimentary: 0, revenue: 6000, leadDays: 2 * 39 },
        { day: "2025-10-01", tickets: 2, complimentary: 1, revenue: 2000, leadDays: 2 * 9 },
      ]);
      expect(await performanceTotals(tx, fx.p1)).toEqual(
        { tickets: 4, complimentary: 1, revenue: 8000, leadDays: 2 * 39 + 2 * 9, lastSaleDay: "2025-10-01", topPrice: 3000 },
      );
      // Invitations have no price; the top is O3's Plein, above O4's Réduit.
      expect(await performanceTotals(tx, fx.p2)).toEqual(
        { tickets: 5, complimentary: 1, revenue: 11000, leadDays: 46 + 4, lastSaleDay: "2025-11-19", topPrice: 3500 },
      );
      expect(await performanceTotals(tx, fx.p4)).toBeNull();
      expect(await performanceDayRows(tx, fx.p2)).toEqual([
        { day: "2025-10-05", tickets: 1, complimentary: 0, revenue: 3500, leadDays: 46 },
        { day: "2025-11-19", tickets: 4, complimentary: 1, revenue: 7500, leadDays: 4 },
      ]);
    });
  });

  it("builds the audience per commune: holder else buyer, distance from the commune centre to the venue", async () => {
    await withTenant(db, fx.tenantId, async (tx) => {
      const p1 = await audienceRows(tx, fx.p1);
      expect(p1).toEqual([
        { commune: LYON.code, departement: "69", spectators: 1, tickets: 2, revenue: 6000, km: 0 }, // X bought 2, holds none
        { commune: VILLEURBANNE.code, departement: "69", spectators: 2, tickets: 2, revenue: 2000, km: expect.closeTo(2 * distanceKm(VILLEURBANNE, LYON), 6) },
      ]);
      expect(await audienceRows(tx, fx.p2)).toEqual([
        { commune: GRENOBLE.code, departement: "38", spectators: 1, tickets: 4, revenue: 7500, km: expect.closeTo(distanceKm(GRENOBLE, LYON), 6) },
        { commune: LYON.code, departement: "69", spectators: 1, tickets: 1, revenue: 3500, km: 0 },
      ]);
      expect(await departementRows(tx, fx.p1)).toEqual([
        { departement: "69", spectators: 3, tickets: 4, revenue: 8000, km: expect.closeTo(2 * distanceKm(VILLEURBANNE, LYON), 6) },
      ]);
      expect(await departementRows(tx, fx.p2)).toEqual([
        { departement: "38", spectators: 1, tickets: 4, revenue: 7500, km: expect.closeTo(distanceKm(GRENOBLE, LYON), 6) },
        { departement: "69", spectators: 1, tickets: 1, revenue: 3500, km: 0 },
      ]);
      // P3's venue has no coordinates: no distance, but the audience is still counted.
      expect(await audienceRows(tx, fx.p3)).toEqual([
        { commune: VILLEURBANNE.code, departement: "69", spectators: 1, tickets: 1, revenue: 2800, km: 0 },
      ]);
    });
  });

  it("refreshes only the performances it is given", async () => {
    await withTenant(db, fx.tenantId, (tx) => refreshRollups(tx, fx.tenantId, "all"));
    await withTenant(db, fx.tenantId, async (tx) => {
      // New sales for P1 and P2; only P2 is refreshed.
      await addOrder(tx, fx.tenantId, { buyerId: fx.spectators.N, orderedAt: paris("2025-11-01T12:00"), channel: "partner", tickets: [
        { performanceId: fx.p1, category: "Groupe", priceCents: 1500 },
        { performanceId: fx.p2, category: "Groupe", priceCents: 1500 },
      ] });
      const before = {
        p1: await dailyRows(tx, fx.p1), p1Day: await performanceDayRows(tx, fx.p1), p1Total: await performanceTotals(tx, fx.p1),
        p1Audience: await audienceRows(tx, fx.p1), p1Departement: await departementRows(tx, fx.p1),
      };
      const result = await refreshRollups(tx, fx.tenantId, { performanceIds: [fx.p2, fx.p2] });
      expect(result.dailySalesRows).toBe(4);
      expect(await dailyRows(tx, fx.p1)).toEqual(before.p1);
      expect(await performanceDayRows(tx, fx.p1)).toEqual(before.p1Day);
      expect(await performanceTotals(tx, fx.p1)).toEqual(before.p1Total);
      expect(await audienceRows(tx, fx.p1)).toEqual(before.p1Audience);
      expect(await departementRows(tx, fx.p1)).toEqual(before.p1Departement);
      expect(await dailyRows(tx, fx.p2)).toContainEqual(
        { day: "2025-11-01", channel: "partner", category: "Groupe", tickets: 1, complimentary: 0, revenue: 1500, leadDays: 19 },
      );
      // N has no commune: an "unknown" audience row.
      expect(await audienceRows(tx, fx.p2)).toContainEqual({ commune: "", departement: "", spectators: 1, tickets: 1, revenue: 1500, km: 0 });
      expect(await departementRows(tx, fx.p2)).toContainEqual({ departement: "", spectators: 1, tickets: 1, revenue: 1500, km: 0 });
      expect(await performanceDayRows(tx, fx.p2)).toContainEqual(
        { day: "2025-11-01", tickets: 1, complimentary: 0, revenue: 1500, leadDays: 19 },
      );
      expect(await performanceTotals(tx, fx.p2)).toMatchObject({ tickets: 6, revenue: 12500, lastSaleDay: "2025-11-19" });

      await refreshRollups(tx, fx.tenantId, { performanceIds: [fx.p1] });
      expect(await dailyRows(tx, fx.p1)).toHaveLength(4);
    });
  });

  it("removes the rows of sales that are no longer valid", async () => {
    await withTenant(db, fx.tenantId, async (tx) => {
      await tx.ticket.updateMany({ where: { tenantId: fx.tenantId, performanceId: fx.p3 }, data: { status: "refunded" } });
      await refreshRollups(tx, fx.tenantId, { performanceIds: [fx.p3] });
      expect(await dailyRows(tx, fx.p3)).toEqual([]);
      expect(await performanceDayRows(tx, fx.p3)).toEqual([]);
      expect(await performanceTotals(tx, fx.p3)).toBeNull();
      expect(await audienceRows(tx, fx.p3)).toEqual([]);
      expect(await departementRows(tx, fx.p3)).toEqual([]);
    });
  });

  it("leaves other tenants' rollups alone", async () => {
    const other = await buildFixture(db, "rollups-b");
    await withTenant(db, other.tenantId, (tx) => refreshRollups(tx, other.tenantId, "all"));
    await withTenant(db, fx.tenantId, (tx) => refreshRollups(tx, fx.tenantId, "all"));
    const counts = await withTenant(db, other.tenantId, async (tx) => {
      const where = { where: { tenantId: other.tenantId } };
      return [
        await tx.rollupDailySales.count(where), await tx.rollupPerformanceDay.count(where), await tx.rollupPerformance.count(where),
        await tx.rollupOrder.count(where),
        await tx.rollupSeasonBuyers.count(where), await tx.rollupAudience.count(where), await tx.rollupAudienceDepartement.count(where),
      ];
    });
    expect(counts).toEqual([8, 6, 4, 6, 6, 6, 5]);
  });

  it("does nothing for an empty list and refuses ids that are not UUIDs", async () => {
    await withTenant(db, fx.tenantId, async (tx) => {
      expect(await refreshRollups(tx, fx.tenantId, { performanceIds: [] })).toEqual({
        dailySalesRows: 0, performanceDayRows: 0, orderRows: 0, audienceRows: 0,
      });
      await expect(refreshRollups(tx, fx.tenantId, { performanceIds: ["1; DROP TABLE ticket"] })).rejects.toThrow(ZodError);
    });
  });
});
