// Custom-audience files against a real PostgreSQL (RLS applies): only people who granted the
// social-network advertising consent are exported, whatever their e-mail or SMS consents; a
// restricted person is left out, a suppressed identifier too; another tenant gets nothing.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "@rappel/campaigns";
import { createDatabase, withTenant, type Database, type Tx } from "@rappel/db";
import { createTestDatabase, createTwoTenants, type TenantRows, type TestDatabase } from "@rappel/db/testing";
import { createTenantDataKey, loadIdentityCodec } from "@rappel/personal-data";
import { countAudienceEligible, exportSegmentAudience } from "./audience-export";

let testDb: TestDatabase;
let db: Database;
let a: TenantRows;
let b: TenantRows;
const master = { id: "mk-audience", key: randomBytes(32) };
const scopeOf = (t: TenantRows) => ({ tenantId: t.tenantId, userId: t.userId });
type Channel = "email" | "sms" | "social_ads";

async function person(tx: Tx, email: string, phone: string, consents: Partial<Record<Channel, "granted" | "withdrawn">>) {
  const codec = await loadIdentityCodec(tx, a.tenantId, master);
  const sealed = codec.sealIdentity({ email, phone });
  const s = await tx.spectator.create({ data: { tenantId: a.tenantId, ...sealed } });
  for (const [channel, status] of Object.entries(consents) as [Channel, "granted" | "withdrawn"][]) {
    await tx.consent.create({ data: { tenantId: a.tenantId, spectatorId: s.id, channel, status, source: "test", recordedAt: new Date() } });
  }
  return { id: s.id, emailBidx: sealed.emailBidx! };
}

beforeAll(async () => {
  testDb = await createTestDatabase("rappel_web_test");
  db = createDatabase(testDb.appUrl, { max: 2 });
  ({ a, b } = await createTwoTenants(db));
  await withTenant(db, a.tenantId, async (tx) => {
    await tx.tenantDataKey.updateMany({ where: { tenantId: a.tenantId }, data: { retiredAt: new Date() } });
    await createTenantDataKey(tx, a.tenantId, master);
  });
  await withTenant(db, a.tenantId, async (tx) => {
    await person(tx, "ana@example.fr", "06 11 11 11 11", { email: "granted", sms: "granted" }); // no ad consent
    await person(tx, "bob@example.fr", "06 22 22 22 22", { social_ads: "granted" });
    await person(tx, "eve@example.fr", "06 33 33 33 33", { email: "granted", social_ads: "withdrawn" });
    const cy = await person(tx, "cy@example.fr", "06 44 44 44 44", { social_ads: "granted" });
    await tx.processingRestriction.create({ data: { tenantId: a.tenantId, spectatorId: cy.id } });
    const dee = await person(tx, "dee@example.fr", "06 55 55 55 55", { social_ads: "granted" });
    await tx.suppression.create({ data: { tenantId: a.tenantId, channel: "email", bidx: dee.emailBidx, reason: "objection" } });
  });
});
afterAll(async () => {
  await db?.$disconnect();
  await testDb?.drop();
});

describe("custom-audience export", () => {
  it("includes only people with the social_ads consent, not restricted, without suppressed identifiers", async () => {
    // The fixture segment has no rule: everyone in the tenant.
    const meta = await exportSegmentAudience(db, scopeOf(a), a.segmentId, "meta", master);
    expect(meta!.trim().split("\n").sort()).toEqual([
      `${sha256Hex("bob@example.fr")},${sha256Hex("33622222222")}`,
      `,${sha256Hex("33655555555")}`, // dee's e-mail is on the suppression list
      "email,phone",
    ].sort());
    const google = await exportSegmentAudience(db, scopeOf(a), a.segmentId, "google", master);
    expect(google!.trim().split("\n")).toHaveLength(3);
    expect(google).not.toContain(sha256Hex("ana@example.fr"));
    expect(await countAudienceEligible(db, scopeOf(a), { op: "and", rules: [] })).toBe(2);
  });

  it("gives another tenant nothing", async () => {
    expect(await exportSegmentAudience(db, scopeOf(b), a.segmentId, "meta", master)).toBeNull();
    expect(await countAudienceEligible(db, scopeOf(b), { op: "and", rules: [] })).toBe(0);
  });
});
