// The automatic stop against real PostgreSQL and a real SMTP peer: a campaign promoting a
// performance stops when the performance is cancelled (checked by the next batch) or sells out
// (checked after an import of sales); the rows not yet sent are skipped with the reason.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant, type Database } from "@rappel/db";
import { startSmtpPeer, type SmtpPeer } from "@rappel/mail/testing";
import { systemClock } from "../clock";
import type { JobContext } from "../job-handler";
import { captureLogger, openAppDatabase } from "../testing/fixtures";
import { createCampaignFixture, engineTestConfig, type CampaignFixture } from "../testing/campaign-fixture";
import { autoStopTenantCampaigns } from "./campaign-auto-stop";
import { runCampaignBatch } from "./campaign-batch";
import { closeSenders, type EngineConfig } from "./campaign-engine";
import { countDeliveries } from "./campaign-ledger";
import { launchCampaign } from "./campaign-launch";

let db: Database;
let peer: SmtpPeer;
let config: EngineConfig;
const context = (): JobContext => ({ db, clock: systemClock, logger: captureLogger().logger, signal: new AbortController().signal });

beforeAll(async () => {
  db = openAppDatabase();
  peer = await startSmtpPeer();
  config = engineTestConfig(peer.url, 4);
});
afterAll(async () => {
  await closeSenders();
  await peer.stop();
  await db.$disconnect();
});

/** A performance of `capacity` seats promoted by the fixture's campaign. */
async function promote(f: CampaignFixture, capacity: number): Promise<string> {
  return withTenant(db, f.tenantId, async (tx) => {
    const venue = await tx.venue.create({ data: { tenantId: f.tenantId, name: "Grande salle", capacity } });
    const show = await tx.show.create({ data: { tenantId: f.tenantId, title: "Carmen" } });
    const perf = await tx.performance.create({
      data: { tenantId: f.tenantId, showId: show.id, venueId: venue.id, capacity, startsAt: new Date("2027-01-10T19:00:00Z"), endsAt: new Date("2027-01-10T22:00:00Z") },
    });
    await tx.campaign.update({ where: { tenantId_id: { tenantId: f.tenantId, id: f.campaignId } }, data: { promotedPerformanceId: perf.id } });
    return perf.id;
  });
}

async function sellTickets(f: CampaignFixture, performanceId: string, count: number, status: "valid" | "refunded" = "valid") {
  await withTenant(db, f.tenantId, async (tx) => {
    const order = await tx.order.create({
      data: {
        tenantId: f.tenantId, reference: `O-${randomBytes(4).toString("hex")}`, orderedAt: new Date(), salesChannel: "web",
        totalCents: status === "valid" ? 3000 * count : 0, status: status === "valid" ? "paid" : "refunded",
      },
    });
    await tx.ticket.createMany({
      data: Array.from({ length: count }, () => ({
        tenantId: f.tenantId, reference: `T-${randomBytes(5).toString("hex")}`, orderId: order.id, performanceId,
        priceCategory: "A", priceCents: 3000, salesChannel: "web" as const, status, issuedAt: new Date(),
      })),
    });
  });
}

const campaignOf = (f: CampaignFixture) => withTenant(db, f.tenantId, (tx) => tx.campaign.findFirstOrThrow({ where: { id: f.campaignId } }));
const auditOf = (f: CampaignFixture) =>
  withTenant(db, f.tenantId, (tx) => tx.auditEntry.findMany({ where: { tenantId: f.tenantId, action: "activation.campaign_stopped" }, select: { details: true } }));

describe("automatic stop of campaigns", () => {
  it("stops a sending campaign at its next batch once the promoted performance is cancelled", async () => {
    peer.clear();
    const f = await createCampaignFixture(db, { recipients: 6 });
    const performanceId = await promote(f, 500);
    await launchCampaign({ tenantId: f.tenantId, campaignId: f.campaignId }, context());
    await withTenant(db, f.tenantId, (tx) => tx.performance.update({ where: { tenantId_id: { tenantId: f.tenantId, id: performanceId } }, data: { status: "cancelled" } }));
    const r = await runCampaignBatch({ tenantId: f.tenantId, campaignId: f.campaignId, batch: 0 }, context(), config);
    expect(r).toMatchObject({ sent: 0, stopped: "campaign stopped: the promoted performance was cancelled" });
    expect(peer.messages).toHaveLength(0);
    const campaign = await campaignOf(f);
    expect(campaign).toMatchObject({ status: "cancelled", stopReason: "the promoted performance was cancelled" });
    const counts = await withTenant(db, f.tenantId, (tx) => countDeliveries(tx, f.tenantId, f.campaignId));
    expect(counts).toMatchObject({ skipped: 6, pending: 0 });
    const row = await withTenant(db, f.tenantId, (tx) => tx.campaignDelivery.findFirstOrThrow({ where: { campaignId: f.campaignId } }));
    expect(row.lastError).toBe("campaign stopped: the promoted performance was cancelled");
    expect(await auditOf(f)).toEqual([{ details: { reason: "the promoted performance was cancelled", skipped: 6 } }]);
  });

  it("keeps sending while seats remain, and stops a scheduled campaign when imported sales fill the performance", async () => {
    peer.clear();
    const f = await createCampaignFixture(db, { recipients: 3 });
    const performanceId = await promote(f, 3);
    await sellTickets(f, performanceId, 2);
    await sellTickets(f, performanceId, 4, "refunded"); // refunds free their seats
    expect(await autoStopTenantCampaigns(db, f.tenantId, new Date())).toEqual([]);
    expect((await campaignOf(f)).status).toBe("scheduled");
    await sellTickets(f, performanceId, 1);
    const stopped = await autoStopTenantCampaigns(db, f.tenantId, new Date());
    expect(stopped).toEqual([{ campaignId: f.campaignId, reason: "the promoted performance is sold out (3 tickets for 3 seats)" }]);
    expect(await campaignOf(f)).toMatchObject({ status: "cancelled", stopReason: "the promoted performance is sold out (3 tickets for 3 seats)" });
    const launched = await launchCampaign({ tenantId: f.tenantId, campaignId: f.campaignId }, context());
    expect(launched).toMatchObject({ inserted: 0, stopped: "campaign is cancelled" });
    expect(peer.messages).toHaveLength(0);
    expect(await auditOf(f)).toHaveLength(1);
  });

  it("does not stop a campaign whose performance has no capacity set (capacity 0)", async () => {
    const f = await createCampaignFixture(db, { recipients: 1 });
    const performanceId = await promote(f, 0);
    await sellTickets(f, performanceId, 1);
    expect(await autoStopTenantCampaigns(db, f.tenantId, new Date())).toEqual([]);
  });
});
