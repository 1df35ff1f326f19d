// `pnpm bench:activation`: the e-mail campaign targets of DESIGN.md §4, on a fresh database.
//   1. a bare nodemailer loop (pooled transport) sending N messages to a local SMTP peer: the base;
//      the peer runs in a process of its own, as a relay would, for every part;
//   2. an N-recipient campaign end to end through the real worker process (segment → ledger →
//      render → SMTP accepted), timed from the launch job to the peer's last message;
//   3. the same campaign on another tenant with the worker SIGKILLed twice mid-send and restarted:
//      the peer must hold exactly one message per recipient.
// N = BENCH_RECIPIENTS (default 100,000); BENCH_KILL_RESTART=0 skips part 3. Part 2 also reports
// the CPU time per message of the worker, of its PostgreSQL backends and of the peer: on a shared
// machine the rate is noise, the CPU spent is not. The last line printed is one JSON object.
import { randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import { createDatabase, type Database } from "@rappel/db";
import { createJobProducer, createRedisConnection, enqueueJob, type JobProducer } from "@rappel/jobs";
import { createMailTransport } from "@rappel/mail";
import { campaignStatus, sleep, startBenchWorker, tally, waitUntil } from "./testing/campaign-bench";
import { createCampaignFixture, type CampaignFixture } from "./testing/campaign-fixture";
import { createTestDatabase, processCpuMs, totalCpuMs } from "@rappel/db/testing";
import type { SpawnedWorker } from "./testing/spawn-worker";
import { startSmtpPeerProcess, type SmtpPeerProcess } from "./testing/smtp-peer-process";

const N = Number(process.env.BENCH_RECIPIENTS ?? 100_000);
const KILL_RESTART = process.env.BENCH_KILL_RESTART !== "0";
/** The worker's connections name themselves, so their backends can be told from the bench's own. */
const WORKER_APP_NAME = "rappel-bench-worker";
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const log = (msg: string, fields: Record<string, unknown> = {}) => console.error(JSON.stringify({ bench: "activation", msg, ...fields }));

async function bareLoop(peer: SmtpPeerProcess): Promise<number> {
  const transport = createMailTransport(peer.url, { ignoreTls: true, maxConnections: 24 });
  const html = `<p>${"La nouvelle saison est là. ".repeat(40)}</p>`;
  const started = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < N) {
      const i = next++;
      await transport.send({ from: "Théâtre <billetterie@lumiere.example>", to: `bare${i}@example.net`, subject: `Saison ${i}`, text: html, html });
    }
  };
  await Promise.all(Array.from({ length: 96 }, lane));
  const seconds = (performance.now() - started) / 1000;
  transport.close();
  return N / seconds;
}

function startWorker(prefix: string, smtpUrl: string, databaseUrl: string): Promise<SpawnedWorker> {
  const url = new URL(databaseUrl);
  url.searchParams.set("application_name", WORKER_APP_NAME);
  return startBenchWorker(prefix, REDIS_URL, smtpUrl, url.toString());
}

/** CPU ms so far of each PostgreSQL backend serving the worker. */
async function workerBackendsCpu(db: Database): Promise<Map<number, number>> {
  const rows = await db.$queryRaw<{ pid: number }[]>`SELECT pid FROM pg_stat_activity WHERE application_name = ${WORKER_APP_NAME}`;
  return new Map(rows.map((r) => [r.pid, processCpuMs(r.pid) ?? 0]));
}

/** CPU of the worker, its backends and the peer since `start`, per message. */
async function cpuPerMessage(db: Database, start: CpuSnapshot, end: CpuSnapshot, messages: number) {
  let backends = 0;
  for (const [pid, ms] of end.backends) backends += ms - (start.backends.get(pid) ?? 0);
  const perMessage = (ms: number) => Number((ms / messages).toFixed(3));
  return {
    worker_cpu_ms_per_msg: perMessage(end.worker - start.worker),
    postgres_backends_cpu_ms_per_msg: perMessage(backends),
    peer_cpu_ms_per_msg: perMessage(end.peer - start.peer),
    postgres_commits_per_msg: perMessage(end.commits - start.commits),
  };
}

interface CpuSnapshot {
  worker: number;
  peer: number;
  backends: Map<number, number>;
  /** The database's committed transactions so far (PostgreSQL's statistics, flushed within a second). */
  commits: number;
}

async function cpuSnapshot(db: Database, worker: SpawnedWorker, peer: SmtpPeerProcess): Promise<CpuSnapshot> {
  const [{ commits }] = await db.$queryRaw<[{ commits: number }]>`SELECT xact_commit::int AS commits FROM pg_stat_database WHERE datname = current_database()`;
  return { worker: totalCpuMs([worker.child.pid!]), peer: totalCpuMs([peer.pid]), backends: await workerBackendsCpu(db), commits };
}

