// Tamper tests of the DPO version chains on the real database: an intact history verifies; a
// version changed behind the application's back (as the table owner could), a re-hashed forgery,
// a deleted version, or a current document that no longer matches its last version are each
// reported at the version where the chain breaks.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { createDatabase, type Database } from "@rappel/db";
import { createTestDatabase, createTwoTenants, type TenantRows, type TestDatabase } from "@rappel/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZControllerActivity } from "../registers/schemas";
import { DEFAULT_CONTROLLER_ACTIVITIES } from "../registers/controller-defaults";
import { createDocument, updateDocument } from "./documents";
import { getProcessorRecord, updateProcessorRecord } from "./processor-register";
import { createPlannedSubprocessor } from "./subprocessors";
import { verifyDocumentChain, verifyPlatformChains, verifyProcessorRecordChain } from "./version-chain";

// A database of its own: these tests add register entries and break chains on purpose, which the
// other files' exact listings (the seeded RT, the breach list) must not see.
let testDb: TestDatabase;
let db: Database;
let owner: pg.Client;
let a: TenantRows;
let actor: { userId: string };

beforeAll(async () => {
  testDb = await createTestDatabase("rappel_test_chain");
  db = createDatabase(testDb.appUrl);
  owner = new pg.Client({ connectionString: testDb.ownerUrl });
  await owner.connect();
  ({ a } = await createTwoTenants(db));
  actor = { userId: (await db.user.create({ data: { email: `dpo-${randomBytes(3).toString("hex")}@example.test`, name: "Dana", passwordHash: "x", platformRole: "dpo" } })).id };
});
afterAll(async () => {
  await owner?.end();
  await db?.$disconnect();
  await testDb?.drop();
});

/** An activity saved three times (versions 1, 2, 3). */
async function activityWithThreeVersions() {
  const reference = `RT-T${randomBytes(3).toString("hex")}`;
  const content = { ...DEFAULT_CONTROLLER_ACTIVITIES[0]!, reference, name: "Essai" };
  const doc = await createDocument(db, { kind: "controller_activity", reference, title: "Essai", content, actorUserId: actor.userId }, ZControllerActivity);
  await updateDocument(db, { id: doc.id, kind: "controller_activity", content: { ...content, purposeMain: "Deux" }, expectedVersion: 1, actorUserId: actor.userId, note: "v2" }, ZControllerActivity);
  await updateDocument(db, { id: doc.id, kind: "controller_activity", content: { ...content, purposeMain: "Trois" }, expectedVersion: 2, actorUserId: actor.userId, note: "v3" }, ZControllerActivity);
  return doc;
}

