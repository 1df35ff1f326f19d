// Canary tests: a unique marker in every personal-data field of one person (erasure) or one
// tenant (offboarding); after the operation a plain pg_dump of the whole database, the Redis
// keys, the captured logs and the export folder must not contain it — neither in clear nor as
// its blind index, except the keyed hash left in the suppression list — while a control
// person's (tenant's) marker is still there.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant, type Database } from "@rappel/db";
import { createJobProducer, createRedisConnection, enqueueImportFile, type JobProducer } from "@rappel/jobs";
import { loadIdentityCodec } from "@rappel/personal-data";
import type { Redis } from "ioredis";
import { eraseRequestSubject } from "./requests/actions";
import { createRequest } from "./requests/intake";
import { destroyTenant } from "./offboarding/destroy-tenant";
import { exportTenantData } from "./offboarding/export-tenant";
import { addSpectator, createTestTenant, openAppDatabase, openOwnerDatabase, testMaster, type TestTenant } from "./testing/fixtures";

let db: Database;
let owner: Database;
let redis: Redis;
let producer: JobProducer;
const prefix = `canary-${process.pid}-${Date.now()}`;
const logs: string[] = [];

beforeAll(() => {
  db = openAppDatabase();
  owner = openOwnerDatabase();
  redis = createRedisConnection(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", { role: "producer", name: "canary-test" });
  producer = createJobProducer(redis, { prefix });
});
afterAll(async () => {
  await producer.close();
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  await Promise.all([db.$disconnect(), owner.$disconnect()]);
});

function pgDump(): string {
  return execFileSync("pg_dump", ["--data-only", "--no-owner", process.env.MIGRATION_DATABASE_URL!], { maxBuffer: 512 * 1024 * 1024 }).toString("utf8");
}

async function redisDump(): Promise<string> {
  const parts: string[] = [];
  for (const key of await redis.keys(`${prefix}:*`)) {
    const type = await redis.type(key);
    if (type === "hash") parts.push(key, JSON.stringify(await redis.hgetall(key)));
    else if (type === "string") parts.push(key, (await redis.get(key)) ?? "");
    else if (type === "list") parts.push(key, ...(await redis.lrange(key, 0, -1)));
    else if (type === "zset") parts.push(key, ...(await redis.zrange(key, 0, -1)));
    else parts.push(key);
  }
  return parts.join("\n");
}

async function folderText(dir: string): Promise<string> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const entry of await readdir(d, { withFileTypes: true }).catch(() => [])) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) await walk(path);
      else out.push(await readFile(path, "utf8"));
    }
  };
  await walk(dir);
  return out.join("\n");
}

async function seedPerson(t: TestTenant, marker: string) {
  const email = `${marker.toLowerCase()}@example.test`;
  const person = await addSpectator(
    db,
    t,
    { email, phone: "0611223344", firstName: marker, lastName: marker, streetAddress: `1 rue ${marker}`, postalCode: "69001" },
    { orderedAt: new Date("2025-05-01T10:00:00Z") },
  );
  const bidx = await withTenant(db, t.tenantId, async (tx) => Buffer.from((await loadIdentityCodec(tx, t.tenantId, testMaster)).emailIndex(email)!).toString("hex"));
  logs.push(JSON.stringify({ level: "info", msg: "spectator imported", spectatorId: person.spectatorId }));
  return { ...person, email, bidx };
}

describe("canaries", () => {
  it("erasure leaves the marker nowhere but the suppression hash; the control person is intact", async () => {
    const t = await createTestTenant(db);
    const marker = `CANARIERASE${randomBytes(4).toString("hex").toUpperCase()}`;
    const control = `CANARICTRL${randomBytes(4).toString("hex").toUpperCase()}`;
    const target = await seedPerson(t, marker);
    const kept = await seedPerson(t, control);
    const actor = { kind: "platform", userId: (await db.user.create({ data: { email: `dpo-${marker}@x.test`.toLowerCase(), name: "DPO", passwordHash: "x", platformRole: "dpo" } })).id, role: "dpo" } as const;
    const { request } = await createRequest(db, actor, t.tenantId, { kind: "erasure", email: target.email, details: `Effacez ${marker}` }, { now: new Date(), master: testMaster });

    const before = pgDump();
    expect(before).toContain(target.bidx); // the blind index is findable before…
    expect(before).not.toContain(marker); // …and no clear copy ever existed

    await eraseRequestSubject(db, actor, t.tenantId, request.id, new Date(), producer);
    const after = pgDump();
    expect(after).not.toContain(marker);
    // The person's blind index survives only as the keyed hash of the suppression list.
    const lines = after.split("\n").filter((l) => l.includes(target.bidx));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("erasure");
    expect(after).toContain(kept.bidx);
    expect(after).toContain(kept.spectatorId);
    expect(after).not.toContain(target.spectatorId);
    const redisText = await redisDump();
    expect(redisText).not.toContain(marker);
    expect(logs.join("\n")).not.toContain(marker);
  });

  it("offboarding leaves the tenant's marker nowhere; the control tenant is intact", async () => {
    const gone = await createTestTenant(db);
    const kept = await createTestTenant(db);
    const marker = `CANARIOFF${randomBytes(4).toString("hex").toUpperCase()}`;
    const control = `CANARIKEEP${randomBytes(4).toString("hex").toUpperCase()}`;
    const a = await seedPerson(gone, marker);
    const b = await seedPerson(kept, control);
    await enqueueImportFile(producer, { tenantId: gone.tenantId, importId: a.spectatorId }, { delayMs: 3_600_000 });
    await enqueueImportFile(producer, { tenantId: kept.tenantId, importId: b.spectatorId }, { delayMs: 3_600_000 });
    const storageDir = await mkdtemp(join(tmpdir(), "canary-"));
    const exportDir = join(storageDir, "tenants", gone.tenantId, "offboarding-export");
    await mkdir(exportDir, { recursive: true });
    await exportTenantData(db, gone.tenantId, { master: testMaster, outDir: exportDir, now: new Date() });
    expect(await folderText(storageDir)).toContain(marker); // the returned data is readable

    await destroyTenant(db, gone.tenantId, { ownerDb: owner, redis, queuePrefix: prefix, storageDir, now: () => new Date(), backupRetentionDays: 35 });
    const dump = pgDump();
    expect(dump).not.toContain(marker);
    expect(dump).not.toContain(a.bidx);
    expect(dump).not.toContain(a.spectatorId);
    expect(dump).toContain(b.bidx);
    const redisText = await redisDump();
    expect(redisText).not.toContain(gone.tenantId);
    expect(redisText).toContain(kept.tenantId);
    expect(await folderText(storageDir)).not.toContain(marker);
  });
});
