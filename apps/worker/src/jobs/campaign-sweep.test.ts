// The sweep launches scheduled campaigns on time, with an injected clock, on real PostgreSQL and
// Redis: nothing before the time, a launch job once due, a rescheduled campaign launched at its
// new time only (its earlier job stops without freezing anything), an unscheduled or cancelled one
// never; and an A/B decision is queued once due, at its moved time when the marketer moved it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant, type Database } from "@rappel/db";
import { createJobProducer, createRedisConnection, type JobProducer } from "@rappel/jobs";
import { removeQueuePrefix, testRedisUrl, uniqueQueuePrefix } from "@rappel/jobs/testing";
import type { Redis } from "ioredis";
import type { Clock } from "../clock";
import type { JobContext } from "../job-handler";
import { captureLogger, openAppDatabase } from "../testing/fixtures";
import { createCampaignFixture, type CampaignFixture } from "../testing/campaign-fixture";
import { launchCampaign } from "./campaign-launch";
import { sweepCampaigns } from "./campaign-sweep";

let db: Database;
let connection: Redis;
let producer: JobProducer;
const prefix = uniqueQueuePrefix("sweep");

beforeAll(async () => {
  db = openAppDatabase();
  connection = createRedisConnection(testRedisUrl(), { role: "producer" });
  producer = createJobProducer(connection, { prefix });
});
afterAll(async () => {
  await producer.close();
  await removeQueuePrefix(connection, prefix);
  await connection.quit();
  await db.$disconnect();
});

const T0 = Date.parse("2026-11-23T10:00:00Z");
const clockAt = (minutes: number): Clock => ({ now: () => new Date(T0 + minutes * 60_000) });
const contextAt = (minutes: number): JobContext => ({ db, producer, clock: clockAt(minutes), logger: captureLogger().logger, signal: new AbortController().signal });

async function scheduledAt(f: CampaignFixture, minutes: number | null, status: "scheduled" | "draft" | "cancelled" = "scheduled") {
  await withTenant(db, f.tenantId, (tx) =>
    tx.campaign.update({
      where: { tenantId_id: { tenantId: f.tenantId, id: f.campaignId } },
      data: { status, scheduledAt: minutes === null ? null : new Date(T0 + minutes * 60_000) },
    }),
  );
}
/** Jobs of `kind` waiting in our queue for this campaign. */
async function queued(kind: string, f: CampaignFixture) {
  const jobs = await producer.queue("email-send").getJobs(["waiting", "delayed", "prioritized"]);
  return jobs.filter((j) => j.name === kind && (j.data as { campaignId: string }).campaignId === f.campaignId);
}
const statusOf = (f: CampaignFixture) =>
  withTenant(db, f.tenantId, (tx) => tx.campaign.findFirstOrThrow({ where: { tenantId: f.tenantId, id: f.campaignId }, select: { status: true, startedAt: true } }));

