import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@rappel/db";
import {
  createJobProducer,
  createRedisConnection,
  enqueueVerifyAuditChains,
  type JobProducer,
} from "@rappel/jobs";
import { removeQueuePrefix, testRedisUrl, uniqueQueuePrefix } from "@rappel/jobs/testing";
import type { Redis } from "ioredis";
import { defineJobHandler, type JobContext } from "./job-handler";
import { captureLogger, openAppDatabase, waitFor } from "./testing/fixtures";
import { startWorkerPool, type WorkerPool } from "./worker-pool";

const TENANT = "0b6c1b9e-3c55-4c1e-9f0a-6a2d7c1e5b42";
let db: Database;
let connection: Redis;
let producer: JobProducer;
let prefix: string;
const pools: WorkerPool[] = [];

/** A controllable handler standing in for a real one (the pool only sees a JobHandler). */
function gatedHandler() {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const started: JobContext[] = [];
  const handler = defineJobHandler({
    kind: "verify-audit-chains",
    handle: async (_payload, ctx) => {
      started.push(ctx);
      await gate;
      return { done: true };
    },
  });
  return { handler, started, open };
}

function start(handler: ReturnType<typeof gatedHandler>["handler"]) {
  const { logger, lines } = captureLogger();
  const pool = startWorkerPool({
    connection,
    prefix,
    handlers: [handler],
    deps: { db, clock: { now: () => new Date() } },
    logger,
    concurrency: 2,
  });
  pools.push(pool);
  return { pool, lines };
}

async function stateOf(id: string): Promise<string> {
  return producer.queue("maintenance").getJobState(id);
}

beforeAll(() => {
  db = openAppDatabase();
  connection = createRedisConnection(testRedisUrl(), { role: "worker" });
});

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close(0)));
  await producer.close();
  await removeQueuePrefix(connection, prefix);
});

afterAll(async () => {
  await connection.quit();
  await db.$disconnect();
});

describe("worker pool", () => {
  beforeEach(() => {
    prefix = uniqueQueuePrefix("pool");
    producer = createJobProducer(connection, { prefix });
  });

  it("lets an active job finish on close, and takes no new job meanwhile", async () => {
    const { handler, started, open } = gatedHandler();
    const { pool, lines } = start(handler);
    const job = await enqueueVerifyAuditChains(producer, { tenantId: TENANT });
    await waitFor(() => (started.length === 1 ? true : undefined), "the job to start");

    let closed = false;
    const closing = pool.close(30_000).then((report) => {
      closed = true;
      return report;
    });
    const late = await enqueueVerifyAuditChains(producer, {});
    for (let i = 0; i < 20; i += 1) await new Promise((r) => setImmediate(r));
    expect(closed).toBe(false);
    expect(pool.status()[0]).toMatchObject({ queue: "maintenance", activeJobs: 1 });

    open();
    expect(await closing).toEqual({ released: 0, timedOut: false });
    expect(await stateOf(job.id)).toBe("completed");
    expect((await producer.queue("maintenance").getJob(job.id))?.returnvalue).toEqual({
      done: true,
    });
    expect(await stateOf(late.id)).toBe("waiting");
    expect(started).toHaveLength(1);

    // Structured lines carry the job's id, queue and kind, never its payload.
    const completed = lines.find((l) => l.msg === "job completed");
    expect(completed).toMatchObject({
      level: "info",
      jobId: job.id,
      queue: "maintenance",
      kind: "verify-audit-chains",
    });
    expect(lines.every((l) => typeof l.time === "string" && typeof l.level === "string")).toBe(
      true,
    );
    expect(JSON.stringify(lines)).not.toContain(TENANT);
  });

  it("releases a job still running after the grace period back to the queue, where it is retried", async () => {
    const stuck = gatedHandler();
    const { pool, lines } = start(stuck.handler);
    const job = await enqueueVerifyAuditChains(producer, {});
    await waitFor(() => (stuck.started.length === 1 ? true : undefined), "the job to start");

    expect(await pool.close(200)).toEqual({ released: 1, timedOut: false });
    expect(stuck.started[0]?.signal.aborted).toBe(true);
    expect(await stateOf(job.id)).toBe("waiting");
    const stored = await producer.queue("maintenance").getJob(job.id);
    expect(stored?.attemptsMade).toBe(0);
    expect(stored?.failedReason ?? "").toBe("");
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: "warn",
        msg: "job released back to the queue at shutdown",
        jobId: job.id,
      }),
    );

    // Not lost: the next worker picks it up and completes it.
    const next = gatedHandler();
    next.open();
    start(next.handler);
    await waitFor(
      async () => ((await stateOf(job.id)) === "completed" ? true : undefined),
      "the released job to complete",
    );
    stuck.open();
  });

  it("releases, rather than fails, a handler that stops because of the release signal", async () => {
    const cooperative = defineJobHandler({
      kind: "verify-audit-chains",
      handle: (_payload, ctx) =>
        new Promise((_, reject) =>
          ctx.signal.addEventListener("abort", () => reject(ctx.signal.reason as Error)),
        ),
    });
    const { pool } = start(cooperative);
    const job = await enqueueVerifyAuditChains(producer, {});
    await waitFor(
      async () => ((await stateOf(job.id)) === "active" ? true : undefined),
      "the job to start",
    );
    expect(await pool.close(100)).toEqual({ released: 1, timedOut: false });
    expect(await stateOf(job.id)).toBe("waiting");
  });

  it("fails a job with a malformed payload for good, with the validation message", async () => {
    const { handler, open } = gatedHandler();
    open();
    const { lines } = start(handler);
    // Bypasses the typed producer, as a stale or foreign producer could.
    const job = await producer
      .queue("maintenance")
      .add("verify-audit-chains", { tenantId: "42", email: "x@y.fr" });
    await waitFor(
      async () => ((await stateOf(job.id ?? "")) === "failed" ? true : undefined),
      "the job to fail",
    );
    const stored = await producer.queue("maintenance").getJob(job.id ?? "");
    expect(stored?.failedReason).toMatch(
      /Invalid payload for job "verify-audit-chains": .*tenantId: must be a UUID/,
    );
    expect(stored?.attemptsMade).toBe(1);
    expect(JSON.stringify(lines)).not.toContain("x@y.fr");
  });

  it("retries a job whose handler throws, logging the error with the job id", async () => {
    let calls = 0;
    const flaky = defineJobHandler({
      kind: "verify-audit-chains",
      handle: async () => {
        calls += 1;
        if (calls === 1) throw new Error("database restarting");
        return { ok: true };
      },
    });
    const { lines } = start(flaky);
    const job = await producer
      .queue("maintenance")
      .add("verify-audit-chains", {}, { attempts: 2, backoff: { type: "fixed", delay: 10 } });
    await waitFor(
      async () => ((await stateOf(job.id ?? "")) === "completed" ? true : undefined),
      "the retry to complete",
    );
    expect(calls).toBe(2);
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: "error",
        msg: "job failed",
        jobId: job.id,
        error: "database restarting",
        willRetry: true,
      }),
    );
  });
});
