// Scheduling from the staff side against real PostgreSQL (RLS) and Redis: send now queues the
// launch, a Paris time is stored as its instant, reschedule and unschedule work only while the
// campaign waits, every change is audited, and another tenant's member cannot touch it. A running
// A/B test's decision time moves within its bounds until the winner is chosen.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, withTenant, type Database } from "@rappel/db";
import { createTestDatabase, createTwoTenants, type TenantRows, type TestDatabase } from "@rappel/db/testing";
import { createJobProducer, createRedisConnection, type JobProducer } from "@rappel/jobs";
import { removeQueuePrefix, testRedisUrl, uniqueQueuePrefix } from "@rappel/jobs/testing";
import type { Redis } from "ioredis";
import { CampaignError, createCampaignDraft, startCampaign, updateCampaignDraft } from "./campaigns";
import { readScheduleForm, rescheduleCampaign, unscheduleCampaign } from "./campaign-schedule";
import { moveAbDecision } from "./ab-decision-time";

let testDb: TestDatabase;
let db: Database;
let a: TenantRows;
let b: TenantRows;
let redis: Redis;
let producer: JobProducer;
const prefix = uniqueQueuePrefix("web-schedule");

beforeAll(async () => {
  testDb = await createTestDatabase("rappel_web_test");
  db = createDatabase(testDb.appUrl, { max: 4 });
  ({ a, b } = await createTwoTenants(db));
  redis = createRedisConnection(testRedisUrl(), { role: "producer" });
  producer = createJobProducer(redis, { prefix });
});
afterAll(async () => {
  await producer?.close();
  if (redis) {
    await removeQueuePrefix(redis, prefix);
    await redis.quit();
  }
  await db?.$disconnect();
  await testDb?.drop();
});

const scopeOf = (t: TenantRows) => ({ tenantId: t.tenantId, userId: t.userId });
const NOW = new Date("2026-11-23T09:00:00Z"); // 10:00 in Paris

async function readyDraft(t: TenantRows): Promise<string> {
  const id = await createCampaignDraft(db, scopeOf(t), `Campagne ${randomBytes(3).toString("hex")}`);
  await updateCampaignDraft(db, scopeOf(t), id, {
    name: "Programmée", segmentId: t.segmentId, subject: "La saison commence", preheader: "", holdoutPercent: 0, attributionDays: 7,
    content: { blocks: [{ type: "text", text: "Bonjour" }] }, abTest: { alternativeSubjects: ["Dernières places"], samplePercent: 20, metric: "open", waitMinutes: 240 },
  });
  return id;
}
const campaignOf = (t: TenantRows, id: string) => withTenant(db, t.tenantId, (tx) => tx.campaign.findFirstOrThrow({ where: { tenantId: t.tenantId, id } }));
const auditsOf = (t: TenantRows, id: string) =>
  withTenant(db, t.tenantId, (tx) => tx.auditEntry.findMany({ where: { tenantId: t.tenantId, targetId: id }, orderBy: { seq: "asc" } }));
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};
const codeOf = async (p: Promise<unknown>) => p.then(() => "ok", (e: unknown) => (e instanceof CampaignError ? e.code : String(e)));