describe("campaign scheduling sweep", () => {
  it("launches a scheduled campaign when due, not before", async () => {
    const f = await createCampaignFixture(db, { recipients: 3 });
    await scheduledAt(f, 30);
    await sweepCampaigns(contextAt(29));
    expect(await queued("campaign-launch", f)).toHaveLength(0);
    await sweepCampaigns(contextAt(30));
    expect(await queued("campaign-launch", f)).toHaveLength(1);
    // An early run of the launch (clock before the time) freezes nothing.
    expect((await launchCampaign({ tenantId: f.tenantId, campaignId: f.campaignId }, contextAt(29))).stopped).toBe("scheduled for later");
    const launched = await launchCampaign({ tenantId: f.tenantId, campaignId: f.campaignId }, contextAt(30));
    expect(launched.inserted).toBe(3);
    expect(await statusOf(f)).toEqual({ status: "sending", startedAt: new Date(T0 + 30 * 60_000) });
  });

  it("launches a rescheduled campaign at its new time only, even after its first launch job ran", async () => {
    const f = await createCampaignFixture(db, { recipients: 2 });
    await scheduledAt(f, 10);
    await sweepCampaigns(contextAt(10));
    expect(await queued("campaign-launch", f)).toHaveLength(1);
    await scheduledAt(f, 120); // rescheduled before the queued job ran
    const early = await launchCampaign({ tenantId: f.tenantId, campaignId: f.campaignId }, contextAt(10));
    expect(early).toMatchObject({ inserted: 0, stopped: "scheduled for later" });
    await sweepCampaigns(contextAt(60));
    expect(await queued("campaign-launch", f)).toHaveLength(1); // only the old one
    await sweepCampaigns(contextAt(120));
    // A second job under a new id: BullMQ keeps finished jobs, and the old id would swallow it.
    const jobs = await queued("campaign-launch", f);
    expect(new Set(jobs.map((j) => j.id)).size).toBe(2);
    expect((await launchCampaign({ tenantId: f.tenantId, campaignId: f.campaignId }, contextAt(120))).inserted).toBe(2);
  });

  it("never launches an unscheduled (back to draft) or cancelled campaign", async () => {
    const unscheduled = await createCampaignFixture(db, { recipients: 2 });
    const cancelled = await createCampaignFixture(db, { recipients: 2 });
    await scheduledAt(unscheduled, null, "draft");
    await scheduledAt(cancelled, 5, "cancelled");
    await sweepCampaigns(contextAt(600));
    expect(await queued("campaign-launch", unscheduled)).toHaveLength(0);
    expect(await queued("campaign-launch", cancelled)).toHaveLength(0);
    // A launch job queued before the unscheduling stops without freezing the audience.
    expect((await launchCampaign({ tenantId: unscheduled.tenantId, campaignId: unscheduled.campaignId }, contextAt(600))).stopped).toBe("campaign is draft");
    expect((await launchCampaign({ tenantId: cancelled.tenantId, campaignId: cancelled.campaignId }, contextAt(600))).stopped).toBe("campaign is cancelled");
    const rows = await withTenant(db, unscheduled.tenantId, (tx) => tx.campaignDelivery.count({ where: { tenantId: unscheduled.tenantId } }));
    expect(rows).toBe(0);
  });

  it("queues an A/B decision once it is due", async () => {
    const f = await createCampaignFixture(db, { recipients: 4 });
    await withTenant(db, f.tenantId, (tx) =>
      tx.campaign.update({
        where: { tenantId_id: { tenantId: f.tenantId, id: f.campaignId } },
        data: { abTest: { alternativeSubjects: ["B"], samplePercent: 50, metric: "open", waitMinutes: 60 } },
      }),
    );
    await launchCampaign({ tenantId: f.tenantId, campaignId: f.campaignId }, contextAt(0));
    const delayed = await queued("campaign-ab-decide", f); // the launch's own, delayed by the wait
    expect(delayed.map((j) => j.opts.delay)).toEqual([60 * 60_000]);
    await delayed[0]!.remove();
    await sweepCampaigns(contextAt(59));
    expect(await queued("campaign-ab-decide", f)).toHaveLength(0);
    await sweepCampaigns(contextAt(60));
    expect(await queued("campaign-ab-decide", f)).toHaveLength(1);
  });

  it("queues a moved A/B decision at its new time: earlier when brought forward, not at the old time when pushed back", async () => {
    const f = await createCampaignFixture(db, { recipients: 4 });
    const campaign = { tenantId_id: { tenantId: f.tenantId, id: f.campaignId } };
    await withTenant(db, f.tenantId, (tx) =>
      tx.campaign.update({ where: campaign, data: { abTest: { alternativeSubjects: ["B"], samplePercent: 50, metric: "open", waitMinutes: 240 } } }),
    );
    await launchCampaign({ tenantId: f.tenantId, campaignId: f.campaignId }, contextAt(0));
    for (const job of await queued("campaign-ab-decide", f)) await job.remove();
    const moveTo = (minutes: number) =>
      withTenant(db, f.tenantId, (tx) => tx.campaign.update({ where: campaign, data: { abDecideAt: new Date(T0 + minutes * 60_000) } }));

    await moveTo(90); // brought forward from 240
    await sweepCampaigns(contextAt(89));
    expect(await queued("campaign-ab-decide", f)).toHaveLength(0);
    await sweepCampaigns(contextAt(90));
    expect(await queued("campaign-ab-decide", f)).toHaveLength(1);
    for (const job of await queued("campaign-ab-decide", f)) await job.remove();

    await moveTo(600); // then pushed back past the original time
    await sweepCampaigns(contextAt(240));
    await sweepCampaigns(contextAt(599));
    expect(await queued("campaign-ab-decide", f)).toHaveLength(0);
    // A duplicate launch job keeps the moved time instead of restarting the wait.
    await launchCampaign({ tenantId: f.tenantId, campaignId: f.campaignId }, contextAt(300));
    expect(await queued("campaign-ab-decide", f)).toEqual([expect.objectContaining({ opts: expect.objectContaining({ delay: 300 * 60_000 }) })]);
    for (const job of await queued("campaign-ab-decide", f)) await job.remove();
    await sweepCampaigns(contextAt(600));
    expect(await queued("campaign-ab-decide", f)).toHaveLength(1);
  });
});