/** 3. The campaign `b` with the worker SIGKILLed at a third and two thirds, restarted each time. */
async function killRestart(prefix: string, databaseUrl: string, db: Database, producer: JobProducer, b: CampaignFixture, workers: SpawnedWorker[]) {
  const peerB = await startSmtpPeerProcess();
  let worker = await startWorker(prefix, peerB.url, databaseUrl);
  workers.push(worker);
  await worker.waitForHealthServer();
  await enqueueJob(producer, "campaign-launch", { tenantId: b.tenantId, campaignId: b.campaignId }, { jobId: `cl-${b.campaignId}` });
  for (const fraction of [1 / 3, 2 / 3]) {
    await waitUntil(`${Math.round(fraction * 100)} % of campaign B`, () => peerB.received >= N * fraction, 30 * 60_000);
    worker.child.kill("SIGKILL");
    await worker.exited;
    log("worker killed", { received: peerB.received });
    worker = await startWorker(prefix, peerB.url, databaseUrl);
    workers.push(worker);
  }
  await waitUntil("campaign B to finish", async () => (await campaignStatus(db, b)) === "sent", 30 * 60_000);
  await sleep(1_000); // let the peer record anything still in flight
  const tallyB = tally(peerB, b);
  worker.child.kill("SIGTERM");
  await worker.exited;
  await peerB.stop();
  return tallyB;
}

async function main(): Promise<void> {
  const database = await createTestDatabase("rappel_bench_activation");
  process.env.DATABASE_URL = database.appUrl;
  process.env.MIGRATION_DATABASE_URL = database.ownerUrl;
  process.env.MASTER_KEY ??= randomBytes(32).toString("base64");
  process.env.MASTER_KEY_ID ??= "mk1";
  const db = createDatabase(database.appUrl, { max: 4 });
  const redis = createRedisConnection(REDIS_URL, { role: "producer" });
  const prefix = `bench-act-${randomBytes(3).toString("hex")}`;
  const producer = createJobProducer(redis, { prefix });
  const workers: SpawnedWorker[] = [];
  try {
    const barePeer = await startSmtpPeerProcess();
    log("bare nodemailer loop", { recipients: N });
    const bare = await bareLoop(barePeer);
    await barePeer.stop();
    log("bare done", { msgs_per_s: Math.round(bare) });

    log("creating fixtures", { recipients: N });
    const a = await createCampaignFixture(db, { recipients: N });
    const b = KILL_RESTART ? await createCampaignFixture(db, { recipients: N }) : null;

    // 2. Throughput through the real worker.
    const peerA = await startSmtpPeerProcess();
    workers.push(await startWorker(prefix, peerA.url, database.appUrl));
    await workers[0]!.waitForHealthServer();
    const cpuStart = await cpuSnapshot(db, workers[0]!, peerA);
    const started = performance.now();
    await enqueueJob(producer, "campaign-launch", { tenantId: a.tenantId, campaignId: a.campaignId }, { jobId: `cl-${a.campaignId}` });
    await waitUntil("campaign A to finish", async () => peerA.received >= N && (await campaignStatus(db, a)) === "sent", 30 * 60_000);
    const seconds = (performance.now() - started) / 1000;
    const campaignRate = N / seconds;
    // Read before the worker exits: its backends close with it.
    await sleep(1_000); // PostgreSQL flushes its statistics when a backend idles
    const cpu = await cpuPerMessage(db, cpuStart, await cpuSnapshot(db, workers[0]!, peerA), N);
    const tallyA = tally(peerA, a);
    log("campaign done", { msgs_per_s: Math.round(campaignRate), received: tallyA.received, duplicates: tallyA.duplicates, missing: tallyA.missing.length, ...cpu, load_average: loadavg().map((l) => l.toFixed(2)).join(" ") });
    workers[0]!.child.kill("SIGTERM");
    await workers[0]!.exited;
    await peerA.stop();

    const tallyB = b ? await killRestart(prefix, database.appUrl, db, producer, b, workers) : null;

    console.log(
      JSON.stringify({
        recipients: N,
        bare_nodemailer_msgs_per_s: Math.round(bare),
        campaign_msgs_per_s: Math.round(campaignRate),
        campaign_vs_bare_ratio: Number((campaignRate / bare).toFixed(3)),
        campaign_duplicates: tallyA.duplicates,
        campaign_missing: tallyA.missing.length,
        ...cpu,
        ...(tallyB ? { kill_restart_received: tallyB.received, kill_restart_duplicates: tallyB.duplicates, kill_restart_missing: tallyB.missing.length } : {}),
      }),
    );
  } finally {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill("SIGKILL");
    await producer.close();
    redis.disconnect();
    await db.$disconnect();
    await database.drop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
