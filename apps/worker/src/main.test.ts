// End-to-end: the real worker process, real PostgreSQL and Redis. The real verify-audit-chains
// job is held mid-run without any test hook: the test takes the tenant's audit advisory lock (the
// one appendAuditEntry waits for) as the owner, so the job blocks inside its transaction for as
// long as the test wants.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@rappel/db";
import {
  createJobProducer,
  createRedisConnection,
  enqueueVerifyAuditChains,
  getQueueOverview,
  type JobProducer,
} from "@rappel/jobs";
import { removeQueuePrefix, testRedisUrl, uniqueQueuePrefix } from "@rappel/jobs/testing";
import type { Redis } from "ioredis";
import {
  createTenantWithAudit,
  freePort,
  openAppDatabase,
  openOwnerDatabase,
  ownerDatabaseUrl,
  waitFor,
} from "./testing/fixtures";
import { spawnWorker, type SpawnedWorker } from "./testing/spawn-worker";

let db: Database;
let owner: Database;
let connection: Redis;
let producer: JobProducer | undefined;
let prefix = "";
const spawned: SpawnedWorker[] = [];

beforeAll(() => {
  db = openAppDatabase();
  owner = openOwnerDatabase();
  connection = createRedisConnection(testRedisUrl(), { role: "producer" });
});

afterEach(async () => {
  for (const worker of spawned.splice(0))
    if (worker.child.exitCode === null) worker.child.kill("SIGKILL");
  await producer?.close();
  if (prefix) await removeQueuePrefix(connection, prefix);
});

afterAll(async () => {
  await connection.quit();
  await Promise.all([db.$disconnect(), owner.$disconnect()]);
});

async function start(
  options: {
    graceMs?: number;
    redisUrl?: string;
    databaseUrl?: string;
    env?: Record<string, string>;
  } = {},
): Promise<SpawnedWorker> {
  const worker = await spawnWorker({
    prefix,
    redisUrl: options.redisUrl ?? testRedisUrl(),
    ...options,
  });
  spawned.push(worker);
  return worker;
}

/** Holds the tenant's audit lock in an owner transaction until `release()` is called. */
function holdAuditLock(tenantId: string): {
  held: Promise<void>;
  release: () => void;
  done: Promise<void>;
} {
  let release!: () => void;
  let held!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const heldPromise = new Promise<void>((resolve) => (held = resolve));
  const done = owner.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`audit:${tenantId}`}, 0))`;
      held();
      await gate;
    },
    { timeout: 60_000 },
  );
  return { held: heldPromise, release, done };
}

async function someoneWaitsForAdvisoryLock(): Promise<true | undefined> {
  const rows = await owner.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`;
  return (rows[0]?.n ?? 0) > 0 ? true : undefined;
}

async function jobState(id: string): Promise<string> {
  return (producer as JobProducer).queue("maintenance").getJobState(id);
}