describe("campaign scheduling", () => {
  it("reads the form's Paris time, refusing past and non-existent times with their reason", async () => {
    expect(readScheduleForm(form({ sendMode: "now" }), NOW)).toBeUndefined();
    expect(readScheduleForm(form({ sendMode: "later", scheduleDate: "2026-12-01", scheduleTime: "20:00" }), NOW)).toEqual(new Date("2026-12-01T19:00:00Z"));
    expect(await codeOf(Promise.resolve().then(() => readScheduleForm(form({ sendMode: "later", scheduleDate: "2026-11-23", scheduleTime: "09:30" }), NOW)))).toBe("schedule_past");
    expect(await codeOf(Promise.resolve().then(() => readScheduleForm(form({ sendMode: "later", scheduleDate: "2027-03-28", scheduleTime: "02:15" }), NOW)))).toBe("schedule_nonexistent");
    expect(await codeOf(Promise.resolve().then(() => readScheduleForm(form({ sendMode: "later", scheduleDate: "", scheduleTime: "" }), NOW)))).toBe("schedule_invalid");
    expect(await codeOf(Promise.resolve().then(() => readScheduleForm(form({ sendMode: "soon" }), NOW)))).toBe("schedule_invalid");
  });

  it("sends now through a launch job, with the request time recorded for the sweep", async () => {
    const id = await readyDraft(a);
    await startCampaign(db, producer, scopeOf(a), id, undefined, NOW);
    expect(await campaignOf(a, id)).toMatchObject({ status: "scheduled", scheduledAt: NOW });
    const job = await producer.queue("email-send").getJob(`cl-${id}`);
    expect(job?.data).toEqual({ tenantId: a.tenantId, campaignId: id });
    expect((await auditsOf(a, id)).map((e) => e.action)).toEqual(["campaign.start"]);
  });

  it("schedules, reschedules and unschedules while the campaign waits, each change audited", async () => {
    const id = await readyDraft(a);
    const first = new Date("2026-12-01T19:00:00Z");
    await startCampaign(db, producer, scopeOf(a), id, first, NOW);
    expect(await campaignOf(a, id)).toMatchObject({ status: "scheduled", scheduledAt: first });
    expect(await producer.queue("email-send").getJob(`cl-${id}`)).toBeUndefined(); // the sweep launches it when due

    const second = new Date("2026-12-02T08:30:00Z");
    await rescheduleCampaign(db, scopeOf(a), id, second, NOW);
    expect((await campaignOf(a, id)).scheduledAt).toEqual(second);
    expect(await codeOf(rescheduleCampaign(db, scopeOf(a), id, new Date("2026-11-23T08:00:00Z"), NOW))).toBe("schedule_past");

    await unscheduleCampaign(db, scopeOf(a), id);
    expect(await campaignOf(a, id)).toMatchObject({ status: "draft", scheduledAt: null, abTest: expect.objectContaining({ samplePercent: 20 }) });
    expect(await codeOf(unscheduleCampaign(db, scopeOf(a), id))).toBe("not_scheduled");
    expect(await codeOf(rescheduleCampaign(db, scopeOf(a), id, second, NOW))).toBe("not_scheduled");

    const audits = await auditsOf(a, id);
    expect(audits.map((e) => e.action)).toEqual(["campaign.schedule", "campaign.reschedule", "campaign.unschedule"]);
    expect(audits[0]!.details).toEqual({ scheduledAt: first.toISOString() });
    expect(audits[1]!.details).toEqual({ from: first.toISOString(), to: second.toISOString() });
  });

  it("refuses to change a campaign that has started", async () => {
    const id = await readyDraft(a);
    await startCampaign(db, producer, scopeOf(a), id, new Date("2026-12-01T19:00:00Z"), NOW);
    await withTenant(db, a.tenantId, (tx) => tx.campaign.update({ where: { tenantId_id: { tenantId: a.tenantId, id } }, data: { status: "sending" } }));
    expect(await codeOf(rescheduleCampaign(db, scopeOf(a), id, new Date("2026-12-05T19:00:00Z"), NOW))).toBe("not_scheduled");
    expect(await codeOf(unscheduleCampaign(db, scopeOf(a), id))).toBe("not_scheduled");
    expect((await campaignOf(a, id)).status).toBe("sending");
  });

  it("does not let another tenant's member reschedule or unschedule (not found), while the owner can", async () => {
    const id = await readyDraft(a);
    await startCampaign(db, producer, scopeOf(a), id, new Date("2026-12-01T19:00:00Z"), NOW);
    expect(await codeOf(rescheduleCampaign(db, scopeOf(b), id, new Date("2026-12-03T19:00:00Z"), NOW))).toBe("not_found");
    expect(await codeOf(unscheduleCampaign(db, scopeOf(b), id))).toBe("not_found");
    expect(await campaignOf(a, id)).toMatchObject({ status: "scheduled", scheduledAt: new Date("2026-12-01T19:00:00Z") });
    await rescheduleCampaign(db, scopeOf(a), id, new Date("2026-12-03T19:00:00Z"), NOW);
    expect((await campaignOf(a, id)).scheduledAt).toEqual(new Date("2026-12-03T19:00:00Z"));
  });
});

