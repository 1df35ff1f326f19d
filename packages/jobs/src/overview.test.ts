import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Worker } from "bullmq";
import type { Redis } from "ioredis";
import {
  QUEUE_NAMES,
  createJobProducer,
  createRedisConnection,
  enqueueVerifyAuditChains,
  getQueueOverview,
  type JobProducer,
} from "./index";
import { removeQueuePrefix, testRedisUrl, uniqueQueuePrefix } from "./testing";

let connection: Redis;
let workerConnection: Redis;
let producer: JobProducer;
const prefix = uniqueQueuePrefix("overview");

beforeAll(() => {
  connection = createRedisConnection(testRedisUrl(), { role: "producer" });
  workerConnection = createRedisConnection(testRedisUrl(), { role: "worker" });
  producer = createJobProducer(connection, { prefix });
});

afterAll(async () => {
  await producer.close();
  await removeQueuePrefix(connection, prefix);
  await Promise.all([connection.quit(), workerConnection.quit()]);
});

describe("getQueueOverview", () => {
  it("lists every known queue, empty at first", async () => {
    const overview = await getQueueOverview(connection, { prefix });
    expect(overview.map((q) => q.name)).toEqual([...QUEUE_NAMES]);
    for (const queue of overview) {
      expect(queue.counts).toEqual({
        waiting: 0,
        active: 0,
        delayed: 0,
        failed: 0,
        completed: 0,
        paused: 0,
      });
      expect(queue.isPaused).toBe(false);
      expect(queue.recentFailures).toEqual([]);
    }
  });

  it("reports real counts, pause state and the latest failures", async () => {
    const queue = producer.queue("maintenance");
    // The oldest job allows a single attempt, so failing it once puts it in "failed".
    const doomed = await queue.add("verify-audit-chains", {}, { attempts: 1 });
    const running = await enqueueVerifyAuditChains(producer, {});
    await enqueueVerifyAuditChains(producer, {});
    await enqueueVerifyAuditChains(producer, {}, { delayMs: 60_000 });

    // A manual consumer (no processor) moves jobs step by step, so the states are exact.
    const worker = new Worker("maintenance", null, { connection: workerConnection, prefix });
    try {
      const token = "overview-test";
      const first = await worker.getNextJob(token);
      expect(first?.id).toBe(doomed.id);
      await first?.moveToFailed(new Error("chain store unreachable"), token, false);
      const second = await worker.getNextJob(token);
      expect(second?.id).toBe(running.id);

      let maintenance = (await getQueueOverview(connection, { prefix })).find(
        (q) => q.name === "maintenance",
      );
      expect(maintenance?.counts).toEqual({
        waiting: 1,
        active: 1,
        delayed: 1,
        failed: 1,
        completed: 0,
        paused: 0,
      });
      expect(maintenance?.recentFailures).toEqual([
        {
          id: doomed.id,
          name: "verify-audit-chains",
          failedReason: "chain store unreachable",
          finishedOn: expect.any(Date),
          attemptsMade: 1,
        },
      ]);

      await second?.moveToCompleted({ ok: true }, token, false);
      await queue.pause();
      maintenance = (await getQueueOverview(connection, { prefix })).find(
        (q) => q.name === "maintenance",
      );
      expect(maintenance?.isPaused).toBe(true);
      expect(maintenance?.counts).toEqual({
        waiting: 0,
        active: 0,
        delayed: 1,
        failed: 1,
        completed: 1,
        paused: 1,
      });
      // Other queues are untouched.
      const others = (await getQueueOverview(connection, { prefix })).filter(
        (q) => q.name !== "maintenance",
      );
      expect(others.every((q) => q.counts.waiting === 0 && q.counts.failed === 0)).toBe(true);
    } finally {
      await worker.close(true);
    }
  });
});