describe("worker process", () => {
  it("reports healthy, registers its daily scheduler, and on SIGTERM finishes the active job before exiting 0", async () => {
    prefix = uniqueQueuePrefix("e2e");
    producer = createJobProducer(connection, { prefix });
    const tenantId = await createTenantWithAudit(db, 2);
    const worker = await start();
    await worker.waitForLog((l) => l.msg === "worker started", "worker start");

    const ready = await waitFor(async () => {
      const r = await worker.get("/readyz");
      return r.status === 200 ? r : undefined;
    }, "readiness");
    expect(ready.body).toMatchObject({ status: "ok", redis: "ok", postgres: "ok" });
    const health = await worker.get("/healthz");
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({
      status: "ok",
      redis: "ok",
      postgres: "ok",
      workers: [
        { queue: "maintenance", kinds: ["verify-audit-chains", "campaign-sweep"], running: true, activeJobs: 0 },
        { queue: "imports", kinds: ["import-file"], running: true, activeJobs: 0 },
        { queue: "email-send", kinds: ["campaign-launch", "campaign-batch", "campaign-test-send"], running: true, activeJobs: 0 },
      ],
    });
    expect((await worker.get("/nope")).status).toBe(404);

    // The admin overview sees this process consuming the queues it has handlers for, and no other.
    const overview = await getQueueOverview(connection, { prefix });
    const consumed = ["maintenance", "imports", "email-send"];
    expect(overview.filter((q) => consumed.includes(q.name)).map((q) => q.workerCount)).toEqual([1, 1, 1]);
    expect(overview.filter((q) => !consumed.includes(q.name)).every((q) => q.workerCount === 0)).toBe(
      true,
    );

    const schedulers = await waitFor(async () => {
      const list = await (producer as JobProducer).queue("maintenance").getJobSchedulers();
      return list.length > 1 ? list : undefined;
    }, "the schedulers");
    expect(schedulers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: "verify-audit-chains-daily", pattern: "0 3 * * *", tz: "Europe/Paris" }),
        expect.objectContaining({ key: "campaign-sweep", every: 5000 }),
      ]),
    );

    const lock = holdAuditLock(tenantId);
    await lock.held;
    const job = await enqueueVerifyAuditChains(producer, { tenantId });
    await waitFor(
      async () => ((await jobState(job.id)) === "active" ? true : undefined),
      "the job to start",
    );
    await waitFor(someoneWaitsForAdvisoryLock, "the job to block on the audit lock");

    worker.child.kill("SIGTERM");
    await worker.waitForLog((l) => l.msg === "shutting down", "shutdown to begin");
    // Draining: no longer ready, still alive, the job still active.
    const draining = await worker.get("/readyz");
    expect(draining).toMatchObject({ status: 503, body: { status: "shutting-down" } });
    expect(await jobState(job.id)).toBe("active");

    lock.release();
    await lock.done;
    expect(await worker.exited).toEqual({ code: 0, signal: null });
    expect(await jobState(job.id)).toBe("completed");
    const stored = await producer.queue("maintenance").getJob(job.id);
    expect(stored?.returnvalue).toMatchObject({
      tenants: [{ tenantId, ok: true, brokenAtSeq: null }],
    });

    const logs = worker.lines;
    expect(logs.every((l) => l.level !== "unparsed" && typeof l.time === "string")).toBe(true);
    expect(logs).toContainEqual(
      expect.objectContaining({ msg: "job completed", jobId: job.id, queue: "maintenance" }),
    );
    expect(logs).toContainEqual(expect.objectContaining({ msg: "shutdown complete", released: 0 }));
  });

  it("releases a job still running when the grace period ends, exits 0, and the job is done by the next worker", async () => {
    prefix = uniqueQueuePrefix("e2e-grace");
    producer = createJobProducer(connection, { prefix });
    const tenantId = await createTenantWithAudit(db, 1);
    const first = await start({ graceMs: 300 });
    await first.waitForLog((l) => l.msg === "worker started", "worker start");

    const lock = holdAuditLock(tenantId);
    await lock.held;
    const job = await enqueueVerifyAuditChains(producer, { tenantId });
    await waitFor(
      async () => ((await jobState(job.id)) === "active" ? true : undefined),
      "the job to start",
    );
    await waitFor(someoneWaitsForAdvisoryLock, "the job to block on the audit lock");

    first.child.kill("SIGTERM");
    expect(await first.exited).toEqual({ code: 0, signal: null });
    expect(first.lines).toContainEqual(
      expect.objectContaining({ msg: "job released back to the queue at shutdown", jobId: job.id }),
    );
    expect(await jobState(job.id)).toBe("waiting");
    expect((await producer.queue("maintenance").getJob(job.id))?.attemptsMade).toBe(0);

    lock.release();
    await lock.done;
    const second = await start();
    await waitFor(
      async () => ((await jobState(job.id)) === "completed" ? true : undefined),
      "the released job to complete",
    );
    second.child.kill("SIGTERM");
    expect(await second.exited).toEqual({ code: 0, signal: null });
  });

  it("answers 503 naming Redis when Redis is unreachable, while Postgres is fine", async () => {
    prefix = uniqueQueuePrefix("e2e-down");
    const closedPort = await freePort();
    const worker = await start({ redisUrl: `redis://127.0.0.1:${closedPort}`, graceMs: 500 });
    await worker.waitForHealthServer();

    const health = await worker.get("/healthz");
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: "error", redis: "error", postgres: "ok" });
    expect((health.body.errors as Record<string, string>).redis).toEqual(expect.any(String));
    expect((await worker.get("/readyz")).status).toBe(503);

    worker.child.kill("SIGTERM");
    expect(await worker.exited).toEqual({ code: 0, signal: null });
    expect(worker.lines).toContainEqual(
      expect.objectContaining({
        msg: "redis unavailable at shutdown, closing queue workers at once",
      }),
    );
    // Every line is structured, on stdout; nothing raw on stderr.
    expect(worker.lines.every((l) => l.level !== "unparsed")).toBe(true);
    expect(worker.stderr.join("")).toBe("");
  });

  it("refuses to start as a database role that could escape row-level security", async () => {
    prefix = uniqueQueuePrefix("e2e-role");
    const worker = await start({ databaseUrl: ownerDatabaseUrl() });
    expect(await worker.exited).toEqual({ code: 1, signal: null });
    expect(worker.stderr.join("")).toContain("DATABASE_URL connects as a role that is a superuser");
  });

  it("refuses to start with a malformed variable, naming it", async () => {
    prefix = uniqueQueuePrefix("e2e-config");
    const worker = await start({ env: { WORKER_CONCURRENCY: "lots" } });
    expect(await worker.exited).toEqual({ code: 1, signal: null });
    expect(worker.stderr.join("")).toContain("WORKER_CONCURRENCY");
  });
});
