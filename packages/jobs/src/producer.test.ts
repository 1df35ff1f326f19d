import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Redis } from "ioredis";
import {
  JobPayloadError,
  createJobProducer,
  createRedisConnection,
  enqueueJob,
  enqueueVerifyAuditChains,
  enqueueImportFile,
  type JobProducer,
  type TVerifyAuditChainsPayload,
} from "./index";
import { removeQueuePrefix, testRedisUrl, uniqueQueuePrefix } from "./testing";

const TENANT = "7d1a2c4e-0f3b-4a5c-9d8e-1f2a3b4c5d6e";
let connection: Redis;
let producer: JobProducer;
const prefix = uniqueQueuePrefix("producer");

beforeAll(() => {
  connection = createRedisConnection(testRedisUrl(), { role: "producer" });
  producer = createJobProducer(connection, { prefix });
});

afterAll(async () => {
  await producer.close();
  await removeQueuePrefix(connection, prefix);
  await connection.quit();
});

describe("typed enqueue", () => {
  it("puts the job on its kind's queue, under the configured prefix", async () => {
    const job = await enqueueVerifyAuditChains(producer, { tenantId: TENANT });
    expect(job).toMatchObject({ queue: "maintenance", kind: "verify-audit-chains" });

    const stored = await producer.queue("maintenance").getJob(job.id);
    expect(stored?.name).toBe("verify-audit-chains");
    expect(stored?.data).toEqual({ tenantId: TENANT });
    expect(await connection.exists(`${prefix}:maintenance:${job.id}`)).toBe(1);
    // Nothing leaked onto another queue.
    expect(await producer.queue("email-send").count()).toBe(0);
  });

  it("validates before anything reaches Redis", async () => {
    const before = await producer.queue("maintenance").count();
    const bad = { tenantId: TENANT, phone: "+33600000000" } as TVerifyAuditChainsPayload;
    await expect(enqueueVerifyAuditChains(producer, bad)).rejects.toThrow(JobPayloadError);
    await expect(enqueueVerifyAuditChains(producer, bad)).rejects.toThrow(/"phone"/);
    expect(await producer.queue("maintenance").count()).toBe(before);
  });

  it("de-duplicates on a caller-chosen job id and refuses ids BullMQ cannot store", async () => {
    const first = await enqueueJob(
      producer,
      "verify-audit-chains",
      {},
      { jobId: "daily-2026-11-22" },
    );
    const again = await enqueueJob(
      producer,
      "verify-audit-chains",
      {},
      { jobId: "daily-2026-11-22" },
    );
    expect(again.id).toBe(first.id);
    await expect(enqueueJob(producer, "verify-audit-chains", {}, { jobId: "a:b" })).rejects.toThrow(
      /options\.jobId/,
    );
    await expect(enqueueJob(producer, "verify-audit-chains", {}, { jobId: "123" })).rejects.toThrow(
      /bare integer/,
    );
  });

  it("queues an import once per import id, on the imports queue, with ids only", async () => {
    const importId = "0b6f3c1e-9a2d-4e5f-8a7b-6c5d4e3f2a1b";
    const first = await enqueueImportFile(producer, { tenantId: TENANT, importId });
    const again = await enqueueImportFile(producer, { tenantId: TENANT, importId });
    expect(first).toMatchObject({ queue: "imports", kind: "import-file", id: `import-${importId}` });
    expect(again.id).toBe(first.id);
    expect(await producer.queue("imports").count()).toBe(1);
    // A staff retry is a new run with its own id.
    const retry = await enqueueImportFile(producer, { tenantId: TENANT, importId }, { run: 2 });
    expect(retry.id).toBe(`import-${importId}-run2`);
    expect(await producer.queue("imports").count()).toBe(2);
    const stored = await producer.queue("imports").getJob(first.id);
    expect(stored?.data).toEqual({ tenantId: TENANT, importId });
    await expect(
      enqueueImportFile(producer, { tenantId: TENANT, importId, fileName: "x.csv" } as never),
    ).rejects.toThrow(/"fileName"/);
    await expect(enqueueImportFile(producer, { tenantId: TENANT, importId: "42" })).rejects.toThrow(
      /importId: must be a UUID/,
    );
  });
});
