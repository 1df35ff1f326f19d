import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant, type Database } from "@rappel/db";
import { createTestTenant, openAppDatabase, testMaster } from "../testing/fixtures";
import { createRequest } from "./intake";
import { decideRequest, listRequests, loadRequestDetail } from "./tenant-view";

let db: Database;
beforeAll(() => {
  db = openAppDatabase();
});
afterAll(async () => db.$disconnect());

const now = new Date("2026-03-02T10:00:00Z");

async function owner(tenantId: string): Promise<{ kind: "staff"; userId: string }> {
  const user = await db.user.create({ data: { email: `owner-${Math.random().toString(36).slice(2)}@example.test`, name: "Owner", passwordHash: "x" } });
  await withTenant(db, tenantId, (tx) => tx.membership.create({ data: { tenantId, userId: user.id, role: "owner" } }));
  return { kind: "staff", userId: user.id };
}

describe("tenant view of data-subject requests", () => {
  it("lists the tenant's requests with the staff intake's name and channel, and the status history", async () => {
    const t = await createTestTenant(db);
    const actor = await owner(t.tenantId);
    const { request } = await createRequest(db, actor, t.tenantId, { kind: "rectification", email: "anne@example.test", name: "Anne Martin", receivedVia: "letter", details: "Mauvaise adresse." }, { now, master: testMaster });
    await decideRequest(db, actor, t.tenantId, request.id, { action: "extend", months: 1, reason: "Dossier réparti sur trois billetteries." }, now);
    await decideRequest(db, actor, t.tenantId, request.id, { action: "complete", note: "Adresse corrigée." }, now);

    const list = await withTenant(db, t.tenantId, (tx) => listRequests(tx, t.tenantId));
    expect(list).toEqual([expect.objectContaining({ id: request.id, kind: "rectification", status: "completed", channel: "staff", receivedVia: "letter", forward: null })]);
    const detail = await withTenant(db, t.tenantId, (tx) => loadRequestDetail(tx, t.tenantId, request.id, testMaster));
    expect(detail).toMatchObject({ email: "anne@example.test", name: "Anne Martin", details: "Mauvaise adresse." });
    expect(detail.request.extensionMonths).toBe(1);
    expect(detail.events.map((e) => e.action)).toEqual(["privacy.request.received", "privacy.request.extended", "privacy.request.completed"]);
    await expect(decideRequest(db, actor, t.tenantId, request.id, { action: "reject" }, now)).rejects.toThrow(/completed, not open/);
  });

  it("keeps another tenant's staff out (not found, nothing listed)", async () => {
    const victim = await createTestTenant(db);
    const attacker = await createTestTenant(db);
    const victimOwner = await owner(victim.tenantId);
    const intruder = await owner(attacker.tenantId);
    const { request } = await createRequest(db, victimOwner, victim.tenantId, { kind: "access", email: "v@example.test" }, { now, master: testMaster });
    // The attacker's own scope with the victim's ids: RLS shows nothing.
    await expect(withTenant(db, attacker.tenantId, (tx) => loadRequestDetail(tx, attacker.tenantId, request.id, testMaster))).rejects.toThrow(/not found/);
    await expect(withTenant(db, attacker.tenantId, (tx) => loadRequestDetail(tx, victim.tenantId, request.id, testMaster))).rejects.toThrow();
    expect(await withTenant(db, attacker.tenantId, (tx) => listRequests(tx, victim.tenantId))).toEqual([]);
    await expect(decideRequest(db, intruder, attacker.tenantId, request.id, { action: "reject" }, now)).rejects.toThrow(/not found/);
    // Control: the victim's owner still sees it.
    expect((await withTenant(db, victim.tenantId, (tx) => loadRequestDetail(tx, victim.tenantId, request.id, testMaster))).request.id).toBe(request.id);
  });
});
