// Saving an e-mail campaign draft's promoted performance (what the worker's automatic stop
// watches) against real PostgreSQL (RLS): the tenant's own performance is kept, another tenant's
// is refused as unknown without changing anything, and an empty choice clears it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, withTenant, type Database } from "@rappel/db";
import { createTestDatabase, createTwoTenants, type TenantRows, type TestDatabase } from "@rappel/db/testing";
import { CampaignError, ZCampaignInput, createCampaignDraft, updateCampaignDraft } from "./campaigns";

let testDb: TestDatabase;
let db: Database;
let a: TenantRows;
let b: TenantRows;

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
const draft = (promotedPerformanceId: string) => ZCampaignInput.parse({
  name: "Dernières places", segmentId: a.segmentId, subject: "Il reste des places", preheader: "", holdoutPercent: 0, attributionDays: 7,
  content: { blocks: [{ type: "text", text: "Bonjour" }] }, promotedPerformanceId,
});
const promotedOf = async (id: string) =>
  (await withTenant(db, a.tenantId, (tx) => tx.campaign.findFirstOrThrow({ where: { tenantId: a.tenantId, id } }))).promotedPerformanceId;

describe("campaign draft: promoted performance", () => {
  it("keeps the tenant's own performance, refuses another tenant's, clears on an empty choice", async () => {
    const id = await createCampaignDraft(db, scope(), "Promotion");
    await updateCampaignDraft(db, scope(), id, draft(a.performanceId));
    expect(await promotedOf(id)).toBe(a.performanceId);

    const refused = await updateCampaignDraft(db, scope(), id, draft(b.performanceId)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CampaignError);
    expect((refused as CampaignError).code).toBe("promoted_performance_unknown");
    expect(await promotedOf(id)).toBe(a.performanceId);

    await updateCampaignDraft(db, scope(), id, draft(""));
    expect(await promotedOf(id)).toBeNull();
    expect(ZCampaignInput.safeParse({ ...draft(""), promotedPerformanceId: "not-an-id" }).success).toBe(false);
  });
});
