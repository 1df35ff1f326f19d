// The test send of an A/B subject test, against real PostgreSQL and a real SMTP peer: the
// marketer gets the variant asked for (A is the campaign's own subject), a variant the test does
// not have is refused and sends nothing, and nothing reaches the ledger.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TAbTestConfig } from "@rappel/campaigns";
import { withTenant, type Database } from "@rappel/db";
import { startSmtpPeer, type SmtpPeer } from "@rappel/mail/testing";
import { systemClock } from "../clock";
import type { JobContext } from "../job-handler";
import { captureLogger, openAppDatabase } from "../testing/fixtures";
import { createCampaignFixture, engineTestConfig } from "../testing/campaign-fixture";
import type { EngineConfig } from "./campaign-engine";
import { sendCampaignTest } from "./campaign-test-send";

let db: Database;
let peer: SmtpPeer;
let config: EngineConfig;

beforeAll(async () => {
  db = openAppDatabase();
  peer = await startSmtpPeer();
  config = engineTestConfig(peer.url, 2);
});
afterAll(async () => {
  await peer.stop();
  await db.$disconnect();
});

const context = (): JobContext => ({ db, clock: systemClock, logger: captureLogger().logger, signal: new AbortController().signal });

describe("test send of an A/B subject test", () => {
  it("sends the subject of the variant asked for, and refuses a variant the test does not have", async () => {
    const f = await createCampaignFixture(db, { recipients: 2 });
    const abTest: TAbTestConfig = { alternativeSubjects: ["Dernières places, {{firstName|\"vite\"}} !"], samplePercent: 20, metric: "open", waitMinutes: 60 };
    await withTenant(db, f.tenantId, (tx) => tx.campaign.update({ where: { tenantId_id: { tenantId: f.tenantId, id: f.campaignId } }, data: { abTest } }));
    const payload = { tenantId: f.tenantId, campaignId: f.campaignId, userId: f.userId };
    peer.clear();

    expect(await sendCampaignTest({ ...payload, variant: "B" }, context(), config)).toMatchObject({ sent: true });
    expect(await sendCampaignTest({ ...payload, variant: "A" }, context(), config)).toMatchObject({ sent: true });
    expect(await sendCampaignTest(payload, context(), config)).toMatchObject({ sent: true });
    expect(peer.messages.map((m) => m.subject)).toEqual([
      "[TEST] Dernières places, vite !",
      "[TEST] Bonjour, la saison commence",
      "[TEST] Bonjour, la saison commence",
    ]);

    expect(await sendCampaignTest({ ...payload, variant: "C" }, context(), config)).toMatchObject({ sent: false });
    expect(peer.messages).toHaveLength(3);
    expect(await withTenant(db, f.tenantId, (tx) => tx.campaignDelivery.count({ where: { campaignId: f.campaignId } }))).toBe(0);
  });
});
