// `pnpm bench:activation`: the e-mail campaign targets of DESIGN.md §4, on a fresh database.
//   1. a bare nodemailer loop (pooled transport) sending N messages to a local SMTP peer: the base;
//      the peer runs in a process of its own, as a relay would, for every part;
//   2. an N-recipient campaign end to end through the real worker process (segment → ledger →
//      render → SMTP accepted), timed from the launch job to the peer's last message;
//   3. the same campaign on another tenant with the worker SIGKILLed twice mid-send and restarted:
//      the peer must hold exactly one message per recipient.
// N = BENCH_RECIPIENTS (default 100,000). The last line printed is one JSON object.
import { randomBytes } from "node:crypto";
import { createDatabase } from "@rappel/db";
import { createTestDatabase } from "@rappel/db/testing";
import { createJobProducer, createRedisConnection, enqueueJob } from "@rappel/jobs";
import { createMailTransport } from "@rappel/mail";
import { campaignStatus, sleep, startBenchWorker, tally, waitUntil } from "./testing/campaign-bench";
import { createCampaignFixture } from "./testing/campaign-fixture";
import type { SpawnedWorker } from "./testing/spawn-worker";
import { startSmtpPeerProcess, type SmtpPeerProcess } from "./testing/smtp-peer-process";

const N = Number(process.env.BENCH_RECIPIENTS ?? 100_000);
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
    const b = await createCampaignFixture(db, { recipients: N });

    // 2. Throughput through the real worker.
    const peerA = await startSmtpPeerProcess();
    workers.push(await startBenchWorker(prefix, REDIS_URL, peerA.url));
    await workers[0]!.waitForHealthServer();
    const started = performance.now();
    await enqueueJob(producer, "campaign-launch", { tenantId: a.tenantId, campaignId: a.campaignId }, { jobId: `cl-${a.campaignId}` });
    await waitUntil("campaign A to finish", async () => peerA.received >= N && (await campaignStatus(db, a)) === "sent", 30 * 60_000);
    const seconds = (performance.now() - started) / 1000;
    const campaignRate = N / seconds;
    const tallyA = tally(peerA, a);
    log("campaign done", { msgs_per_s: Math.round(campaignRate), received: tallyA.received, duplicates: tallyA.duplicates, missing: tallyA.missing.length });
    workers[0]!.child.kill("SIGTERM");
    await workers[0]!.exited;
    await peerA.stop();

    // 3. Kill twice, restart, check the peer.
    const peerB = await startSmtpPeerProcess();
    let worker = await startBenchWorker(prefix, REDIS_URL, peerB.url);
    workers.push(worker);
    await worker.waitForHealthServer();
    await enqueueJob(producer, "campaign-launch", { tenantId: b.tenantId, campaignId: b.campaignId }, { jobId: `cl-${b.campaignId}` });
    for (const fraction of [1 / 3, 2 / 3]) {
      await waitUntil(`${Math.round(fraction * 100)} % of campaign B`, () => peerB.received >= N * fraction, 30 * 60_000);
      worker.child.kill("SIGKILL");
      await worker.exited;
      log("worker killed", { received: peerB.received });
      worker = await startBenchWorker(prefix, REDIS_URL, peerB.url);
      workers.push(worker);
    }
    await waitUntil("campaign B to finish", async () => (await campaignStatus(db, b)) === "sent", 30 * 60_000);
    await sleep(1_000); // let the peer record anything still in flight
    const tallyB = tally(peerB, b);
    worker.child.kill("SIGTERM");
    await worker.exited;
    await peerB.stop();

    console.log(
      JSON.stringify({
        recipients: N,
        bare_nodemailer_msgs_per_s: Math.round(bare),
        campaign_msgs_per_s: Math.round(campaignRate),
        campaign_vs_bare_ratio: Number((campaignRate / bare).toFixed(3)),
        campaign_duplicates: tallyA.duplicates,
        campaign_missing: tallyA.missing.length,
        kill_restart_received: tallyB.received,
        kill_restart_duplicates: tallyB.duplicates,
        kill_restart_missing: tallyB.missing.length,
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
