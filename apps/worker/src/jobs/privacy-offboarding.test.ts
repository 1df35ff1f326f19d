// The offboarding jobs against real PostgreSQL and Redis: the destruction job refuses to run
// before the client's confirmation; export then destruction (delivered twice) converge; the
// rotation job re-wraps a tenant's key under the configured one.
import { randomBytes } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant, type Database } from "@rappel/db";
import { openTotpSecret, sealTotpSecret } from "@rappel/auth";
import { recordClientConfirmation, requestDestruction, requestOffboarding } from "@rappel/privacy";
import { addSpectator, createTestTenant, testMaster } from "@rappel/privacy/testing";
import type { JobContext } from "../job-handler";
import { captureLogger, openAppDatabase, ownerDatabaseUrl } from "../testing/fixtures";
import { runOffboardingDestroyJob, runOffboardingExportJob, type OffboardingConfig } from "./privacy-offboarding";
import { runMasterKeyRotation } from "./privacy-rotate-master-key";

let db: Database;
let config: OffboardingConfig;
let dpoId: string;

function context(): JobContext {
  return { db, clock: { now: () => new Date() }, logger: captureLogger().logger, signal: new AbortController().signal };
}

beforeAll(async () => {
  db = openAppDatabase();
  config = {
    MASTER_KEY: testMaster.key.toString("base64"), MASTER_KEY_ID: testMaster.id, MASTER_KEY_PREVIOUS: undefined, MASTER_KEY_PREVIOUS_ID: undefined,
    STORAGE_DIR: await mkdtemp(join(tmpdir(), "offboarding-job-")),
    REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
    QUEUE_PREFIX: `offboarding-job-${process.pid}`,
    MIGRATION_DATABASE_URL: ownerDatabaseUrl(),
  };
  dpoId = (await db.user.create({ data: { email: `dpo-${randomBytes(4).toString("hex")}@example.test`, name: "DPO", passwordHash: "x", platformRole: "dpo" } })).id;
});
afterAll(async () => db.$disconnect());

describe("privacy-offboarding jobs", () => {
  it("refuse the destruction before the client's confirmation, then export and destroy, idempotently", async () => {
    const tenant = await createTestTenant(db);
    await addSpectator(db, tenant, { email: "job@example.test", lastName: "Job" });
    const dpo = { userId: dpoId, role: "dpo" as const };
    const record = await requestOffboarding(db, dpo, tenant.tenantId, { contractReference: "CT-JOB" }, new Date());
    const payload = { tenantId: tenant.tenantId, offboardingId: record.id };

    await expect(runOffboardingDestroyJob(payload, context(), config)).rejects.toThrow(/confirmation/);
    expect(await withTenant(db, tenant.tenantId, (tx) => tx.spectator.count())).toBe(1);

    expect(await runOffboardingExportJob(payload, context(), config)).toEqual({ status: "exported", skipped: false });
    await expect(runOffboardingDestroyJob(payload, context(), config)).rejects.toThrow(/confirmation/);
    const slug = (await db.tenant.findUniqueOrThrow({ where: { id: tenant.tenantId } })).slug;
    await recordClientConfirmation(db, dpo, tenant.tenantId, { slug, clientReference: "LRAR 1A", clientConfirmedOn: "2026-11-21" }, new Date());
    await requestDestruction(db, dpo, tenant.tenantId, new Date());

    expect(await runOffboardingDestroyJob(payload, context(), config)).toEqual({ status: "destroyed", skipped: false });
    expect(await runOffboardingDestroyJob(payload, context(), config)).toEqual({ status: "destroyed", skipped: true });
    const done = await withTenant(db, tenant.tenantId, (tx) => tx.tenantOffboarding.findUniqueOrThrow({ where: { tenantId: tenant.tenantId } }));
    expect(done.status).toBe("destroyed");
    expect(Buffer.from(done.attestationPdf!).subarray(0, 5).toString()).toBe("%PDF-");
    expect(await withTenant(db, tenant.tenantId, (tx) => tx.spectator.count())).toBe(0);
  });

  it("privacy-rotate-master-key re-wraps under the configured key and reports keys it cannot open", async () => {
    const tenant = await createTestTenant(db);
    // A platform user's TOTP secret is sealed by the master key itself: it must follow the rotation.
    const totpUser = await db.user.create({ data: { email: `totp-${randomBytes(4).toString("hex")}@example.test`, name: "DPO 2", passwordHash: "x", platformRole: "dpo" } });
    await db.user.update({ where: { id: totpUser.id }, data: { totpSecretEnc: sealTotpSecret(testMaster, totpUser.id, "JBSWY3DPEHPK3PXP") } });
    const rotation = { MASTER_KEY: randomBytes(32).toString("base64"), MASTER_KEY_ID: "mk-job", MASTER_KEY_PREVIOUS: config.MASTER_KEY, MASTER_KEY_PREVIOUS_ID: testMaster.id };
    const scope = { tenantIds: [tenant.tenantId], userIds: [totpUser.id] };
    const summary = await runMasterKeyRotation({}, context(), rotation, scope);
    expect(summary).toMatchObject({ tenantsRewrapped: 1, keysRewrapped: 1, totpSecretsResealed: 1 });
    const resealed = (await db.user.findUniqueOrThrow({ where: { id: totpUser.id } })).totpSecretEnc!;
    // Opens with the new key alone: the previous key can be retired.
    expect(openTotpSecret({ id: "mk-job", key: Buffer.from(rotation.MASTER_KEY, "base64") }, totpUser.id, resealed)).toBe("JBSWY3DPEHPK3PXP");
    expect(await runMasterKeyRotation({}, context(), rotation, scope)).toMatchObject({ keysRewrapped: 0, totpSecretsResealed: 0 });
    const keys = await withTenant(db, tenant.tenantId, (tx) => tx.tenantDataKey.findMany({ where: { tenantId: tenant.tenantId } }));
    expect(keys.map((k) => k.masterKeyId)).toEqual(["mk-job"]);
    // A process holding neither mk-job nor its predecessor cannot re-wrap: it fails loudly.
    const stranger = { MASTER_KEY: randomBytes(32).toString("base64"), MASTER_KEY_ID: "mk-other", MASTER_KEY_PREVIOUS: undefined, MASTER_KEY_PREVIOUS_ID: undefined };
    await expect(runMasterKeyRotation({}, context(), stranger, { tenantIds: [tenant.tenantId], userIds: [] })).rejects.toThrow(/unknown master key ids: mk-job/);
    await expect(runMasterKeyRotation({}, context(), stranger, { tenantIds: [], userIds: [totpUser.id] })).rejects.toThrow(/1 TOTP secret\(s\) sealed by an unknown master key/);
  });
});
