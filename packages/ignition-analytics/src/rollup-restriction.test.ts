// A GDPR restriction of processing (Art. 18) keeps the person out of every rollup: their tickets,
// orders and audience rows disappear at the next refresh and come back once it is lifted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, withTenant, type Database, type Tx } from "@rappel/db";
import { refreshRollups } from "./rollups";
import { addOrder, appDatabaseUrl, createTenant, paris } from "./testing/fixture";

let db: Database;
beforeAll(() => {
  db = createDatabase(appDatabaseUrl(), { max: 2 });
});
afterAll(async () => db.$disconnect());

async function totals(tx: Tx, tenantId: string, performanceId: string) {
  const perf = await tx.rollupPerformance.findUnique({ where: { tenantId_performanceId: { tenantId, performanceId } } });
  const audience = await tx.rollupAudience.aggregate({ where: { tenantId, performanceId }, _sum: { spectators: true } });
  const orders = await tx.rollupOrder.count({ where: { tenantId, performanceId } });
  const buyers = await tx.rollupSeasonBuyers.aggregate({ where: { tenantId }, _sum: { buyers: true } });
  return { tickets: perf?.tickets ?? 0, revenue: Number(perf?.revenueCents ?? 0), spectators: audience._sum.spectators ?? 0, orders, buyers: buyers._sum.buyers ?? 0 };
}

describe("restricted spectators in the rollups", () => {
  it("drops a restricted holder's or buyer's tickets, and counts them again once lifted", async () => {
    const tenantId = await createTenant(db, "restrict");
    const { performanceId, restricted } = await withTenant(db, tenantId, async (tx) => {
      const venue = await tx.venue.create({ data: { tenantId, name: "Salle", capacity: 100 } });
      const show = await tx.show.create({ data: { tenantId, title: "Tartuffe", genre: "theatre" } });
      const startsAt = paris("2026-02-10T20:00");
      const perf = await tx.performance.create({ data: { tenantId, showId: show.id, venueId: venue.id, startsAt, endsAt: startsAt, capacity: 100 } });
      const [a, b] = [(await tx.spectator.create({ data: { tenantId } })).id, (await tx.spectator.create({ data: { tenantId } })).id];
      const ticket = (holderId: string) => ({ performanceId: perf.id, holderId, category: "Plein", priceCents: 2000 });
      await addOrder(tx, tenantId, { buyerId: a, orderedAt: paris("2026-01-05T10:00"), channel: "web", tickets: [ticket(a)] });
      await addOrder(tx, tenantId, { buyerId: b, orderedAt: paris("2026-01-06T10:00"), channel: "web", tickets: [ticket(b), ticket(b)] });
      await refreshRollups(tx, tenantId, "all");
      return { performanceId: perf.id, restricted: b };
    });
    const read = () => withTenant(db, tenantId, (tx) => totals(tx, tenantId, performanceId));
    expect(await read()).toEqual({ tickets: 3, revenue: 6000, spectators: 2, orders: 2, buyers: 2 });

    await withTenant(db, tenantId, async (tx) => {
      await tx.processingRestriction.create({ data: { tenantId, spectatorId: restricted } });
      await refreshRollups(tx, tenantId, { performanceIds: [performanceId] });
    });
    expect(await read()).toEqual({ tickets: 1, revenue: 2000, spectators: 1, orders: 1, buyers: 1 });

    await withTenant(db, tenantId, async (tx) => {
      await tx.processingRestriction.update({ where: { tenantId_spectatorId: { tenantId, spectatorId: restricted } }, data: { liftedAt: new Date() } });
      await refreshRollups(tx, tenantId, { performanceIds: [performanceId] });
    });
    expect(await read()).toEqual({ tickets: 3, revenue: 6000, spectators: 2, orders: 2, buyers: 2 });
  });
});
