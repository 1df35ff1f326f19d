import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAuditEntry, withTenant, type Database } from "@rappel/db";
import { loadIdentityCodec } from "@rappel/personal-data";
import { searchAuditEntries } from "./audit-search";
import { addSpectator, createTestTenant, openAppDatabase, testMaster } from "./testing/fixtures";

let db: Database;
beforeAll(() => {
  db = openAppDatabase();
});
afterAll(async () => db.$disconnect());

describe("audit log search", () => {
  it("finds a person's entries by e-mail (blind index), an actor's, and a period's", async () => {
    const t = await createTestTenant(db);
    const person = await addSpectator(db, t, { email: "cherche@example.test" });
    const other = await addSpectator(db, t, { email: "autre@example.test" });
    const user = await db.user.create({ data: { email: `a-${Date.now()}@example.test`, name: "Staff", passwordHash: "x" } });
    await withTenant(db, t.tenantId, async (tx) => {
      await appendAuditEntry(tx, t.tenantId, { actorKind: "staff", actorUserId: user.id, action: "spectator.read", targetType: "spectator", targetId: person.spectatorId }, new Date("2026-02-01T10:00:00Z"));
      await appendAuditEntry(tx, t.tenantId, { actorKind: "staff", action: "spectator.read", targetType: "spectator", targetId: other.spectatorId }, new Date("2026-03-01T10:00:00Z"));
    });
    await withTenant(db, t.tenantId, async (tx) => {
      const codec = await loadIdentityCodec(tx, t.tenantId, testMaster);
      const byPerson = await searchAuditEntries(tx, t.tenantId, codec, { personEmail: "CHERCHE@example.test" });
      expect(byPerson.map((e) => e.targetId)).toEqual([person.spectatorId]);
      const byActor = await searchAuditEntries(tx, t.tenantId, codec, { actorUserId: user.id });
      expect(byActor).toHaveLength(1);
      const byPeriod = await searchAuditEntries(tx, t.tenantId, codec, { from: new Date("2026-02-15T00:00:00Z"), to: new Date("2026-03-15T00:00:00Z") });
      expect(byPeriod.map((e) => e.targetId)).toEqual([other.spectatorId]);
      expect(await searchAuditEntries(tx, t.tenantId, codec, { personEmail: "personne@example.test" })).toEqual([]);
    });
  });
});
