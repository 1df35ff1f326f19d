// Canary over the worker's process logs (issue 6 §10, "search … the log output"): the real worker
// process (spawned as `pnpm start` runs it, debug logging on) sends a campaign to a person whose
// e-mail carries a unique marker. The marked message reaches the SMTP peer (the worker did read
// and use the person's data) and the marker is in the database (sealed: it decrypts to it), yet
// neither the marker nor the person's e-mail blind index appears anywhere in the worker's
// stdout or stderr. packages/privacy/src/canary.test.ts covers the other places (pg_dump, Redis).
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant, type Database } from "@rappel/db";
import { createJobProducer, createRedisConnection, enqueueJob, type JobProducer } from "@rappel/jobs";
import { removeQueuePrefix, testRedisUrl, uniqueQueuePrefix } from "@rappel/jobs/testing";
import { startSmtpPeer, type SmtpPeer } from "@rappel/mail/testing";
import { loadIdentityCodec } from "@rappel/personal-data";
import type { Redis } from "ioredis";
import { createCampaignFixture, testMasterKey } from "./testing/campaign-fixture";
import { openAppDatabase, waitFor } from "./testing/fixtures";
import { spawnWorker, type SpawnedWorker } from "./testing/spawn-worker";

let db: Database;
let connection: Redis;
let producer: JobProducer;
let peer: SmtpPeer;
let worker: SpawnedWorker | undefined;
const prefix = uniqueQueuePrefix("canary");

beforeAll(async () => {
  db = openAppDatabase();
  connection = createRedisConnection(testRedisUrl(), { role: "producer" });
  producer = createJobProducer(connection, { prefix });
  peer = await startSmtpPeer();
});
afterAll(async () => {
  if (worker && worker.child.exitCode === null) worker.child.kill("SIGKILL");
  await producer.close();
  await removeQueuePrefix(connection, prefix);
  await connection.quit();
  await peer.stop();
  await db.$disconnect();
});

describe("log canary (worker process)", () => {
  it("the worker sends to the marked person and never writes the marker or its blind index to its logs", async () => {
    const marker = `canarilog${randomBytes(5).toString("hex")}`;
    const control = `canarictrl${randomBytes(5).toString("hex")}`;
    const fixture = await createCampaignFixture(db, { recipients: 2, emailFor: (i) => (i === 0 ? `${marker}@example.net` : `${control}@example.net`) });
    const markedId = fixture.emails.get(`${marker}@example.net`)!;
    const controlId = fixture.emails.get(`${control}@example.net`)!;

    // The marker is in the database, sealed: the tenant's codec opens it back.
    const { markedBidx, opened } = await withTenant(db, fixture.tenantId, async (tx) => {
      const codec = await loadIdentityCodec(tx, fixture.tenantId, testMasterKey());
      const rows = await tx.spectator.findMany({ where: { tenantId: fixture.tenantId, id: { in: [markedId, controlId] } } });
      return {
        markedBidx: Buffer.from(codec.emailIndex(`${marker}@example.net`)!).toString("hex"),
        opened: rows.map((r) => codec.openIdentity(r).email),
      };
    });
    expect(opened).toEqual(expect.arrayContaining([`${marker}@example.net`, `${control}@example.net`]));

    worker = await spawnWorker({ prefix, redisUrl: testRedisUrl(), env: { SMTP_URL: peer.url, MAIL_FROM: "Rappel <no-reply@rappel.test>", APP_URL: "http://app.test" } });
    await worker.waitForLog((l) => l.msg === "worker started", "worker start");
    await enqueueJob(producer, "campaign-launch", { tenantId: fixture.tenantId, campaignId: fixture.campaignId });

    // Both messages leave the worker: it really read and used the marked person's address.
    await waitFor(() => (peer.messages.filter((m) => m.envelope.to.some((to) => to.includes(marker) || to.includes(control))).length >= 2 ? true : undefined), "both campaign messages", 60_000);
    // Let the worker log the batch's completion before reading its output.
    await worker.waitForLog((l) => JSON.stringify(l).includes(fixture.campaignId) && /batch|sent|completed/i.test(String(l.msg)), "the campaign batch's log line");
    worker.child.kill("SIGTERM");
    await worker.exited;

    const output = [...worker.lines.map((l) => JSON.stringify(l)), ...worker.stderr].join("\n");
    // The capture is real and covers the job: the worker did log about this campaign.
    expect(output).toContain(fixture.campaignId);
    expect(output.length).toBeGreaterThan(200);
    for (const needle of [marker, marker.toUpperCase(), markedBidx, control]) expect(output.toLowerCase()).not.toContain(needle.toLowerCase());
  });
});
