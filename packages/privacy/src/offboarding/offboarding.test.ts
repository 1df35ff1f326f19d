import { mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant, type Database } from "@rappel/db";
import { createJobProducer, createRedisConnection, enqueueImportFile, type JobProducer } from "@rappel/jobs";
import type { Redis } from "ioredis";
import { addSpectator, createTestTenant, openAppDatabase, openOwnerDatabase, testMaster } from "../testing/fixtures";
import { attestationSigningKey, buildAttestationPdf, verifyAttestation } from "./attestation";
import { destroyTenant } from "./destroy-tenant";
import { exportTenantData } from "./export-tenant";

let db: Database;
let owner: Database;
let redis: Redis;
let producer: JobProducer;
const prefix = `offboarding-test-${process.pid}-${Date.now()}`;

beforeAll(() => {
  db = openAppDatabase();
  owner = openOwnerDatabase();
  redis = createRedisConnection(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", { role: "producer", name: "offboarding-test" });
  producer = createJobProducer(redis, { prefix });
});
afterAll(async () => {
  await producer.close();
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  await Promise.all([db.$disconnect(), owner.$disconnect()]);
});

describe("tenant offboarding", () => {
  it("exports with a checksummed receipt, destroys every copy, and signs a verifiable attestation", async () => {
    const gone = await createTestTenant(db);
    const kept = await createTestTenant(db);
    const marker = `CANARI-${Date.now()}`;
    await addSpectator(db, gone, { email: `${marker.toLowerCase()}@example.test`, lastName: marker }, { orderedAt: new Date("2025-05-01T10:00:00Z") });
    await addSpectator(db, kept, { email: "reste@example.test", lastName: "Reste" }, { orderedAt: new Date("2025-05-01T10:00:00Z") });
    const importId = "6f1c1d2e-3b4a-4c5d-8e9f-0a1b2c3d4e5f";
    await enqueueImportFile(producer, { tenantId: gone.tenantId, importId }, { delayMs: 3_600_000 });
    await enqueueImportFile(producer, { tenantId: kept.tenantId, importId }, { delayMs: 3_600_000, run: 2 });
    const storageDir = await mkdtemp(join(tmpdir(), "offboarding-"));
    await mkdir(join(storageDir, "tenants", gone.tenantId, "imports"), { recursive: true });
    await writeFile(join(storageDir, "tenants", gone.tenantId, "imports", "source"), marker);

    // 1. Export, with a receipt whose checksums match the files.
    const outDir = join(storageDir, "export");
    const receipt = await exportTenantData(db, gone.tenantId, { master: testMaster, outDir, now: new Date() });
    const spectators = receipt.files.find((f) => f.name === "spectator.jsonl")!;
    expect(spectators.rows).toBe(1);
    const body = await readFile(join(outDir, "spectator.jsonl"), "utf8");
    expect(body).toContain(marker);
    expect(createHash("sha256").update(body).digest("hex")).toBe(spectators.sha256);
    expect(createHash("sha256").update(await readFile(join(outDir, "manifest.json"))).digest("hex")).toBe(receipt.manifestSha256);
    expect(await readdir(outDir)).toContain("ticket.jsonl");

    // 2. Destruction, verified.
    const facts = await destroyTenant(db, gone.tenantId, {
      ownerDb: owner, redis, queuePrefix: prefix, storageDir, now: () => new Date(), backupRetentionDays: 35,
    });
    expect(facts.verification.every((v) => v.result === 0)).toBe(true);
    expect(facts.partitionsDropped).toBeGreaterThan(0);
    expect(facts.jobsRemoved).toBe(1);
    expect(facts.destroyedKeyIds).toHaveLength(1);
    expect(facts.auditHeadHash).toMatch(/^[0-9a-f]{64}$/);
    expect(facts.rowsBefore).toMatchObject({ spectator: 1, ticket: 1 });
    expect((await db.tenant.findUniqueOrThrow({ where: { id: gone.tenantId } })).status).toBe("closed");
    // The other tenant is untouched, its job still queued.
    expect(await withTenant(db, kept.tenantId, (tx) => tx.spectator.count({ where: { tenantId: kept.tenantId } }))).toBe(1);
    expect(await producer.queue("imports").getDelayedCount()).toBe(1);

    // 3. A signed attestation that verifies, and stops verifying when a fact changes.
    const keys = attestationSigningKey(testMaster.key);
    const pdf = await buildAttestationPdf({ ...facts, contractReference: "CT-2024-017", exportReceipt: receipt }, keys.privateKey);
    expect(Buffer.from(pdf).subarray(0, 5).toString()).toBe("%PDF-");
    const verified = await verifyAttestation(pdf, keys.publicKey);
    expect(verified.valid).toBe(true);
    expect(verified.facts?.destroyedKeyIds).toEqual(facts.destroyedKeyIds);
    const forged = await buildAttestationPdf({ ...facts, contractReference: "CT-2024-017", exportReceipt: receipt }, attestationSigningKey(Buffer.alloc(32, 9)).privateKey);
    expect((await verifyAttestation(forged, keys.publicKey)).valid).toBe(false);
  });
});
