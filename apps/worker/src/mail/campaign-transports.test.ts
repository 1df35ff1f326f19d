// Relay choice against real PostgreSQL, real Redis and two real SMTP peers: a tenant with its own
// relay sends through it (logged in with its sealed password), another tenant through the
// platform's relay, and a relay's messages-per-second limit holds.
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deriveTrackingKey } from "@rappel/campaigns";
import { withTenant, type Database } from "@rappel/db";
import { startSmtpPeer, type SmtpPeer } from "@rappel/mail/testing";
import { loadIdentityCodec } from "@rappel/personal-data";
import { systemClock } from "../clock";
import type { JobContext } from "../job-handler";
import { captureLogger, openAppDatabase } from "../testing/fixtures";
import { createCampaignFixture, testMasterKey } from "../testing/campaign-fixture";
import type { EngineConfig } from "../jobs/campaign-engine";
import { runCampaignBatch } from "../jobs/campaign-batch";
import { launchCampaign } from "../jobs/campaign-launch";
import { sendCampaignTest } from "../jobs/campaign-test-send";
import { createRedisSendThrottle } from "../throttle/send-throttle";
import { closeCampaignTransports, installRelayThrottle, SMTP_RELAY_SECRET } from "./campaign-transports";

let db: Database;
let platform: SmtpPeer;
let relay: SmtpPeer;
let redis: Redis;
let config: EngineConfig;
const master = testMasterKey();
const RELAY_LOGIN = { user: "salle-a@relais.test", pass: `s3cret-${randomBytes(4).toString("hex")}` };

beforeAll(async () => {
  db = openAppDatabase();
  platform = await startSmtpPeer();
  relay = await startSmtpPeer({ auth: RELAY_LOGIN });
  redis = new Redis(process.env.E2E_REDIS_URL ?? "redis://127.0.0.1:6379/15", { maxRetriesPerRequest: 2 });
  installRelayThrottle(createRedisSendThrottle(redis, `smtp-throttle-test-${randomBytes(4).toString("hex")}`, "SMTP relay throttle"));
  config = { smtpUrl: platform.url, appUrl: "http://rappel.test", master, trackingKey: deriveTrackingKey(master.key), maxConnections: 4 };
});
afterAll(async () => {
  closeCampaignTransports();
  installRelayThrottle(null);
  await Promise.all([platform.stop(), relay.stop()]);
  redis.disconnect();
  await db.$disconnect();
});

const context = (): JobContext => ({ db, clock: systemClock, logger: captureLogger().logger, signal: new AbortController().signal });

async function configureRelay(tenantId: string, options: { password: string; messagesPerSecond: number }) {
  await withTenant(db, tenantId, async (tx) => {
    const codec = await loadIdentityCodec(tx, tenantId, master);
    await tx.smtpRelay.create({
      data: {
        tenantId, host: "127.0.0.1", port: relay.port, tlsMode: "none", username: RELAY_LOGIN.user,
        passwordEnc: codec.sealTenantSecret(SMTP_RELAY_SECRET, options.password), messagesPerSecond: options.messagesPerSecond,
      },
    });
  });
}

async function sendAll(tenantId: string, campaignId: string) {
  await launchCampaign({ tenantId, campaignId }, context());
  const totals = { sent: 0, failed: 0, retried: 0 };
  for (const batch of [0, 1]) {
    const r = await runCampaignBatch({ tenantId, campaignId, batch }, context(), config);
    totals.sent += r.sent;
    totals.failed += r.failed;
    totals.retried += r.retried;
  }
  return totals;
}

describe("campaign transport per tenant", () => {
  it("sends tenant A's campaign through its own relay and tenant B's through the platform's", async () => {
    platform.clear();
    relay.clear();
    const a = await createCampaignFixture(db, { recipients: 6, emailFor: (i) => `a${i}@example.net` });
    const b = await createCampaignFixture(db, { recipients: 5, emailFor: (i) => `b${i}@example.net` });
    await configureRelay(a.tenantId, { password: RELAY_LOGIN.pass, messagesPerSecond: 1000 });

    expect(await sendAll(a.tenantId, a.campaignId)).toMatchObject({ sent: 6, failed: 0 });
    expect(await sendAll(b.tenantId, b.campaignId)).toMatchObject({ sent: 5, failed: 0 });

    expect(relay.messages.map((m) => m.envelope.to[0]).sort()).toEqual([...a.emails.keys()].sort());
    expect(relay.messages.every((m) => m.authUser === RELAY_LOGIN.user)).toBe(true);
    expect(platform.messages.map((m) => m.envelope.to[0]).sort()).toEqual([...b.emails.keys()].sort());

    // The test send goes through the same relay as the campaign.
    const test = await sendCampaignTest({ tenantId: a.tenantId, campaignId: a.campaignId, userId: a.userId }, context(), config);
    expect(test.sent).toBe(true);
    expect(relay.messages.at(-1)?.subject).toMatch(/^\[TEST\]/);
    expect(platform.messages).toHaveLength(5);
  });

  it("retries, never sends, when the relay refuses the tenant's credentials", async () => {
    relay.clear();
    const a = await createCampaignFixture(db, { recipients: 3 });
    await configureRelay(a.tenantId, { password: "wrong password", messagesPerSecond: 1000 });
    const totals = await sendAll(a.tenantId, a.campaignId);
    expect(totals.sent).toBe(0);
    expect(totals.retried + totals.failed).toBe(3);
    expect(relay.messages).toHaveLength(0);
  });

  it("holds the relay's messages-per-second limit", async () => {
    relay.clear();
    const a = await createCampaignFixture(db, { recipients: 12 });
    await configureRelay(a.tenantId, { password: RELAY_LOGIN.pass, messagesPerSecond: 5 });
    const started = Date.now();
    expect(await sendAll(a.tenantId, a.campaignId)).toMatchObject({ sent: 12 });
    const elapsed = Date.now() - started;
    // 12 messages at 5/s need three one-second windows: at least two full seconds of waiting.
    expect(elapsed).toBeGreaterThanOrEqual(2_000);
    expect(relay.messages).toHaveLength(12);
  });
});