describe("moving a running A/B test's decision", () => {
  const STARTED = new Date("2026-11-23T08:00:00Z"); // launched an hour before NOW
  const DECIDE = new Date("2026-11-23T12:00:00Z"); // after the 4 h wait
  async function runningAbTest(t: TenantRows, changes: { status?: "sending" | "paused"; abWinner?: "A" } = {}): Promise<string> {
    const id = await readyDraft(t);
    await startCampaign(db, producer, scopeOf(t), id, new Date("2026-11-23T07:59:00Z"), new Date("2026-11-23T07:00:00Z"));
    await withTenant(db, t.tenantId, (tx) => tx.campaign.update({
      where: { tenantId_id: { tenantId: t.tenantId, id } }, data: { status: "sending", startedAt: STARTED, abDecideAt: DECIDE, ...changes },
    }));
    return id;
  }

  it("brings the decision forward and pushes it back, audited, with a delayed decision job at the new time", async () => {
    const id = await runningAbTest(a);
    const earlier = new Date("2026-11-23T09:30:00Z");
    await moveAbDecision(db, producer, scopeOf(a), id, earlier, NOW);
    expect((await campaignOf(a, id)).abDecideAt).toEqual(earlier);
    const job = await producer.queue("email-send").getJob(`cad-${id}-m${earlier.getTime()}`);
    expect(job?.data).toEqual({ tenantId: a.tenantId, campaignId: id });
    expect(job?.opts.delay).toBe(30 * 60_000);

    const later = new Date("2026-11-24T20:00:00Z");
    await moveAbDecision(db, producer, scopeOf(a), id, later, NOW);
    expect((await campaignOf(a, id)).abDecideAt).toEqual(later);
    const moves = (await auditsOf(a, id)).filter((e) => e.action === "campaign.ab_decide_moved");
    expect(moves.map((e) => e.details)).toEqual([
      { from: DECIDE.toISOString(), to: earlier.toISOString() },
      { from: earlier.toISOString(), to: later.toISOString() },
    ]);
  });

  it("refuses a time in the past, before the minimum wait or after the maximum, and changes nothing", async () => {
    const id = await runningAbTest(a);
    expect(await codeOf(moveAbDecision(db, producer, scopeOf(a), id, new Date("2026-11-23T08:45:00Z"), NOW))).toBe("schedule_past");
    expect(await codeOf(moveAbDecision(db, producer, scopeOf(a), id, new Date("2026-11-23T08:20:00Z"), new Date("2026-11-23T08:10:00Z")))).toBe("ab_decide_too_early");
    expect(await codeOf(moveAbDecision(db, producer, scopeOf(a), id, new Date("2026-11-26T08:01:00Z"), NOW))).toBe("ab_decide_too_late");
    // The bounds themselves are allowed.
    await moveAbDecision(db, producer, scopeOf(a), id, new Date("2026-11-26T08:00:00Z"), NOW);
    expect((await campaignOf(a, id)).abDecideAt).toEqual(new Date("2026-11-26T08:00:00Z"));
  });

  it("moves a paused test too, but not once the winner is chosen nor a campaign without a running test", async () => {
    const paused = await runningAbTest(a, { status: "paused" });
    await moveAbDecision(db, producer, scopeOf(a), paused, new Date("2026-11-23T10:00:00Z"), NOW);
    expect((await campaignOf(a, paused)).abDecideAt).toEqual(new Date("2026-11-23T10:00:00Z"));

    const decided = await runningAbTest(a, { abWinner: "A" });
    expect(await codeOf(moveAbDecision(db, producer, scopeOf(a), decided, new Date("2026-11-23T10:00:00Z"), NOW))).toBe("ab_decided");
    expect((await campaignOf(a, decided)).abDecideAt).toEqual(DECIDE);

    const waiting = await readyDraft(a);
    await startCampaign(db, producer, scopeOf(a), waiting, new Date("2026-12-01T19:00:00Z"), NOW);
    expect(await codeOf(moveAbDecision(db, producer, scopeOf(a), waiting, new Date("2026-12-01T20:00:00Z"), NOW))).toBe("ab_not_running");
  });

  it("does not let another tenant's member move it (not found)", async () => {
    const id = await runningAbTest(a);
    expect(await codeOf(moveAbDecision(db, producer, scopeOf(b), id, new Date("2026-11-23T10:00:00Z"), NOW))).toBe("not_found");
    expect((await campaignOf(a, id)).abDecideAt).toEqual(DECIDE);
  });
});
