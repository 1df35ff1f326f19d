// Public tracking writes against a real PostgreSQL (RLS applies): only signed tokens count, an
// unsubscribe withdraws the e-mail consent at once (which the sending engine re-reads before each
// chunk), and a token naming one tenant never writes into another.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deriveTrackingKey, InvalidTrackingTokenError, signTrackingToken } from "@rappel/campaigns";
import { createDatabase, withTenant, type Database } from "@rappel/db";
import { createTestDatabase, createTwoTenants, type TenantRows, type TestDatabase } from "@rappel/db/testing";
import { readToken, recordClick, recordOpen, unsubscribe } from "./tracking";

let testDb: TestDatabase;
let db: Database;
let a: TenantRows;
let b: TenantRows;
const master = { id: "mk1", key: randomBytes(32) };
const key = deriveTrackingKey(master.key);

beforeAll(async () => {
  testDb = await createTestDatabase("rappel_web_test");
  db = createDatabase(testDb.appUrl, { max: 4 });
  ({ a, b } = await createTwoTenants(db));
});
afterAll(async () => {
  await db?.$disconnect();
  await testDb?.drop();
});

const claimsOf = (t: TenantRows) => ({ tenantId: t.tenantId, campaignId: t.campaignId, spectatorId: t.spectatorId });
const events = (t: TenantRows) => withTenant(db, t.tenantId, (tx) => tx.campaignEvent.findMany({ where: { campaignId: t.campaignId }, orderBy: { occurredAt: "asc" } }));

describe("public tracking", () => {
  it("accepts only tokens signed with the platform's key, for their own kind", () => {
    const token = signTrackingToken(key, { kind: "click", ...claimsOf(a), url: "https://lumiere.example/saison", link: 0 });
    expect(readToken(master, token, "click").url).toBe("https://lumiere.example/saison");
    expect(() => readToken(master, token, "unsubscribe")).toThrow(InvalidTrackingTokenError);
    const forged = signTrackingToken(deriveTrackingKey(randomBytes(32)), { kind: "click", ...claimsOf(a), url: "https://evil.example" });
    expect(() => readToken(master, forged, "click")).toThrow(InvalidTrackingTokenError);
  });

  it("records clicks, and counts machine opens apart from human opens", async () => {
    const before = (await events(a)).length;
    await recordClick(db, { kind: "click", ...claimsOf(a), url: "https://x.example", link: 2 });
    await recordOpen(db, { kind: "open", ...claimsOf(a) }, "Mozilla/5.0", "17.1.2.3");
    await recordOpen(db, { kind: "open", ...claimsOf(a) }, "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Thunderbird/128.0", "203.0.113.9");
    const kinds = (await events(a)).slice(before).map((e) => [e.kind, e.detail]);
    expect(kinds).toEqual([["click", "2"], ["machine_open", null], ["open", null]]);
  });

  it("withdraws the e-mail consent on unsubscribe, with an event and an audit entry", async () => {
    await unsubscribe(db, { kind: "unsubscribe", ...claimsOf(a) });
    const state = await withTenant(db, a.tenantId, async (tx) => ({
      consent: await tx.consent.findUnique({ where: { tenantId_spectatorId_channel: { tenantId: a.tenantId, spectatorId: a.spectatorId, channel: "email" } } }),
      audit: await tx.auditEntry.findFirst({ where: { tenantId: a.tenantId, action: "consent.withdraw" } }),
    }));
    expect(state.consent?.status).toBe("withdrawn");
    expect(state.consent?.source).toBe("email:unsubscribe");
    expect(state.audit?.targetId).toBe(a.spectatorId);
    expect((await events(a)).at(-1)?.kind).toBe("unsubscribe");
  });

  it("never writes into another tenant: a token mixing tenants records nothing", async () => {
    const mixed = { kind: "unsubscribe" as const, tenantId: b.tenantId, campaignId: a.campaignId, spectatorId: a.spectatorId };
    await unsubscribe(db, mixed);
    await recordClick(db, { ...mixed, kind: "click", url: "https://x.example" });
    const bState = await withTenant(db, b.tenantId, async (tx) => ({
      events: await tx.campaignEvent.count({ where: { tenantId: b.tenantId, kind: { in: ["unsubscribe", "click"] } } }),
      consent: await tx.consent.findUnique({ where: { tenantId_spectatorId_channel: { tenantId: b.tenantId, spectatorId: b.spectatorId, channel: "email" } } }),
    }));
    expect(bState.events).toBe(0);
    expect(bState.consent?.status).toBe("granted");
  });
});
