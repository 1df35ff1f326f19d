// The offboarding workflow on real PostgreSQL and Redis: request → export (keyset pages, zip with
// its receipt) → client confirmation (slug re-typed) → destruction (refused before the
// confirmation; a crash after the destruction converges on retry) → signed attestation.
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant, type Database, type PlatformActor } from "@rappel/db";
import { createRedisConnection } from "@rappel/jobs";
import type { MasterKey } from "@rappel/personal-data";
import type { Redis } from "ioredis";
import { attestationSigningKey, exportPublicKey } from "./attestation";
import { addSpectator, createTestTenant, openAppDatabase, openOwnerDatabase, testMaster } from "../testing/fixtures";
import { OffboardingError } from "./destroy-tenant";
import { OffboardingPermissionError, recordClientConfirmation, requestDestruction, requestOffboarding, retryOffboardingStep } from "./workflow";
import { offboardingExportPaths, runOffboardingDestruction, runOffboardingExport, verifyOffboardingAttestation, type OffboardingReceipt } from "./workflow-steps";

let db: Database;
let owner: Database;
let redis: Redis;
let dpo: PlatformActor;
const prefix = `offboarding-workflow-${process.pid}-${Date.now()}`;

beforeAll(async () => {
  db = openAppDatabase();
  owner = openOwnerDatabase();
  redis = createRedisConnection(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", { role: "producer", name: "offboarding-workflow-test" });
  const user = await db.user.create({ data: { email: `dpo-${randomBytes(4).toString("hex")}@example.test`, name: "DPO", passwordHash: "x", platformRole: "dpo" } });
  dpo = { userId: user.id, role: "dpo" };
});
afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  await Promise.all([db.$disconnect(), owner.$disconnect()]);
});

