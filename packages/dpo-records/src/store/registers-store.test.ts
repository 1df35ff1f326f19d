// Registers against the real database: versioning with author and diff, optimistic concurrency,
// the platform path's audit entries, and the tenant owner's annex read in the tenant's own scope.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { createDatabase, verifyAuditChain, withTenant, type Database } from "@rappel/db";
import { createTwoTenants, type TenantRows } from "@rappel/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ensureControllerRegister,
  listControllerActivities,
  updateControllerActivity,
  createControllerActivity,
} from "./controller-register";
import { listDocumentHistory } from "./documents";
import { VENDOR_PROFILE_SEED } from "../vendor/vendor-profile";
import { draftCnilNotification } from "../breaches/drafts";
import { emptyBreach } from "../breaches/schemas";
import { getVendorProfileDocument, loadVendorProfile, updateVendorProfile } from "./vendor-profile";
import { getProcessorRecord, listProcessorRecordHistory, readOwnProcessorRecord, regenerateProcessorRecord, updateProcessorRecord } from "./processor-register";

let db: Database;
let a: TenantRows;
let b: TenantRows;
let dpoId: string;

beforeAll(async () => {
  db = createDatabase(process.env.DATABASE_URL!);
  ({ a, b } = await createTwoTenants(db));
  // The fixture gives each tenant a processor record; start these tests from none.
  const client = new pg.Client({ connectionString: process.env.MIGRATION_DATABASE_URL });
  await client.connect();
  for (const t of [a, b]) {
    await client.query("BEGIN");
    await client.query("SELECT set_config('app.tenant_id', $1, true)", [t.tenantId]);
    await client.query("DELETE FROM dpo_processor_record WHERE tenant_id = $1", [t.tenantId]);
    await client.query("COMMIT");
  }
  await client.end();
  const dpo = await db.user.create({
    data: { email: `dpo-${randomBytes(3).toString("hex")}@example.test`, name: "Dana DPO", passwordHash: "x", platformRole: "dpo" },
  });
  dpoId = dpo.id;
});
afterAll(async () => db.$disconnect());

describe("controller register (RT)", () => {
  it("is seeded once with the default activities", async () => {
    await Promise.all([ensureControllerRegister(db), ensureControllerRegister(db)]);
    const activities = await listControllerActivities(db);
    expect(activities.map((x) => x.reference)).toEqual(["RT-01", "RT-02", "RT-03", "RT-04", "RT-05", "RT-06"]);
    expect(activities.every((x) => x.version === 1)).toBe(true);
  });

  it("versions every change with its author and diff, and refuses a stale save", async () => {
    const [first] = await listControllerActivities(db);
    const content = { ...first!.content, dataSubjects: [...first!.content.dataSubjects, "Intermittents"] };
    const { document, changes } = await updateControllerActivity(db, { id: first!.id, content, expectedVersion: 1, actorUserId: dpoId, note: "ajout" });
    expect(document.version).toBe(2);
    expect(changes).toEqual([{ field: "dataSubjects", before: ["Salariés", "Stagiaires"], after: ["Salariés", "Stagiaires", "Intermittents"] }]);
    const history = await listDocumentHistory(db, "controller_activity", first!.id);
    expect(history.map((h) => [h.version, h.actorName, h.note])).toEqual([[2, "Dana DPO", "ajout"], [1, null, "seeded defaults"]]);
    await expect(updateControllerActivity(db, { id: first!.id, content: { ...content, name: "X" }, expectedVersion: 1, actorUserId: dpoId }))
      .rejects.toMatchObject({ status: 409 });
  });

  it("rejects invalid content with a message naming the field, and duplicate references", async () => {
    const [first] = await listControllerActivities(db);
    await expect(updateControllerActivity(db, { id: first!.id, content: { ...first!.content, name: "" }, expectedVersion: first!.version, actorUserId: dpoId }))
      .rejects.toThrow(/name/);
    await expect(createControllerActivity(db, { ...first!.content }, dpoId)).rejects.toMatchObject({ status: 409 });
    const created = await createControllerActivity(db, { ...first!.content, reference: "RT-99", name: "Vidéosurveillance" }, dpoId);
    expect(created.title).toBe("Vidéosurveillance");
  });
});

