// The breach register on the real database: affected tenants derived from the data involved,
// client notifications recorded in the client's audit chain, late CNIL notices need reasons.
import { randomBytes, randomUUID } from "node:crypto";
import { createDatabase, verifyAuditChain, withTenant, type Database } from "@rappel/db";
import { createTwoTenants, type TenantRows } from "@rappel/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptyBreach } from "../breaches/schemas";
import { createBreach, getBreach, listBreaches, recordClientNotification, recordCnilNotification, refreshAffectedTenants } from "./breaches";
import { listDocumentHistory } from "./documents";

let db: Database;
let a: TenantRows;
let b: TenantRows;
let actor: { userId: string };
const aware = new Date("2026-11-20T09:00:00Z");
const h = (n: number) => new Date(aware.getTime() + n * 3_600_000);

beforeAll(async () => {
  db = createDatabase(process.env.DATABASE_URL!);
  ({ a, b } = await createTwoTenants(db));
  const dpo = await db.user.create({ data: { email: `dpo-${randomBytes(3).toString("hex")}@example.test`, name: "Dana", passwordHash: "x", platformRole: "dpo" } });
  actor = { userId: dpo.id };
});
afterAll(async () => db.$disconnect());

describe("breach register", () => {
  it("derives the affected tenants from the data involved and notifies each with an audit entry", async () => {
    // Tenant B has no consent rows: a breach of consents affects A only.
    await withTenant(db, b.tenantId, (tx) => tx.consent.deleteMany({ where: { tenantId: b.tenantId } }));
    const breach = await createBreach(db, actor, { ...emptyBreach(aware), title: "Fuite des consentements", natures: ["confidentiality"], dataInvolved: ["consents"] }, aware);
    expect(breach.reference).toMatch(/^VIO-2026-\d{3}$/);
    const { document } = await refreshAffectedTenants(db, actor, breach.id, h(1));
    const ids = document.content.affectedTenants.map((t) => t.tenantId);
    expect(ids).toContain(a.tenantId);
    expect(ids).not.toContain(b.tenantId);
    expect(document.content.affectedTenants.find((t) => t.tenantId === a.tenantId)).toMatchObject({ records: 1, notifiedAt: null });

    await recordClientNotification(db, actor, breach.id, a.tenantId, h(3));
    const after = await getBreach(db, breach.id);
    expect(after.content.affectedTenants.find((t) => t.tenantId === a.tenantId)!.notifiedAt).toBe(h(3).toISOString());
    await expect(recordClientNotification(db, actor, breach.id, a.tenantId, h(4))).rejects.toMatchObject({ status: 409 });
    await expect(recordClientNotification(db, actor, breach.id, b.tenantId, h(4))).rejects.toMatchObject({ status: 404 });
    const audit = await withTenant(db, a.tenantId, (tx) => tx.auditEntry.findMany({ where: { tenantId: a.tenantId, action: "dpo.breach.client_notified" } }));
    expect(audit).toHaveLength(1);
    expect(await withTenant(db, a.tenantId, (tx) => verifyAuditChain(tx, a.tenantId))).toMatchObject({ ok: true });
    const history = await listDocumentHistory(db, "breach", breach.id);
    expect(history.map((v) => v.note)).toEqual([`client notified: Tenant a`, "affected tenants derived from the data involved", "recorded"]);
  });

  it("marks a client notified only together with the entry in its audit chain (one transaction)", async () => {
    const breach = await createBreach(db, actor, { ...emptyBreach(aware), title: "Envoi au mauvais client", natures: ["confidentiality"], dataInvolved: ["spectators"] }, aware);
    const { updateBreach } = await import("./breaches");
    // A client whose audit chain cannot be written (its tenant row is gone, e.g. offboarded meanwhile).
    const gone = { tenantId: randomUUID(), tenantName: "Client parti", records: 12, notifiedAt: null };
    await updateBreach(db, actor, { id: breach.id, content: { ...breach.content, affectedTenants: [gone] }, expectedVersion: breach.version });
    const before = await getBreach(db, breach.id);
    await expect(recordClientNotification(db, actor, breach.id, gone.tenantId, h(2))).rejects.toThrow();
    const after = await getBreach(db, breach.id);
    // Nothing half-done: no "notified" time without the audit entry, no new version.
    expect(after.content.affectedTenants[0]!.notifiedAt).toBeNull();
    expect(after.version).toBe(before.version);
    expect((await listDocumentHistory(db, "breach", breach.id)).map((v) => v.note)).not.toContain("client notified: Client parti");
  });

  it("refuses a late CNIL notification without the reasons for the delay, then accepts it in phases", async () => {
    const breach = await createBreach(db, actor, { ...emptyBreach(aware), title: "Perte d'un portable RH", natures: ["availability"], controllerActivities: ["RT-01"] }, aware);
    await expect(recordCnilNotification(db, actor, breach.id, { phase: "initial", summary: "x" }, h(73))).rejects.toMatchObject({ code: "late_reason_missing" });
    const current = await getBreach(db, breach.id);
    const { updateBreach } = await import("./breaches");
    await updateBreach(db, actor, { id: breach.id, content: { ...current.content, lateReason: "Perte constatée au retour de congés" }, expectedVersion: current.version });
    await recordCnilNotification(db, actor, breach.id, { phase: "initial", summary: "Première notification" }, h(73));
    const { document } = await recordCnilNotification(db, actor, breach.id, { phase: "complementary", summary: "Périmètre confirmé" }, h(100));
    expect(document.content.cnilNotifications.map((n) => n.phase)).toEqual(["initial", "complementary"]);
    expect(document.content.cnilDecision).toBe("notify");
  });

  it("keeps every breach (the application cannot delete one)", async () => {
    expect((await listBreaches(db)).length).toBeGreaterThanOrEqual(2);
    await expect(db.dpoDocument.deleteMany({ where: { kind: "breach" } })).rejects.toThrow(/permission denied/);
  });
});
