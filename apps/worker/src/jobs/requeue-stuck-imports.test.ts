import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant, type Database } from "@rappel/db";
import { retryImport } from "@rappel/ignition-import";
import { createTestTenant, fixtureStream, queueImport } from "@rappel/ignition-import/testing";
import { createJobProducer, createRedisConnection, enqueueImportFile, type JobProducer } from "@rappel/jobs";
import { removeQueuePrefix, testRedisUrl, uniqueQueuePrefix } from "@rappel/jobs/testing";
import { Worker } from "bullmq";
import type { Redis } from "ioredis";
import { captureLogger, openAppDatabase, waitFor } from "../testing/fixtures";
import { MissingProducerError, requeueStuckImports } from "./requeue-stuck-imports";

const storageDir = mkdtempSync(join(tmpdir(), "rappel-worker-requeue-"));
const prefix = uniqueQueuePrefix("requeue");
let db: Database;
let connection: Redis;
let producer: JobProducer;

beforeAll(() => {
  db = openAppDatabase();
  connection = createRedisConnection(testRedisUrl(), { role: "worker" });
  producer = createJobProducer(connection, { prefix });
});
afterAll(async () => {
  await producer.close();
  await removeQueuePrefix(connection, prefix);
  await connection.quit();
  await db.$disconnect();
});

const context = (withProducer = true) => {
  const { logger, lines } = captureLogger();
  return { lines, context: { db, clock: { now: () => new Date() }, logger, signal: new AbortController().signal, ...(withProducer ? { producer } : {}) } };
};
const queue = () => producer.queue("imports");
const file = () => fixtureStream("billetterie-quirks-windows-1252.csv");

describe("requeue-stuck-imports job (real Redis)", () => {
  it("re-enqueues queued imports that have no live job, once, with the web app's job id", async () => {
    const tenantId = await createTestTenant(db);
    // Queued while Redis was down: in PostgreSQL only.
    const lost = await queueImport(db, { tenantId, storageDir, source: file() });
    // Queued normally: its job waits in the queue.
    const waiting = await queueImport(db, { tenantId, storageDir, source: file() });
    await enqueueImportFile(producer, { tenantId, importId: waiting });
    // A staff retry whose enqueue was lost: the retry's own run id.
    const retried = await queueImport(db, { tenantId, storageDir, source: file() });
    const finishedAt = new Date("2026-11-20T10:00:00Z");
    await withTenant(db, tenantId, (tx) => tx.importJob.update({ where: { tenantId_id: { tenantId, id: retried } }, data: { status: "failed", finishedAt } }));
    const { run } = await withTenant(db, tenantId, (tx) => retryImport(tx, tenantId, retried));

    const { context: ctx, lines } = context();
    const first = await requeueStuckImports(ctx);
    const mine = first.requeued.filter((r) => r.tenantId === tenantId);
    expect(mine).toEqual([
      { tenantId, importId: lost, jobId: `import-${lost}` },
      { tenantId, importId: retried, jobId: `import-${retried}-run${run}` },
    ]);
    expect(run).toBe(finishedAt.getTime());
    expect(await (await queue().getJob(`import-${lost}`))?.getState()).toBe("waiting");
    expect((await queue().getJob(`import-${retried}-run${run}`))?.data).toEqual({ tenantId, importId: retried });
    expect(lines).toContainEqual(expect.objectContaining({ level: "warn", msg: "stuck import re-enqueued", importId: lost }));

    // Every import of the tenant now has a live job: a second sweep changes nothing.
    const second = await requeueStuckImports(context().context);
    expect(second.requeued.filter((r) => r.tenantId === tenantId)).toEqual([]);
    expect(await queue().getWaitingCount()).toBeGreaterThanOrEqual(3);
  });

  it("replaces a job that failed while its import still says queued", async () => {
    const tenantId = await createTestTenant(db);
    const importId = await queueImport(db, { tenantId, storageDir, source: file() });
    const jobId = `import-${importId}`;
    // The job ran out of attempts before the import was even marked running (database down).
    const workerConnection = createRedisConnection(testRedisUrl(), { role: "worker" });
    const failing = new Worker("imports", async () => {
      throw new Error("database unavailable");
    }, { connection: workerConnection, prefix });
    await queue().add("import-file", { tenantId, importId }, { jobId, attempts: 1 });
    await waitFor(async () => ((await (await queue().getJob(jobId))?.getState()) === "failed" ? true : undefined), "the job to fail");
    await failing.close();
    await workerConnection.quit();

    const result = await requeueStuckImports(context().context);
    expect(result.requeued.filter((r) => r.tenantId === tenantId)).toEqual([{ tenantId, importId, jobId }]);
    expect(await (await queue().getJob(jobId))!.getState()).toBe("waiting");
  });

  it("says what is missing when run without the worker's producer", async () => {
    await expect(requeueStuckImports(context(false).context)).rejects.toThrow(MissingProducerError);
  });
});
