// The sending engine against real PostgreSQL and a real SMTP peer: exactly-once across reruns
// and dead workers, consent re-checked at send time, retries on 4xx, bounces on 5xx with
// suppression, and the automatic pause on a high bounce rate.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant, type Database } from "@rappel/db";
import { startSmtpPeer, type SmtpPeer } from "@rappel/mail/testing";
import { systemClock, type Clock } from "../clock";
import type { JobContext } from "../job-handler";
import { captureLogger, openAppDatabase } from "../testing/fixtures";
import { createCampaignFixture, engineTestConfig } from "../testing/campaign-fixture";
import { closeSenders, type EngineConfig } from "./campaign-engine";
import { runCampaignBatch } from "./campaign-batch";
import { countDeliveries, CLAIM_TTL_MS } from "./campaign-ledger";
import { launchCampaign } from "./campaign-launch";

let db: Database;
let peer: SmtpPeer;
let config: EngineConfig;

beforeAll(async () => {
  db = openAppDatabase();
  peer = await startSmtpPeer({
    verdict: (rcpt) => (rcpt.startsWith("busy") ? "tempfail" : rcpt.startsWith("nobody") ? "permfail" : "accept"),
  });
  config = engineTestConfig(peer.url, 4);
});
afterAll(async () => {
  await closeSenders();
  await peer.stop();
  await db.$disconnect();
});

function contextAt(clock: Clock = systemClock): JobContext {
  return { db, clock, logger: captureLogger().logger, signal: new AbortController().signal };
}
const fixed = (iso: string): Clock => ({ now: () => new Date(iso) });

async function sendAll(tenantId: string, campaignId: string, context = contextAt()) {
  const launched = await launchCampaign({ tenantId, campaignId }, context);
  const totals = { sent: 0, skipped: 0, failed: 0, retried: 0 };
  for (const batch of [0, 1]) {
    const r = await runCampaignBatch({ tenantId, campaignId, batch }, context, config);
    for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += r[k];
  }
  return { launched, totals };
}

const to = (rcpt: string) => peer.messages.filter((m) => m.envelope.to.includes(rcpt));