describe("version hash chains", () => {
  it("links each version to the previous one and verifies an untouched history, the seeded vendor profile included", async () => {
    const doc = await activityWithThreeVersions();
    const rows = await owner.query("SELECT version, prev_hash, hash FROM dpo_document_version WHERE document_id = $1 ORDER BY version", [doc.id]);
    expect(rows.rows[0].prev_hash).toBeNull();
    expect(rows.rows[1].prev_hash).toBe(rows.rows[0].hash);
    expect(rows.rows[2].prev_hash).toBe(rows.rows[1].hash);
    expect(rows.rows.every((r: { hash: string }) => /^[0-9a-f]{64}$/.test(r.hash))).toBe(true);
    expect(await verifyDocumentChain(db, doc.id)).toEqual({ checkedVersions: 3, breaks: [] });
    const vendor = await owner.query("SELECT id FROM dpo_document WHERE kind = 'vendor_profile'");
    expect(await verifyDocumentChain(db, vendor.rows[0].id)).toMatchObject({ breaks: [] });
  });

  it("reports a version whose content was changed in the table", async () => {
    const doc = await activityWithThreeVersions();
    await owner.query(`UPDATE dpo_document_version SET content = jsonb_set(content, '{purposeMain}', '"Falsifié"') WHERE document_id = $1 AND version = 2`, [doc.id]);
    expect((await verifyDocumentChain(db, doc.id)).breaks).toEqual([{ scope: "document", key: doc.id, label: doc.reference, kind: "controller_activity", version: 2, problem: "content_changed" }]);
    // The console's global check shows it too.
    expect((await verifyPlatformChains(db)).breaks).toContainEqual(expect.objectContaining({ key: doc.id, version: 2, problem: "content_changed" }));
  });

  it("reports a forgery that recomputed its own hash at the next version's link", async () => {
    const doc = await activityWithThreeVersions();
    await owner.query(
      `UPDATE dpo_document_version SET content = jsonb_set(content, '{purposeMain}', '"Falsifié"'),
         hash = dpo_version_hash(prev_hash, document_id::text, version, jsonb_set(content, '{purposeMain}', '"Falsifié"'), changes, actor_user_id, note, created_at)
       WHERE document_id = $1 AND version = 2`,
      [doc.id],
    );
    expect((await verifyDocumentChain(db, doc.id)).breaks).toEqual([expect.objectContaining({ version: 3, problem: "link_broken" })]);
  });

  it("reports a deleted version and a current document that differs from its last version", async () => {
    const gap = await activityWithThreeVersions();
    await owner.query("DELETE FROM dpo_document_version WHERE document_id = $1 AND version = 2", [gap.id]);
    expect((await verifyDocumentChain(db, gap.id)).breaks).toEqual([expect.objectContaining({ version: 3, problem: "version_missing" })]);
    const head = await activityWithThreeVersions();
    await owner.query(`UPDATE dpo_document SET content = jsonb_set(content, '{purposeMain}', '"Réécrit"') WHERE id = $1`, [head.id]);
    expect((await verifyDocumentChain(db, head.id)).breaks).toEqual([expect.objectContaining({ version: 3, problem: "current_differs" })]);
  });

  it("versions the sub-processor register by trigger and detects tampering there", async () => {
    const sub = await createPlannedSubprocessor(db, { name: `Chain ${randomBytes(3).toString("hex")}`, service: "e-mail", dataCategories: [], location: "FR", transferSafeguards: "", dpaSignedOn: null });
    await db.dpoSubprocessor.update({ where: { id: sub.id }, data: { status: "active" } });
    const versions = await db.dpoSubprocessorVersion.findMany({ where: { subprocessorId: sub.id }, orderBy: { version: "asc" } });
    expect(versions.map((v) => v.note)).toEqual(["created", "updated"]);
    expect(versions[1]!.changes).toEqual([{ field: "status", before: "planned", after: "active" }]);
    const mine = (breaks: { key: string }[]) => breaks.filter((x) => x.key === sub.id);
    expect(mine((await verifyPlatformChains(db)).breaks)).toEqual([]);
    await owner.query(`UPDATE dpo_subprocessor_version SET content = jsonb_set(content, '{location}', '"US"') WHERE subprocessor_id = $1 AND version = 1`, [sub.id]);
    expect(mine((await verifyPlatformChains(db)).breaks)).toEqual([expect.objectContaining({ scope: "subprocessor", label: sub.name, version: 1, problem: "content_changed" })]);
    // The application itself can neither rewrite nor delete a version.
    await expect(db.dpoSubprocessorVersion.deleteMany({ where: { subprocessorId: sub.id } })).rejects.toThrow(/permission denied/);
  });

  it("chains a tenant's processor-register entry and detects tampering in the tenant's rows", async () => {
    const asTenant = async (sql: string) => {
      await owner.query("BEGIN");
      await owner.query("SELECT set_config('app.tenant_id', $1, true)", [a.tenantId]);
      await owner.query(sql, [a.tenantId]);
      await owner.query("COMMIT");
    };
    // The two-tenant fixture's entry is a stub: start from a generated one.
    await asTenant("DELETE FROM dpo_processor_record WHERE tenant_id = $1");
    const current = await getProcessorRecord(db, actor, a.tenantId);
    await updateProcessorRecord(db, actor, { tenantId: a.tenantId, content: { ...current.content, controllerDpo: "Me Dupont" }, expectedVersion: current.version });
    expect((await verifyProcessorRecordChain(db, actor, a.tenantId)).breaks).toEqual([]);
    await asTenant("UPDATE dpo_processor_record_version SET note = 'réécrit' WHERE tenant_id = $1 AND version = 1");
    expect((await verifyProcessorRecordChain(db, actor, a.tenantId)).breaks).toEqual([
      expect.objectContaining({ scope: "processor_record", key: a.tenantId, label: "Tenant a", version: 1, problem: "content_changed" }),
    ]);
  });
});
