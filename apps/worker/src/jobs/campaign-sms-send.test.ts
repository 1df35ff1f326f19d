// The SMS engine against real PostgreSQL, real Redis and a real SMPP peer (the local SMSC
// simulator): one message per consenting recipient with the counted opt-out mention, exactly-once
// across reruns and dead workers, the send window with an injected clock, receipts, STOP variants,
// retries on SMSC throttling, the per-provider rate limit, and the automatic stop when the
// promoted performance is cancelled mid-send.
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant, type Database } from "@rappel/db";
import { connectConfiguredProvider, type SmsProvider } from "@rappel/sms";
import { startSmscSimulator, type SmscSimulator } from "@rappel/sms/testing";
import type { Clock } from "../clock";
import type { JobContext } from "../job-handler";
import { captureLogger, openAppDatabase } from "../testing/fixtures";
import { testMasterKey } from "../testing/campaign-fixture";
import { createSmsCampaignFixture, smsPhone } from "../testing/sms-campaign-fixture";
import { SmsGateway } from "../sms/sms-gateway";
import { createSmsEventSink, type SmsRuntime } from "../sms/sms-runtime";
import { createRedisSendThrottle } from "../throttle/send-throttle";
import { CLAIM_TTL_MS } from "./campaign-ledger";
import { launchCampaign } from "./campaign-launch";
import { runSmsCampaignBatch } from "./campaign-sms-batch";

let db: Database;
let smsc: SmscSimulator;
let redis: Redis;
let runtime: SmsRuntime;
const { logger } = captureLogger();

// Tuesday 24 November 2026, 11:00 in Paris: inside the window.
const OPEN = "2026-11-24T10:00:00Z";
const fixed = (iso: string): Clock => ({ now: () => new Date(iso) });
const contextAt = (iso = OPEN): JobContext => ({ db, clock: fixed(iso), logger, signal: new AbortController().signal });

beforeAll(async () => {
  db = openAppDatabase();
  smsc = await startSmscSimulator();
  redis = new Redis(process.env.E2E_REDIS_URL ?? "redis://127.0.0.1:6379/4", { maxRetriesPerRequest: 2 });
  const master = testMasterKey();
  runtime = {
    gateway: new SmsGateway({ db, master, logger, sink: createSmsEventSink(db, master, { now: () => new Date() }, logger) }),
    throttle: createRedisSendThrottle(redis, `test-sms-throttle-${randomBytes(4).toString("hex")}`, "SMS throttle"),
    master,
  };
});
afterAll(async () => {
  await runtime.gateway.close();
  await smsc.stop();
  redis.disconnect();
  await db.$disconnect();
});

