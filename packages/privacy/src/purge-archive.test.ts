// Intermediate archive: past the active period, within the archive period, a person is flagged
// archived (out of normal use: segments, campaigns and surveys filter on it — see their tests),
// is not purged yet, comes back on a new contact, and remains readable by the DPO (audited).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant, type Database } from "@rappel/db";
import { planPurges } from "./purge-engine";
import { createRequest } from "./requests/intake";
import { exportRequestSubject } from "./requests/actions";
import { addSpectator, createTestTenant, openAppDatabase, testMaster, type TestTenant } from "./testing/fixtures";

let db: Database;
beforeAll(() => {
  db = openAppDatabase();
});
afterAll(async () => db.$disconnect());

const system = { userId: null, role: "system" } as const;
const lastPurchase = new Date("2023-06-15T10:00:00Z"); // 36 months active: archived from 15 June 2026

async function archivedAt(t: TestTenant, id: string): Promise<Date | null> {
  return withTenant(db, t.tenantId, async (tx) => (await tx.spectator.findUniqueOrThrow({ where: { tenantId_id: { tenantId: t.tenantId, id } } })).archivedAt);
}

async function tenantWithArchivePeriod(): Promise<TestTenant> {
  const t = await createTestTenant(db);
  await withTenant(db, t.tenantId, (tx) =>
    tx.retentionOverride.create({
      data: { tenantId: t.tenantId, category: "customer", activeMonths: 36, archiveMonths: 12, reason: "Litiges de billetterie" },
    }),
  );
  return t;
}

describe("intermediate archive of people", () => {
  it("archives on the day the active period ends (not the day before), without purging within the archive period", async () => {
    const t = await tenantWithArchivePeriod();
    const person = await addSpectator(db, t, { email: "archive@example.test" }, { orderedAt: lastPurchase });
    const recent = await addSpectator(db, t, { email: "recent@example.test" }, { orderedAt: new Date("2026-01-10T10:00:00Z") });

    await planPurges(db, t.tenantId, new Date("2026-06-14T10:00:00Z"), system);
    expect(await archivedAt(t, person.spectatorId)).toBeNull();

    const now = new Date("2026-06-15T06:00:00Z");
    const runs = await planPurges(db, t.tenantId, now, system);
    expect(await archivedAt(t, person.spectatorId)).toEqual(now);
    expect(await archivedAt(t, recent.spectatorId)).toBeNull();
    expect(runs.filter((r) => r.category === "customer")).toEqual([]); // 36 + 12 months: not due yet
    const audit = await withTenant(db, t.tenantId, (tx) =>
      tx.auditEntry.findFirstOrThrow({ where: { tenantId: t.tenantId, action: "privacy.archive.updated" } }),
    );
    expect(audit.details).toEqual({ customer: { archived: 1, restored: 0 } });

    // At the end of the archive period the person is due for the purge.
    const later = await planPurges(db, t.tenantId, new Date("2027-06-15T06:00:00Z"), system);
    expect(later.find((r) => r.category === "customer")?.preview).toMatchObject({ due: 1, samples: [{ key: person.spectatorId }] });
  });

  it("brings the person back into normal use after a new purchase", async () => {
    const t = await tenantWithArchivePeriod();
    const person = await addSpectator(db, t, { email: "retour@example.test" }, { orderedAt: lastPurchase });
    await planPurges(db, t.tenantId, new Date("2026-06-20T10:00:00Z"), system);
    expect(await archivedAt(t, person.spectatorId)).not.toBeNull();
    await withTenant(db, t.tenantId, (tx) =>
      tx.order.create({
        data: { tenantId: t.tenantId, reference: "O-retour", spectatorId: person.spectatorId, orderedAt: new Date("2026-07-01T10:00:00Z"), salesChannel: "web", totalCents: 1000 },
      }),
    );
    await planPurges(db, t.tenantId, new Date("2026-07-02T10:00:00Z"), system);
    expect(await archivedAt(t, person.spectatorId)).toBeNull();
  });

  it("stays readable by the DPO on the audited platform path", async () => {
    const t = await tenantWithArchivePeriod();
    const person = await addSpectator(db, t, { email: "dpo-lit@example.test", lastName: "Archivée" }, { orderedAt: lastPurchase });
    await planPurges(db, t.tenantId, new Date("2026-06-20T10:00:00Z"), system);
    expect(await archivedAt(t, person.spectatorId)).not.toBeNull();
    const dpo = await db.user.create({
      data: { email: `dpo-${Math.random().toString(36).slice(2)}@example.test`, name: "DPO", passwordHash: "x", platformRole: "dpo" },
    });
    const actor = { kind: "platform", userId: dpo.id, role: "dpo" } as const;
    const options = { now: new Date("2026-06-21T10:00:00Z"), master: testMaster };
    const { request } = await createRequest(db, actor, t.tenantId, { kind: "access", email: "dpo-lit@example.test" }, options);
    const { tables } = await exportRequestSubject(db, actor, t.tenantId, request.id, options);
    expect(tables).toContainEqual({ table: "spectator", rows: 1 });
    const access = await withTenant(db, t.tenantId, (tx) =>
      tx.auditEntry.findMany({ where: { tenantId: t.tenantId, action: "platform.access", actorUserId: dpo.id } }),
    );
    expect(access.length).toBeGreaterThan(0);
  });
});
