// A restriction of processing leaves the person out of Ignition's KPIs at once (the rollups of
// their performances are refreshed with it), and lifting it brings their tickets back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant, type Database } from "@rappel/db";
import { getOverviewKpis, refreshRollups, resolveFilters } from "@rappel/ignition-analytics";
import { addSpectator, createTestTenant, openAppDatabase, testMaster, type TestTenant } from "../testing/fixtures";
import { createRequest } from "./intake";
import { liftRequestRestriction, liftRestriction, restrictRequestSubject } from "./restriction";

let db: Database;
beforeAll(() => {
  db = openAppDatabase();
});
afterAll(async () => db.$disconnect());

const now = new Date("2024-01-15T10:00:00Z");
const orderedAt = new Date("2022-12-01T10:00:00Z"); // the fixture's performance is on 10 January 2023

async function staff(tenantId: string): Promise<{ kind: "staff"; userId: string }> {
  const user = await db.user.create({ data: { email: `staff-${Math.random().toString(36).slice(2)}@example.test`, name: "Staff", passwordHash: "x" } });
  await withTenant(db, tenantId, (tx) => tx.membership.create({ data: { tenantId, userId: user.id, role: "admin" } }));
  return { kind: "staff", userId: user.id };
}

async function kpis(t: TestTenant) {
  const filters = resolveFilters({ from: "2022-09-01", to: "2023-08-31", basis: "performance" }, now);
  const { kpis } = await withTenant(db, t.tenantId, (tx) => getOverviewKpis(tx, t.tenantId, filters, now));
  return { tickets: kpis.tickets.current, revenue: kpis.revenue.current, buyers: kpis.uniqueBuyers.current };
}

describe("restriction of processing in analytics", () => {
  it("removes the person's tickets from the KPIs when placed, and restores them when lifted", async () => {
    const t = await createTestTenant(db);
    const actor = await staff(t.tenantId);
    const person = await addSpectator(db, t, { email: "limite@example.test" }, { orderedAt });
    await addSpectator(db, t, { email: "autre@example.test" }, { orderedAt });
    await withTenant(db, t.tenantId, (tx) => refreshRollups(tx, t.tenantId, "all"));
    expect(await kpis(t)).toMatchObject({ tickets: 2, buyers: 2 });

    const { request } = await createRequest(db, actor, t.tenantId, { kind: "restriction", email: "limite@example.test" }, { now, master: testMaster });
    expect(await restrictRequestSubject(db, actor, t.tenantId, request.id, now)).toBe(1);
    expect(await kpis(t)).toMatchObject({ tickets: 1, buyers: 1 });

    await liftRestriction(db, actor, t.tenantId, person.spectatorId, now);
    expect(await kpis(t)).toMatchObject({ tickets: 2, buyers: 2 });
    const actions = await withTenant(db, t.tenantId, (tx) =>
      tx.auditEntry.findMany({ where: { tenantId: t.tenantId, action: { startsWith: "privacy.restriction" } }, orderBy: { seq: "asc" } }),
    );
    expect(actions.map((a) => a.action)).toEqual(["privacy.restriction.applied", "privacy.restriction.lifted"]);
    await expect(liftRestriction(db, actor, t.tenantId, person.spectatorId, now)).rejects.toMatchObject({ status: 404 });

    // Placed again by a new request, then lifted from that request (the DPO console's button).
    const again = await createRequest(db, actor, t.tenantId, { kind: "restriction", email: "limite@example.test" }, { now, master: testMaster });
    await restrictRequestSubject(db, actor, t.tenantId, again.request.id, now);
    expect(await kpis(t)).toMatchObject({ tickets: 1, buyers: 1 });
    expect(await liftRequestRestriction(db, actor, t.tenantId, again.request.id, now)).toBe(1);
    expect(await kpis(t)).toMatchObject({ tickets: 2, buyers: 2 });
  });

  it("cannot be lifted from another tenant, nor by a spectator", async () => {
    const victim = await createTestTenant(db);
    const person = await addSpectator(db, victim, { email: "cible@example.test" }, { orderedAt });
    await withTenant(db, victim.tenantId, (tx) => tx.processingRestriction.create({ data: { tenantId: victim.tenantId, spectatorId: person.spectatorId } }));
    const attacker = await createTestTenant(db);
    const actor = await staff(attacker.tenantId);
    await expect(liftRestriction(db, actor, attacker.tenantId, person.spectatorId, now)).rejects.toMatchObject({ status: 404 });
    await expect(liftRestriction(db, { kind: "spectator" }, victim.tenantId, person.spectatorId, now)).rejects.toMatchObject({ status: 403 });
    const still = await withTenant(db, victim.tenantId, (tx) =>
      tx.processingRestriction.count({ where: { tenantId: victim.tenantId, spectatorId: person.spectatorId, liftedAt: null } }),
    );
    expect(still).toBe(1);
  });
});