describe("processor register (ST)", () => {
  it("is generated from the tenant's configuration on first access, through the audited platform path", async () => {
    const record = await getProcessorRecord(db, { userId: dpoId }, a.tenantId);
    expect(record.version).toBe(1);
    expect(record.tenantName).toBe("Tenant a");
    // The fixture tenant has tickets, a survey and a campaign: all three apps.
    expect(record.content.processingCategories.map((c) => c.split(" ")[0])).toEqual(["Ignition", "Satisfaction", "Activation"]);
    expect(record.content.subprocessors[0]).toMatch(/^Hébergeur a-/);
    const audit = await withTenant(db, a.tenantId, (tx) => tx.auditEntry.findMany({ where: { tenantId: a.tenantId, action: "platform.access" }, orderBy: { seq: "desc" }, take: 1 }));
    expect(audit[0]!.actorUserId).toBe(dpoId);
    expect((audit[0]!.details as { reason: string }).reason).toMatch(/processor register/);
  });

  it("keeps hand edits across a regeneration, with every version in the history and the audit chain intact", async () => {
    const record = await getProcessorRecord(db, { userId: dpoId }, a.tenantId);
    const { record: edited } = await updateProcessorRecord(db, { userId: dpoId }, {
      tenantId: a.tenantId, expectedVersion: record.version, content: { ...record.content, controllerDpo: "Me Dupont" }, note: "DPO du client",
    });
    expect(edited.handEdited).toEqual(["controllerDpo"]);
    await withTenant(db, a.tenantId, (tx) => tx.tenantSubprocessor.deleteMany({ where: { tenantId: a.tenantId } }));
    const { record: regenerated, changes } = await regenerateProcessorRecord(db, { userId: dpoId }, a.tenantId);
    expect(changes.map((c) => c.field)).toEqual(["subprocessors"]);
    expect(regenerated.content.controllerDpo).toBe("Me Dupont");
    expect(regenerated.content.subprocessors).toEqual([]);
    const history = await listProcessorRecordHistory(db, { userId: dpoId }, a.tenantId);
    expect(history.map((h) => h.version)).toEqual([3, 2, 1]);
    expect(history[1]!.changes).toEqual([{ field: "controllerDpo", before: "", after: "Me Dupont" }]);
    expect(await withTenant(db, a.tenantId, (tx) => verifyAuditChain(tx, a.tenantId))).toMatchObject({ ok: true });
  });

  it("tenant owners read their own entry only", async () => {
    const own = await readOwnProcessorRecord(db, a.tenantId, a.userId);
    expect(own?.content.controllerDpo).toBe("Me Dupont");
    // Tenant B has no entry yet and cannot reach A's: its scope sees nothing.
    expect(await readOwnProcessorRecord(db, b.tenantId, b.userId)).toBeNull();
    const fromB = await withTenant(db, b.tenantId, (tx) => tx.dpoProcessorRecord.findMany({ where: { tenantId: a.tenantId } }));
    expect(fromB).toEqual([]);
  });

  it("an unknown tenant is a 404", async () => {
    await expect(getProcessorRecord(db, { userId: dpoId }, "00000000-0000-4000-8000-000000000000")).rejects.toMatchObject({ status: 404 });
  });
});

// In this file (not its own): the profile is platform-wide and the ST tests above read it.
describe("vendor profile", () => {
  it("is seeded by the migration with the former constant, and an edit is versioned and reaches the registers and drafts", async () => {
    const seeded = await getVendorProfileDocument(db);
    expect(seeded.content).toEqual(VENDOR_PROFILE_SEED);
    await expect(updateVendorProfile(db, { content: { ...seeded.content, siren: "12345" }, expectedVersion: seeded.version, actorUserId: dpoId })).rejects.toThrow(/9 digits/);
    const { document } = await updateVendorProfile(db, {
      content: { ...seeded.content, siren: "552 100 554", representative: "Jeanne Martin, présidente", hosting: "France (Paris) — hébergeur certifié HDS" },
      expectedVersion: seeded.version, actorUserId: dpoId, note: "immatriculation",
    });
    try {
      expect(document.version).toBe(seeded.version + 1);
      await expect(updateVendorProfile(db, { content: seeded.content, expectedVersion: seeded.version, actorUserId: dpoId })).rejects.toMatchObject({ status: 409 });
      const history = await listDocumentHistory(db, "vendor_profile", seeded.id);
      expect(history[0]).toMatchObject({ note: "immatriculation", actorName: "Dana DPO" });
      expect(history[0]!.changes.map((c) => c.field)).toEqual(["hosting", "representative", "siren"]);

      // The registers: a regenerated ST entry names the vendor as now recorded.
      const { record } = await regenerateProcessorRecord(db, { userId: dpoId }, b.tenantId);
      expect(record.content.processor).toBe("Rappel SAS (SIREN 552 100 554), 12 rue des Lumières, 69002 Lyon, France");
      expect(record.content.hosting).toBe("France (Paris) — hébergeur certifié HDS");
      // The breach drafts, through the profile other packages load.
      const cnil = draftCnilNotification({ ...emptyBreach(new Date()), title: "x", natures: ["integrity"] }, await loadVendorProfile(db));
      expect(cnil.body).toContain("Représentant légal : Jeanne Martin, présidente");
    } finally {
      const current = await getVendorProfileDocument(db);
      await updateVendorProfile(db, { content: VENDOR_PROFILE_SEED, expectedVersion: current.version, actorUserId: dpoId, note: "test: restored" });
    }
  });
});