describe("offboarding workflow", () => {
  it("goes from the request to a verifiable attestation, refusing shortcuts and converging after a crash", async () => {
    const gone = await createTestTenant(db);
    const kept = await createTestTenant(db);
    for (const n of [1, 2, 3]) await addSpectator(db, gone, { email: `s${n}@example.test`, lastName: `Partant${n}` }, { orderedAt: new Date("2025-05-01T10:00:00Z") });
    await addSpectator(db, kept, { email: "reste@example.test", lastName: "Reste" });
    const storageDir = await mkdtemp(join(tmpdir(), "offboarding-workflow-"));
    const slug = (await db.tenant.findUniqueOrThrow({ where: { id: gone.tenantId } })).slug;

    // Only the platform's DPO or superadmin may act.
    await expect(requestOffboarding(db, { userId: null, role: "system" }, gone.tenantId, { contractReference: "CT-1" }, new Date())).rejects.toThrow(OffboardingPermissionError);
    const requested = await requestOffboarding(db, dpo, gone.tenantId, { contractReference: "CT-2026-042" }, new Date());
    expect(requested.status).toBe("requested");
    await expect(requestOffboarding(db, dpo, gone.tenantId, { contractReference: "CT-2" }, new Date())).rejects.toThrow(/already requested/);

    // No destruction before the client's confirmation: neither launched nor run.
    await expect(requestDestruction(db, dpo, gone.tenantId, new Date())).rejects.toThrow(/confirmation/);
    const destroyOptions = { ownerDb: owner, redis, queuePrefix: prefix, storageDir, backupRetentionDays: 35, signingMaster: testMaster };
    await expect(runOffboardingDestruction(db, gone.tenantId, requested.id, { ...destroyOptions, now: () => new Date() })).rejects.toThrow(OffboardingError);
    expect(await withTenant(db, gone.tenantId, (tx) => tx.spectator.count())).toBe(3);

    // Export in pages of one row (keyset): same bytes as one big page, zipped with the receipt.
    expect(await runOffboardingExport(db, gone.tenantId, requested.id, { master: testMaster, storageDir, now: () => new Date(), pageSize: 1 })).toEqual({ status: "exported", skipped: false });
    const exported = (await withTenant(db, gone.tenantId, (tx) => tx.tenantOffboarding.findUniqueOrThrow({ where: { tenantId: gone.tenantId } })));
    const receipt = exported.exportReceipt as unknown as OffboardingReceipt;
    const archivePath = offboardingExportPaths(storageDir, gone.tenantId).archive;
    const archive = await readFile(archivePath);
    expect(createHash("sha256").update(archive).digest("hex")).toBe(receipt.archiveSha256);
    const zip = await JSZip.loadAsync(archive);
    const spectators = await zip.file("spectator.jsonl")!.async("string");
    expect(spectators.trim().split("\n")).toHaveLength(3);
    expect(spectators).toContain("Partant2");
    expect(createHash("sha256").update(spectators).digest("hex")).toBe(receipt.files.find((f) => f.name === "spectator.jsonl")!.sha256);
    expect(createHash("sha256").update(await zip.file("manifest.json")!.async("string")).digest("hex")).toBe(receipt.manifestSha256);
    expect(JSON.parse(await zip.file("receipt.json")!.async("string")).manifestSha256).toBe(receipt.manifestSha256);
    expect(Object.keys(zip.files)).not.toContain("tenant_offboarding.jsonl");
    // A second delivery of the job is a no-op.
    expect(await runOffboardingExport(db, gone.tenantId, requested.id, { master: testMaster, storageDir, now: () => new Date() })).toEqual({ status: "exported", skipped: true });

    // The client's confirmation: the slug must be re-typed exactly.
    const confirmation = { slug: "wrong", clientReference: "Courrier du 20/11", clientConfirmedOn: "2026-11-20", note: "Reçu" };
    await expect(recordClientConfirmation(db, dpo, gone.tenantId, confirmation, new Date())).rejects.toThrow(/slug_mismatch/);
    const confirmed = await recordClientConfirmation(db, dpo, gone.tenantId, { ...confirmation, slug }, new Date());
    expect(confirmed).toMatchObject({ status: "client_confirmed", confirmedById: dpo.userId, clientConfirmationReference: "Courrier du 20/11" });
    await requestDestruction(db, dpo, gone.tenantId, new Date());

    // A crash after the data is gone but before the attestation is stored…
    let calls = 0;
    const crashing = () => {
      calls += 1;
      if (calls === 3) throw new Error("worker killed");
      return new Date();
    };
    await expect(runOffboardingDestruction(db, gone.tenantId, requested.id, { ...destroyOptions, now: crashing })).rejects.toThrow("worker killed");
    const failed = await withTenant(db, gone.tenantId, (tx) => tx.tenantOffboarding.findUniqueOrThrow({ where: { tenantId: gone.tenantId } }));
    expect(failed).toMatchObject({ status: "failed", failedStep: "destroy" });
    expect(await withTenant(db, gone.tenantId, (tx) => tx.spectator.count())).toBe(0);
    // …converges when retried: the attestation reports what the tenant held before the first attempt.
    await retryOffboardingStep(db, dpo, gone.tenantId, new Date());
    expect(await runOffboardingDestruction(db, gone.tenantId, requested.id, { ...destroyOptions, now: () => new Date() })).toEqual({ status: "destroyed", skipped: false });
    expect(await runOffboardingDestruction(db, gone.tenantId, requested.id, { ...destroyOptions, now: () => new Date() })).toEqual({ status: "destroyed", skipped: true });

    const done = await withTenant(db, gone.tenantId, (tx) => tx.tenantOffboarding.findUniqueOrThrow({ where: { tenantId: gone.tenantId } }));
    expect(done.status).toBe("destroyed");
    expect(done.destroyedKeyIds).toHaveLength(1);
    expect(done.auditHeadHash).toMatch(/^[0-9a-f]{64}$/);
    expect(done.exportArchive).toBeNull();
    await expect(stat(archivePath)).rejects.toThrow();
    expect((await db.tenant.findUniqueOrThrow({ where: { id: gone.tenantId } })).status).toBe("closed");
    const actions = (done.events as { action: string }[]).map((e) => e.action);
    expect(actions).toEqual(["requested", "export_started", "exported", "client_confirmed", "destruction_requested", "destruction_started", "failed", "retried", "destruction_resumed", "destroyed"]);

    // The attestation verifies with the keyring (signed under mk1, read after a rotation to mk2).
    const ring: MasterKey[] = [{ id: "mk2", key: randomBytes(32) }, testMaster];
    const verified = await verifyOffboardingAttestation(done, ring);
    expect(verified).toMatchObject({ valid: true, keyId: "mk1" });
    expect(verified.facts).toMatchObject({ contractReference: "CT-2026-042", rowsBefore: { spectator: 3 }, exportReceipt: { manifestSha256: receipt.manifestSha256 } });
    // The processor is named from the DPO's vendor profile (seeded by the migrations).
    expect(verified.facts?.processor?.identity).toMatch(/^Rappel SAS, /);
    // Once mk1 is retired, the public key stored at signing still verifies it; a changed PDF does not.
    expect(await verifyOffboardingAttestation(done, [ring[0]!])).toMatchObject({ valid: true, keyId: "mk1", fingerprint: verified.fingerprint });
    const otherKey = exportPublicKey(attestationSigningKey(randomBytes(32)).publicKey);
    const swapped = { ...done, destructionFacts: { ...(done.destructionFacts as object), signingPublicKey: otherKey } };
    expect((await verifyOffboardingAttestation(swapped, [ring[0]!])).valid).toBe(false);

    // The other tenant is untouched.
    expect(await withTenant(db, kept.tenantId, (tx) => tx.spectator.count())).toBe(1);
  });

  it("refuses the client's confirmation before the export is done, and a tenant of another actor kind", async () => {
    const tenant = await createTestTenant(db);
    const slug = (await db.tenant.findUniqueOrThrow({ where: { id: tenant.tenantId } })).slug;
    await requestOffboarding(db, dpo, tenant.tenantId, { contractReference: "CT-3" }, new Date());
    await expect(recordClientConfirmation(db, dpo, tenant.tenantId, { slug, clientReference: "x", clientConfirmedOn: "2026-11-20" }, new Date())).rejects.toThrow(/finished export/);
    await expect(recordClientConfirmation(db, { userId: dpo.userId, role: "system" }, tenant.tenantId, { slug, clientReference: "x", clientConfirmedOn: "2026-11-20" }, new Date())).rejects.toThrow(OffboardingPermissionError);
  });
});
