// `pnpm bench:activation-kills`: the crash window of exactly-once sending, measured. One
// N-recipient campaign (BENCH_RECIPIENTS, default 20,000) through the real worker process, which
// is SIGKILLed BENCH_KILLS times (default 15) at random moments of the send and restarted. Then
// every recipient the SMTP peer never accepted is classified from the ledger and from what the peer
// saw on the wire: "sent" in the ledger while the peer had the message aborted is a loss of the
// commit → terminator window (terminator never arrived) or of the peer (it had arrived). The last
// line printed is one JSON object.
import { randomBytes, randomInt } from "node:crypto";
import { createDatabase, Prisma, withTenant } from "@rappel/db";
import { createTestDatabase } from "@rappel/db/testing";
import { createJobProducer, createRedisConnection, enqueueJob } from "@rappel/jobs";
import { campaignStatus, sleep, startBenchWorker, tally, waitUntil } from "./testing/campaign-bench";
import { createCampaignFixture } from "./testing/campaign-fixture";
import type { SpawnedWorker } from "./testing/spawn-worker";
import { startSmtpPeerProcess } from "./testing/smtp-peer-process";

const N = Number(process.env.BENCH_RECIPIENTS ?? 20_000);
const KILLS = Number(process.env.BENCH_KILLS ?? 15);
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const log = (msg: string, fields: Record<string, unknown> = {}) => console.error(JSON.stringify({ bench: "activation-kills", msg, ...fields }));

async function main(): Promise<void> {
  const database = await createTestDatabase("rappel_bench_kills");
  process.env.DATABASE_URL = database.appUrl;
  process.env.MIGRATION_DATABASE_URL = database.ownerUrl;
  process.env.MASTER_KEY ??= randomBytes(32).toString("base64");
  process.env.MASTER_KEY_ID ??= "mk1";
  const db = createDatabase(database.appUrl, { max: 4 });
  const redis = createRedisConnection(REDIS_URL, { role: "producer" });
  const prefix = `bench-kills-${randomBytes(3).toString("hex")}`;
  const producer = createJobProducer(redis, { prefix });
  const peer = await startSmtpPeerProcess();
  const workers: SpawnedWorker[] = [];
  try {
    const f = await createCampaignFixture(db, { recipients: N });
    let worker = await startBenchWorker(prefix, REDIS_URL, peer.url);
    workers.push(worker);
    await worker.waitForHealthServer();
    await enqueueJob(producer, "campaign-launch", { tenantId: f.tenantId, campaignId: f.campaignId }, { jobId: `cl-${f.campaignId}` });
    const kills: { received: number; pgWarnings: number }[] = [];
    for (let k = 0; k < KILLS && peer.received < N * 0.95; k++) {
      // Sending again (after the restart and the claims' expiry), then a random moment of it.
      const before = peer.received;
      await waitUntil("the restarted worker to send", () => peer.received > before + 50 || peer.received >= N * 0.95, 10 * 60_000);
      await sleep(randomInt(50, 1_500));
      worker.child.kill("SIGKILL");
      await worker.exited;
      kills.push({ received: peer.received, pgWarnings: worker.stderr.join("").split("already executing a query").length - 1 });
      log("worker killed", kills.at(-1)!);
      worker = await startBenchWorker(prefix, REDIS_URL, peer.url);
      workers.push(worker);
    }
    await waitUntil("the campaign to finish", async () => (await campaignStatus(db, f)) === "sent", 30 * 60_000);
    await sleep(1_000); // let the peer report anything still in flight
    const { received, duplicates, missing } = tally(peer, f);
    worker.child.kill("SIGTERM");
    await worker.exited;

    const ids = missing.map((email) => f.emails.get(email)!);
    const statuses = await withTenant(db, f.tenantId, (tx) =>
      tx.$queryRaw<{ id: string; status: string }[]>(Prisma.sql`
        SELECT spectator_id::text AS id, status::text AS status FROM campaign_delivery
         WHERE tenant_id = ${f.tenantId}::uuid AND campaign_id = ${f.campaignId}::uuid AND spectator_id = ANY(${ids}::uuid[])`),
    );
    const statusOf = new Map(statuses.map((s) => [s.id, s.status]));
    const abortOf = new Map(peer.aborted.flatMap((a) => a.to.map((to) => [to, a] as const)));
    const causes: Record<string, number> = {};
    for (const email of missing) {
      const abort = abortOf.get(email);
      const wire = !abort ? "not_aborted_at_peer" : abort.terminatorArrived ? "terminator_arrived" : "terminator_never_arrived";
      const cause = `ledger_${statusOf.get(f.emails.get(email)!) ?? "none"}:${wire}${abort?.reset ? ":rst" : ""}`;
      causes[cause] = (causes[cause] ?? 0) + 1;
    }
    console.log(
      JSON.stringify({
        recipients: N,
        kills: kills.length,
        received,
        duplicates,
        missing: missing.length,
        missing_causes: causes,
        aborted_at_peer: peer.aborted.length,
        aborted_with_rst: peer.aborted.filter((a) => a.reset).length,
        aborted_after_terminator: peer.aborted.filter((a) => a.terminatorArrived).length,
        pg_concurrent_query_warnings: kills.reduce((n, k) => n + k.pgWarnings, 0),
      }),
    );
  } finally {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill("SIGKILL");
    await peer.stop();
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
