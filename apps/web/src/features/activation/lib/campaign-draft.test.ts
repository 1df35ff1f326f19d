// Saving a campaign draft's promoted performance (what the worker's automatic stop watches), for
// the e-mail and the SMS editor alike, against real PostgreSQL (RLS): the tenant's own upcoming
// performance is kept; another tenant's is refused as unknown, a past or cancelled one as
// unavailable, without changing anything; an empty choice clears it; the current choice stays
// savable even once it is past or cancelled (the editor still offers it).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, withTenant, type Database } from "@rappel/db";
import { createTestDatabase, createTwoTenants, type TenantRows, type TestDatabase } from "@rappel/db/testing";
import { CampaignError, ZCampaignInput, createCampaignDraft, updateCampaignDraft } from "./campaigns";
import { listPromotablePerformances } from "./promoted-performance";
import { ZSmsCampaignInput, updateSmsCampaignDraft } from "./sms-campaigns";

let testDb: TestDatabase;
let db: Database;
let a: TenantRows;
let b: TenantRows;
const DAY = 86_400_000;

beforeAll(async () => {
  testDb = await createTestDatabase("rappel_web_test");
  db = createDatabase(testDb.appUrl, { max: 2 });
  ({ a, b } = await createTwoTenants(db));
});
afterAll(async () => {
  await db?.$disconnect();
  await testDb?.drop();
});

const scope = () => ({ tenantId: a.tenantId, userId: a.userId });
/** A performance of tenant A starting `inDays` from now (negative: already played). */
const performance = (inDays: number, status: "scheduled" | "cancelled" = "scheduled") => withTenant(db, a.tenantId, async (tx) => {
  const startsAt = new Date(Date.now() + inDays * DAY);
  const row = await tx.performance.create({ data: { tenantId: a.tenantId, showId: a.showId, venueId: a.venueId, startsAt, endsAt: new Date(startsAt.getTime() + 7_200_000), capacity: 300, status } });
  return row.id;
});
const emailDraft = (promotedPerformanceId: string) => ZCampaignInput.parse({
  name: "Dernières places", segmentId: a.segmentId, subject: "Il reste des places", preheader: "", holdoutPercent: 0, attributionDays: 7,
  content: { blocks: [{ type: "text", text: "Bonjour" }] }, promotedPerformanceId,
});
const smsDraft = (promotedPerformanceId: string) => ZSmsCampaignInput.parse({
  name: "Dernières places", segmentId: a.segmentId, holdoutPercent: "0", attributionDays: "7", scheduledAt: "",
  content: { text: "Il reste des places", senderId: "LUMIERE" }, promotedPerformanceId,
});
const promotedOf = async (id: string) =>
  (await withTenant(db, a.tenantId, (tx) => tx.campaign.findFirstOrThrow({ where: { tenantId: a.tenantId, id } }))).promotedPerformanceId;
const refusal = (p: Promise<unknown>) => p.then(() => "saved", (e: unknown) => (e instanceof CampaignError ? e.code : e));

const editors = [
  { channel: "email" as const, save: (id: string, perf: string) => updateCampaignDraft(db, scope(), id, emailDraft(perf)) },
  { channel: "sms" as const, save: (id: string, perf: string) => updateSmsCampaignDraft(db, scope(), id, smsDraft(perf)) },
];

describe.each(editors)("$channel campaign draft: promoted performance", ({ channel, save }) => {
  it("keeps the tenant's own upcoming performance, refuses another tenant's, a past or a cancelled one, clears on an empty choice", async () => {
    const id = await createCampaignDraft(db, scope(), "Promotion", channel);
    const upcoming = await performance(10);
    await save(id, upcoming);
    expect(await promotedOf(id)).toBe(upcoming);

    expect(await refusal(save(id, b.performanceId))).toBe("promoted_performance_unknown");
    expect(await refusal(save(id, await performance(-1)))).toBe("promoted_performance_unavailable");
    expect(await refusal(save(id, await performance(10, "cancelled")))).toBe("promoted_performance_unavailable");
    expect(await promotedOf(id)).toBe(upcoming);

    await save(id, "");
    expect(await promotedOf(id)).toBeNull();
  });

  it("still saves the current choice once that performance is cancelled", async () => {
    const id = await createCampaignDraft(db, scope(), "Promotion", channel);
    const chosen = await performance(5);
    await save(id, chosen);
    await withTenant(db, a.tenantId, (tx) => tx.performance.update({ where: { tenantId_id: { tenantId: a.tenantId, id: chosen } }, data: { status: "cancelled" } }));
    expect(await refusal(save(id, chosen))).toBe("saved");
  });
});

describe("promoted performance choices", () => {
  it("offers the tenant's upcoming, not cancelled performances, plus the current choice; rejects a malformed id", async () => {
    const upcoming = await performance(20);
    const cancelled = await performance(20, "cancelled");
    const past = await performance(-2);
    const offered = (await listPromotablePerformances(db, scope(), past)).map((p) => p.id);
    expect(offered).toContain(upcoming);
    expect(offered).toContain(past);
    expect(offered).not.toContain(cancelled);
    expect(offered).not.toContain(b.performanceId);
    expect((await listPromotablePerformances(db, scope(), null)).map((p) => p.id)).not.toContain(past);
    expect(ZCampaignInput.safeParse({ ...emailDraft(""), promotedPerformanceId: "not-an-id" }).success).toBe(false);
    expect(ZSmsCampaignInput.safeParse({ ...smsDraft(""), promotedPerformanceId: "not-an-id" }).success).toBe(false);
  });
});