const until = async (check: () => Promise<boolean> | boolean, what: string) => {
  for (let i = 0; i < 300; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
};
const digits = (e164: string) => e164.replace(/^\+/, "");
const submittedTo = (e164: string) => smsc.submitted.filter((s) => s.to === digits(e164));
const rowsOf = (tenantId: string, campaignId: string) =>
  withTenant(db, tenantId, (tx) => tx.campaignDelivery.findMany({ where: { tenantId, campaignId } }));

async function launchAndSend(f: { tenantId: string; campaignId: string }, iso = OPEN) {
  await launchCampaign({ tenantId: f.tenantId, campaignId: f.campaignId }, contextAt(iso));
  return runSmsCampaignBatch({ tenantId: f.tenantId, campaignId: f.campaignId, batch: 0 }, contextAt(iso), runtime);
}

describe("SMS campaign engine", () => {
  it("sends one SMS per consenting recipient, personalised, with the opt-out mention, and applies receipts", async () => {
    // Numbers ending in 0 get an UNDELIV receipt from the simulator.
    const f = await createSmsCampaignFixture(db, { recipients: 4, smscUrl: smsc.url, phoneFor: (i) => (i === 3 ? "+33612345670" : smsPhone(i)) });
    const before = smsc.submitted.length;
    const r = await launchAndSend(f);
    expect(r).toMatchObject({ sent: 4, skipped: 0, failed: 0 });
    const mine = smsc.submitted.slice(before);
    expect(mine).toHaveLength(4);
    expect(submittedTo(smsPhone(1))[0]).toMatchObject({ from: "LUMIERE", text: "Bonjour Prénom1, la saison commence !\nSTOP au 36180" });
    expect(submittedTo(smsPhone(0))[0]?.text).toBe("Bonjour à vous, la saison commence !\nSTOP au 36180");
    const rows = await rowsOf(f.tenantId, f.campaignId);
    expect(rows.every((x) => x.channel === "sms" && x.providerId?.startsWith("sim"))).toBe(true);
    await until(async () => (await withTenant(db, f.tenantId, (tx) => tx.campaignEvent.count({ where: { campaignId: f.campaignId } }))) === 4, "four receipts");
    const events = await withTenant(db, f.tenantId, (tx) => tx.campaignEvent.findMany({ where: { campaignId: f.campaignId } }));
    expect(events.filter((e) => e.kind === "delivered")).toHaveLength(3);
    const failed = (await rowsOf(f.tenantId, f.campaignId)).find((x) => x.spectatorId === f.phones.get("+33612345670"))!;
    expect(failed.status).toBe("failed");
    expect(failed.lastError).toBe("receipt: undeliverable (error 001)");
    const campaign = await withTenant(db, f.tenantId, (tx) => tx.campaign.findFirstOrThrow({ where: { id: f.campaignId } }));
    expect(campaign.status).toBe("sent");
  });

  it("sends nothing twice when the launch and the batch run again", async () => {
    const f = await createSmsCampaignFixture(db, { recipients: 3, smscUrl: smsc.url });
    await launchAndSend(f);
    await withTenant(db, f.tenantId, (tx) => tx.campaign.update({ where: { tenantId_id: { tenantId: f.tenantId, id: f.campaignId } }, data: { status: "sending" } }));
    const before = smsc.submitted.length;
    const again = await launchAndSend(f);
    expect(again.sent).toBe(0);
    expect(smsc.submitted.length).toBe(before);
  });

  it("re-sends rows claimed by a worker that died before its commit, once the claim expires, and never a row committed as sent", async () => {
    const f = await createSmsCampaignFixture(db, { recipients: 3, smscUrl: smsc.url });
    await launchCampaign({ tenantId: f.tenantId, campaignId: f.campaignId }, contextAt());
    const [dead, committed] = [...f.phones.values()];
    // One row claimed by a dead worker (never committed), one committed "sent" by it just before it died.
    await withTenant(db, f.tenantId, async (tx) => {
      await tx.campaignDelivery.updateMany({ where: { campaignId: f.campaignId, spectatorId: dead }, data: { status: "sending", attempts: 1, claimedUntil: new Date(Date.parse(OPEN) + CLAIM_TTL_MS) } });
      await tx.campaignDelivery.updateMany({ where: { campaignId: f.campaignId, spectatorId: committed }, data: { status: "sent", attempts: 1, sentAt: new Date(OPEN) } });
    });
    const before = smsc.submitted.length;
    const early = await runSmsCampaignBatch({ tenantId: f.tenantId, campaignId: f.campaignId, batch: 0 }, contextAt(), runtime);
    expect(early.sent).toBe(1); // only the untouched row: the live claim is not ours
    const late = await runSmsCampaignBatch({ tenantId: f.tenantId, campaignId: f.campaignId, batch: 0 }, contextAt("2026-11-24T10:00:16Z"), runtime);
    expect(late.sent).toBe(1);
    expect(smsc.submitted.length - before).toBe(2);
    const rows = await rowsOf(f.tenantId, f.campaignId);
    expect(rows.every((x) => x.status === "sent")).toBe(true);
  });

  it("waits for the next window outside Mon–Sat 08:00–20:00 Paris and on public holidays", async () => {
    const f = await createSmsCampaignFixture(db, { recipients: 2, smscUrl: smsc.url });
    const before = smsc.submitted.length;
    // Sunday 29 November 2026, 15:00 Paris → Monday 08:00 Paris (07:00 UTC).
    const sunday = await launchAndSend(f, "2026-11-29T14:00:00Z");
    expect(sunday).toMatchObject({ sent: 0, stopped: "outside the SMS send window", deferredUntil: "2026-11-30T07:00:00.000Z" });
    const rows = await rowsOf(f.tenantId, f.campaignId);
    expect(rows.map((x) => x.nextAttemptAt?.toISOString())).toEqual(["2026-11-30T07:00:00.000Z", "2026-11-30T07:00:00.000Z"]);
    // Christmas (Friday) → Saturday 26 at 08:00; with the Alsace-Moselle set, the 26th is off too → Monday 28.
    const xmas = await runSmsCampaignBatch({ tenantId: f.tenantId, campaignId: f.campaignId, batch: 0 }, contextAt("2026-12-25T10:00:00Z"), runtime);
    expect(xmas.deferredUntil).toBe("2026-12-26T07:00:00.000Z");
    await withTenant(db, f.tenantId, (tx) => tx.smsSettings.update({ where: { tenantId: f.tenantId }, data: { sendWindow: { weekdays: [1, 2, 3, 4, 5, 6], startMinute: 480, endMinute: 1200, skipHolidays: true, alsaceMoselle: true, timeZone: "Europe/Paris" } } }));
    const alsace = await runSmsCampaignBatch({ tenantId: f.tenantId, campaignId: f.campaignId, batch: 0 }, contextAt("2026-12-25T10:00:00Z"), runtime);
    expect(alsace.deferredUntil).toBe("2026-12-28T07:00:00.000Z");
    expect(smsc.submitted.length).toBe(before);
    // Monday morning: they leave.
    const monday = await runSmsCampaignBatch({ tenantId: f.tenantId, campaignId: f.campaignId, batch: 0 }, contextAt("2026-12-28T07:00:00Z"), runtime);
    expect(monday.sent).toBe(2);
  });

  it("withdraws SMS consent on STOP and its variants, suppresses the number, records the unsubscribe, and skips them in the running campaign", async () => {
    const f = await createSmsCampaignFixture(db, { recipients: 6, smscUrl: smsc.url });
    await launchAndSend(f);
    const variants = ["STOP", "Stop", "stop sms", "ARRÊT", "STOP 36180"];
    const numbers = [...f.phones.keys()];
    for (const [i, text] of variants.entries()) await smsc.sendInbound(digits(numbers[i]!), "36180", text);
    await smsc.sendInbound(digits(numbers[5]!), "36180", "Merci, à ce soir");
    await until(async () => (await withTenant(db, f.tenantId, (tx) => tx.consent.count({ where: { channel: "sms", status: "withdrawn" } }))) === 5, "five withdrawals");
    const state = await withTenant(db, f.tenantId, async (tx) => ({
      consents: await tx.consent.findMany({ where: { channel: "sms" } }),
      suppressed: await tx.suppression.count({ where: { channel: "sms" } }),
      unsubscribes: await tx.campaignEvent.count({ where: { campaignId: f.campaignId, kind: "unsubscribe" } }),
      audit: await tx.auditEntry.count({ where: { action: "consent.withdrawn" } }),
    }));
    expect(state.consents.filter((c) => c.status === "withdrawn").every((c) => c.source === "sms:STOP")).toBe(true);
    expect(state.consents.find((c) => c.spectatorId === f.phones.get(numbers[5]!))?.status).toBe("granted");
    expect(state).toMatchObject({ suppressed: 5, unsubscribes: 5, audit: 5 });
    // A campaign still running re-reads consent at claim time: the STOPped numbers are skipped.
    await withTenant(db, f.tenantId, (tx) => tx.campaignDelivery.updateMany({ where: { campaignId: f.campaignId }, data: { status: "pending", sentAt: null } }));
    await withTenant(db, f.tenantId, (tx) => tx.campaign.update({ where: { tenantId_id: { tenantId: f.tenantId, id: f.campaignId } }, data: { status: "sending" } }));
    const again = await runSmsCampaignBatch({ tenantId: f.tenantId, campaignId: f.campaignId, batch: 0 }, contextAt(), runtime);
    expect(again).toMatchObject({ sent: 1, skipped: 5 });
  });

  it("retries later when the SMSC throttles, with backoff", async () => {
    const f = await createSmsCampaignFixture(db, { recipients: 2, smscUrl: smsc.url });
    await launchCampaign({ tenantId: f.tenantId, campaignId: f.campaignId }, contextAt());
    smsc.throttleNext(1);
    const r = await runSmsCampaignBatch({ tenantId: f.tenantId, campaignId: f.campaignId, batch: 0 }, contextAt(), runtime);
    expect(r).toMatchObject({ sent: 1, retried: 1 });
    const retry = (await rowsOf(f.tenantId, f.campaignId)).find((x) => x.status === "pending")!;
    expect(retry.nextAttemptAt?.toISOString()).toBe("2026-11-24T10:00:30.000Z");
    expect(retry.sentAt).toBeNull();
    expect(retry.lastError).toMatch(/0x58/);
    const later = await runSmsCampaignBatch({ tenantId: f.tenantId, campaignId: f.campaignId, batch: 0 }, contextAt("2026-11-24T10:00:31Z"), runtime);
    expect(later.sent).toBe(1);
  });

  it("holds each provider to its messages-per-second setting", async () => {
    const f = await createSmsCampaignFixture(db, { recipients: 12, smscUrl: smsc.url, messagesPerSecond: 5 });
    const started = Date.now();
    const r = await launchAndSend(f);
    const elapsed = Date.now() - started;
    expect(r.sent).toBe(12);
    // 12 messages at 5/s need three one-second windows: at least two boundaries crossed.
    expect(elapsed).toBeGreaterThanOrEqual(1_000);
  });

  it("stops at its next chunk once the promoted performance is cancelled mid-send, and sends none of the rest", async () => {
    // 1 message/s: chunks of 7 (half the claim TTL's worth), so 9 recipients take two chunks.
    const f = await createSmsCampaignFixture(db, { recipients: 9, smscUrl: smsc.url, messagesPerSecond: 1 });
    const performanceId = await withTenant(db, f.tenantId, async (tx) => {
      const venue = await tx.venue.create({ data: { tenantId: f.tenantId, name: "Grande salle", capacity: 800 } });
      const show = await tx.show.create({ data: { tenantId: f.tenantId, title: "Carmen" } });
      const perf = await tx.performance.create({
        data: { tenantId: f.tenantId, showId: show.id, venueId: venue.id, capacity: 800, startsAt: new Date("2027-01-10T19:00:00Z"), endsAt: new Date("2027-01-10T22:00:00Z") },
      });
      await tx.campaign.update({ where: { tenantId_id: { tenantId: f.tenantId, id: f.campaignId } }, data: { promotedPerformanceId: perf.id } });
      return perf.id;
    });
    // The real SMSC connection; once it has accepted the first message, the performance is cancelled.
    let cancelled: Promise<unknown> | undefined;
    const cancelAfterFirst = async (settings: Parameters<typeof connectConfiguredProvider>[0]): Promise<SmsProvider> => {
      const real = await connectConfiguredProvider(settings);
      return {
        send: async (m) => {
          const sent = await real.send(m);
          await (cancelled ??= withTenant(db, f.tenantId, (tx) => tx.performance.update({ where: { tenantId_id: { tenantId: f.tenantId, id: performanceId } }, data: { status: "cancelled" } })));
          return sent;
        },
        onDeliveryReport: (listener) => real.onDeliveryReport(listener),
        onInbound: (listener) => real.onInbound(listener),
        close: () => real.close(),
      };
    };
    const master = testMasterKey();
    const gateway = new SmsGateway({ db, master, logger, sink: createSmsEventSink(db, master, { now: () => new Date() }, logger), connect: cancelAfterFirst });
    const before = smsc.submitted.length;
    try {
      await launchCampaign({ tenantId: f.tenantId, campaignId: f.campaignId }, contextAt());
      const r = await runSmsCampaignBatch({ tenantId: f.tenantId, campaignId: f.campaignId, batch: 0 }, contextAt(), { ...runtime, gateway });
      // The first chunk was claimed before the cancellation: it goes out; the next one never does.
      expect(r).toMatchObject({ sent: 7, stopped: "campaign stopped: the promoted performance was cancelled" });
    } finally {
      await gateway.close();
    }
    expect(smsc.submitted.length - before).toBe(7);
    const rows = await rowsOf(f.tenantId, f.campaignId);
    expect(rows.filter((x) => x.status === "sent")).toHaveLength(7);
    expect(rows.filter((x) => x.status === "skipped").map((x) => x.lastError)).toEqual([
      "campaign stopped: the promoted performance was cancelled", "campaign stopped: the promoted performance was cancelled",
    ]);
    const campaign = await withTenant(db, f.tenantId, (tx) => tx.campaign.findFirstOrThrow({ where: { id: f.campaignId } }));
    expect(campaign).toMatchObject({ status: "cancelled", stopReason: "the promoted performance was cancelled" });
  });

  it("stops before sending anything when the promoted performance is cancelled by the time its batch runs", async () => {
    const f = await createSmsCampaignFixture(db, { recipients: 3, smscUrl: smsc.url });
    await launchCampaign({ tenantId: f.tenantId, campaignId: f.campaignId }, contextAt());
    await withTenant(db, f.tenantId, async (tx) => {
      const venue = await tx.venue.create({ data: { tenantId: f.tenantId, name: "Studio", capacity: 100 } });
      const show = await tx.show.create({ data: { tenantId: f.tenantId, title: "Tosca" } });
      const perf = await tx.performance.create({
        data: { tenantId: f.tenantId, showId: show.id, venueId: venue.id, capacity: 100, status: "cancelled", startsAt: new Date("2027-01-10T19:00:00Z"), endsAt: new Date("2027-01-10T22:00:00Z") },
      });
      await tx.campaign.update({ where: { tenantId_id: { tenantId: f.tenantId, id: f.campaignId } }, data: { promotedPerformanceId: perf.id } });
    });
    const before = smsc.submitted.length;
    const r = await runSmsCampaignBatch({ tenantId: f.tenantId, campaignId: f.campaignId, batch: 0 }, contextAt(), runtime);
    expect(r).toMatchObject({ sent: 0, stopped: "campaign stopped: the promoted performance was cancelled" });
    expect(smsc.submitted.length).toBe(before);
    expect((await rowsOf(f.tenantId, f.campaignId)).map((x) => x.status)).toEqual(["skipped", "skipped", "skipped"]);
  });
});

describe("SMS test send", () => {
  it("sends the draft with fallbacks and the mention to the number on the draft, outside the ledger", async () => {
    const f = await createSmsCampaignFixture(db, { recipients: 1, smscUrl: smsc.url });
    await withTenant(db, f.tenantId, (tx) => tx.campaign.update({
      where: { tenantId_id: { tenantId: f.tenantId, id: f.campaignId } },
      data: { status: "draft", content: { text: 'Salut {{firstName|"à vous"}} 🎭', senderId: "LUMIERE", testPhone: "+33698765431" } },
    }));
    const { sendSmsCampaignTest } = await import("./campaign-sms-test-send");
    const r = await sendSmsCampaignTest({ tenantId: f.tenantId, campaignId: f.campaignId, userId: f.tenantId }, contextAt(), runtime);
    expect(r.sent).toBe(true);
    expect(submittedTo("+33698765431").at(-1)?.text).toBe("[TEST] Salut à vous 🎭\nSTOP au 36180");
    expect(await rowsOf(f.tenantId, f.campaignId)).toHaveLength(0);
  });
});
