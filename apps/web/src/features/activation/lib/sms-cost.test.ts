// The SMS campaign cost against a real PostgreSQL: each recipient of the saved segment is
// measured with its own (sealed) first name, so one long name that needs a second segment is
// counted, and people without a phone number are not.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, withTenant, type Database } from "@rappel/db";
import { createTestDatabase, type TestDatabase } from "@rappel/db/testing";
import { provisionTenant } from "@rappel/db";
import { createTenantDataKey, loadIdentityCodec } from "@rappel/personal-data";
import { estimateSmsCampaignCost } from "./sms-cost";

let testDb: TestDatabase;
let db: Database;
const master = { id: "mk1", key: randomBytes(32) };

beforeAll(async () => {
  testDb = await createTestDatabase("rappel_web_sms_cost_test");
  db = createDatabase(testDb.appUrl, { max: 4 });
});
afterAll(async () => {
  await db?.$disconnect();
  await testDb?.drop();
});

describe("SMS campaign cost for the saved segment", () => {
  it("sums each recipient's own segments", async () => {
    const user = await db.user.create({ data: { email: `m-${randomBytes(3).toString("hex")}@example.test`, name: "M", passwordHash: "x" } });
    const tenant = await provisionTenant(db, { slug: `cost-${randomBytes(3).toString("hex")}`, name: "Salle", kind: "theatre" }, { userId: null });
    const campaignId = await withTenant(db, tenant.id, async (tx) => {
      await createTenantDataKey(tx, tenant.id, master);
      const codec = await loadIdentityCodec(tx, tenant.id, master);
      const people = [
        { phone: "+33611111111", firstName: "Léa" },
        { phone: "+33622222222", firstName: "Marie-Charlotte-Éléonore" },
        { phone: "+33633333333", firstName: null },
        { phone: null, firstName: "Sans-Téléphone", email: "sans@example.net" },
      ];
      await tx.spectator.createMany({ data: people.map((p, i) => ({ tenantId: tenant.id, ...codec.sealIdentity(p), postalCode: "69001", externalRef: `C${i}` })) });
      await tx.smsSettings.create({ data: { tenantId: tenant.id, provider: "http", endpointUrl: "https://api.example/sms", pricePerSegmentCents: 7, optOutMention: "STOP au 36180" } });
      const segment = await tx.segment.create({ data: { tenantId: tenant.id, name: "Lyon", rules: { op: "and", rules: [{ type: "postal_code", values: ["69"] }] } } });
      const campaign = await tx.campaign.create({
        data: { tenantId: tenant.id, name: "Relance", channel: "sms", segmentId: segment.id, content: { text: 'Bonjour {{firstName|"à vous"}}, ' + "x".repeat(120), senderId: "LUMIERE" } },
      });
      return campaign.id;
    });
    const estimate = await estimateSmsCampaignCost(db, { tenantId: tenant.id, userId: user.id }, master, campaignId);
    // Léa and the fallback fit in one segment each; the long name takes two; no phone, no SMS.
    expect(estimate).toEqual({ messages: 3, segments: 4, costCents: 28 });
  });
});