describe("campaign sending engine", () => {
  it("sends one personalised message per consenting recipient, with one-click unsubscribe headers", async () => {
    peer.clear();
    const f = await createCampaignFixture(db, { recipients: 12 });
    const { launched, totals } = await sendAll(f.tenantId, f.campaignId);
    expect(launched.inserted).toBe(12);
    expect(totals.sent).toBe(12);
    expect(peer.messages).toHaveLength(12);
    expect(new Set(peer.messages.map((m) => m.envelope.to[0])).size).toBe(12);
    const one = to("spectateur1@example.net")[0]!;
    expect(one.subject).toBe("Prénom1, la saison commence");
    expect(to("spectateur0@example.net")[0]!.subject).toBe("Bonjour, la saison commence"); // fallback
    expect(one.headers.get("list-unsubscribe")).toMatch(/^<http:\/\/rappel\.test\/m\/u\/[^>]+>$/);
    expect(one.headers.get("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    expect(one.html).toContain("http://rappel.test/m/c/");
    expect(one.text).toContain("La nouvelle saison est là.");
    expect(one.text).toMatch(/Vos données personnelles .*: http:\/\/rappel\.test\/privacy\/[a-z0-9-]+/);
    const counts = await withTenant(db, f.tenantId, (tx) => countDeliveries(tx, f.tenantId, f.campaignId));
    expect(counts.sent).toBe(12);
    const campaign = await withTenant(db, f.tenantId, (tx) => tx.campaign.findFirstOrThrow({ where: { id: f.campaignId } }));
    expect(campaign.status).toBe("sent");
  });

  it("sends nothing twice when the launch and the batches run again", async () => {
    peer.clear();
    const f = await createCampaignFixture(db, { recipients: 5 });
    await sendAll(f.tenantId, f.campaignId);
    await withTenant(db, f.tenantId, (tx) => tx.campaign.update({ where: { tenantId_id: { tenantId: f.tenantId, id: f.campaignId } }, data: { status: "sending" } }));
    const again = await sendAll(f.tenantId, f.campaignId);
    expect(again.launched.inserted).toBe(0);
    expect(again.totals.sent).toBe(0);
    expect(peer.messages).toHaveLength(5);
  });

  it("two jobs on one batch, each claiming its next chunk while it sends, share the rows and send none twice", async () => {
    peer.clear();
    const f = await createCampaignFixture(db, { recipients: 700 });
    await launchCampaign({ tenantId: f.tenantId, campaignId: f.campaignId }, contextAt());
    const runs = await Promise.all([0, 1].map(() => runCampaignBatch({ tenantId: f.tenantId, campaignId: f.campaignId, batch: 0 }, contextAt(), config)));
    expect(runs[0]!.sent + runs[1]!.sent).toBe(700);
    expect(runs.every((r) => r.sent > 0)).toBe(true);
    expect(peer.messages).toHaveLength(700);
    expect(new Set(peer.messages.map((m) => m.envelope.to[0])).size).toBe(700);
    const counts = await withTenant(db, f.tenantId, (tx) => countDeliveries(tx, f.tenantId, f.campaignId));
    expect(counts).toMatchObject({ sent: 700, sending: 0, pending: 0 });
  });

  it("re-sends rows claimed by a worker that died before its commit, once their claim expires", async () => {
    peer.clear();
    const f = await createCampaignFixture(db, { recipients: 4 });
    const t0 = "2026-11-22T10:00:00Z";
    await launchCampaign({ tenantId: f.tenantId, campaignId: f.campaignId }, contextAt(fixed(t0)));
    // A worker claimed everything then was killed: rows stay "sending" with a deadline.
    await withTenant(db, f.tenantId, (tx) =>
      tx.campaignDelivery.updateMany({ where: { tenantId: f.tenantId, campaignId: f.campaignId }, data: { status: "sending", claimedUntil: new Date(Date.parse(t0) + CLAIM_TTL_MS) } }),
    );
    const early = await runCampaignBatch({ tenantId: f.tenantId, campaignId: f.campaignId, batch: 0 }, contextAt(fixed(t0)), config);
    expect(early.sent).toBe(0); // the claim is still live: not ours to take
    const late = await runCampaignBatch({ tenantId: f.tenantId, campaignId: f.campaignId, batch: 0 }, contextAt(fixed("2026-11-22T10:00:16Z")), config);
    expect(late.sent).toBe(4);
    expect(peer.messages).toHaveLength(4);
  });

  it("re-checks consent at send time: an unsubscribe after the snapshot is honoured", async () => {
    peer.clear();
    const f = await createCampaignFixture(db, { recipients: 3 });
    await launchCampaign({ tenantId: f.tenantId, campaignId: f.campaignId }, contextAt());
    const target = f.emails.get("spectateur2@example.net")!;
    await withTenant(db, f.tenantId, (tx) =>
      tx.consent.update({ where: { tenantId_spectatorId_channel: { tenantId: f.tenantId, spectatorId: target, channel: "email" } }, data: { status: "withdrawn", source: "email:unsubscribe", recordedAt: new Date() } }),
    );
    const r = await runCampaignBatch({ tenantId: f.tenantId, campaignId: f.campaignId, batch: 0 }, contextAt(), config);
    expect(r).toMatchObject({ sent: 2, skipped: 1 });
    expect(to("spectateur2@example.net")).toHaveLength(0);
  });

  it("skips a spectator whose processing was restricted by a GDPR request after the snapshot", async () => {
    peer.clear();
    const f = await createCampaignFixture(db, { recipients: 3 });
    await launchCampaign({ tenantId: f.tenantId, campaignId: f.campaignId }, contextAt());
    const target = f.emails.get("spectateur1@example.net")!;
    await withTenant(db, f.tenantId, (tx) => tx.processingRestriction.create({ data: { tenantId: f.tenantId, spectatorId: target } }));
    const r = await runCampaignBatch({ tenantId: f.tenantId, campaignId: f.campaignId, batch: 0 }, contextAt(), config);
    expect(r).toMatchObject({ sent: 2, skipped: 1 });
    expect(to("spectateur1@example.net")).toHaveLength(0);
  });

  it("skips a spectator archived (past the active retention period) after the snapshot", async () => {
    peer.clear();
    const f = await createCampaignFixture(db, { recipients: 3 });
    await launchCampaign({ tenantId: f.tenantId, campaignId: f.campaignId }, contextAt());
    const target = f.emails.get("spectateur0@example.net")!;
    await withTenant(db, f.tenantId, (tx) =>
      tx.spectator.update({ where: { tenantId_id: { tenantId: f.tenantId, id: target } }, data: { archivedAt: new Date() } }),
    );
    const r = await runCampaignBatch({ tenantId: f.tenantId, campaignId: f.campaignId, batch: 0 }, contextAt(), config);
    expect(r).toMatchObject({ sent: 2, skipped: 1 });
    expect(to("spectateur0@example.net")).toHaveLength(0);
  });

  it("retries 4xx later with backoff, bounces 5xx and suppresses the address", async () => {
    peer.clear();
    const f = await createCampaignFixture(db, {
      recipients: 3,
      emailFor: (i) => ["ok@example.net", "busy@example.net", "nobody@example.net"][i]!,
    });
    const now = "2026-11-22T10:00:00Z";
    await launchCampaign({ tenantId: f.tenantId, campaignId: f.campaignId }, contextAt(fixed(now)));
    const r = await runCampaignBatch({ tenantId: f.tenantId, campaignId: f.campaignId, batch: 0 }, contextAt(fixed(now)), config);
    expect(r).toMatchObject({ sent: 1, retried: 1, failed: 1 });
    const rows = await withTenant(db, f.tenantId, (tx) => tx.campaignDelivery.findMany({ where: { campaignId: f.campaignId } }));
    const busy = rows.find((x) => x.spectatorId === f.emails.get("busy@example.net"))!;
    expect(busy.status).toBe("pending");
    expect(busy.nextAttemptAt?.toISOString()).toBe("2026-11-22T10:00:30.000Z");
    const nobody = rows.find((x) => x.spectatorId === f.emails.get("nobody@example.net"))!;
    expect(nobody.status).toBe("bounced");
    expect(nobody.lastError).toMatch(/No such user/);
    const suppressed = await withTenant(db, f.tenantId, (tx) => tx.suppression.count({ where: { tenantId: f.tenantId } }));
    expect(suppressed).toBe(1);
    const campaign = await withTenant(db, f.tenantId, (tx) => tx.campaign.findFirstOrThrow({ where: { id: f.campaignId } }));
    expect(campaign.status).toBe("sending"); // the retry is still due
  });

  it("pauses the tenant's sending when the hard-bounce rate crosses its limit", async () => {
    peer.clear();
    const f = await createCampaignFixture(db, {
      recipients: 300,
      emailFor: (i) => (i % 5 === 0 ? `nobody${i}@example.net` : `fan${i}@example.net`),
    });
    const { totals } = await sendAll(f.tenantId, f.campaignId);
    const state = await withTenant(db, f.tenantId, async (tx) => ({
      campaign: await tx.campaign.findFirstOrThrow({ where: { id: f.campaignId } }),
      sender: await tx.senderIdentity.findFirstOrThrow({ where: { tenantId: f.tenantId } }),
    }));
    expect(state.campaign.status).toBe("paused");
    expect(state.sender.pausedAt).not.toBeNull();
    expect(state.sender.pauseReason).toMatch(/hard-bounce rate/);
    expect(totals.sent).toBeLessThan(300 - 60);
  });
});
