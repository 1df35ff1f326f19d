// The HTTP provider's webhook against a real PostgreSQL (RLS applies): only a body signed with
// the tenant's own webhook secret is applied; a signature from one tenant never writes into
// another; receipts reach the ledger and a STOP withdraws SMS consent.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, withTenant, type Database } from "@rappel/db";
import { createTestDatabase, createTwoTenants, type TenantRows, type TestDatabase } from "@rappel/db/testing";
import { createTenantDataKey, loadIdentityCodec } from "@rappel/personal-data";
import { handleSmsWebhook, saveSmsSettings, signWebhookBody } from "@rappel/sms";
import { getSmsCounts } from "./lib/sms-report";

let testDb: TestDatabase;
let db: Database;
let a: TenantRows;
let b: TenantRows;
const master = { id: "mk-web", key: randomBytes(32) };
const secrets = new Map<string, string>();
const phoneOf = (t: TenantRows) => (t === a ? "+33611223344" : "+33655667788");

async function prepare(t: TenantRows, secret: string) {
  secrets.set(t.tenantId, secret);
  await withTenant(db, t.tenantId, async (tx) => {
    await tx.tenantDataKey.updateMany({ where: { tenantId: t.tenantId }, data: { retiredAt: new Date() } });
    await createTenantDataKey(tx, t.tenantId, master);
  });
  await withTenant(db, t.tenantId, async (tx) => {
    const codec = await loadIdentityCodec(tx, t.tenantId, master);
    const sealed = codec.sealIdentity({ phone: phoneOf(t) });
    await tx.spectator.update({ where: { tenantId_id: { tenantId: t.tenantId, id: t.spectatorId } }, data: { phoneEnc: sealed.phoneEnc, phoneBidx: sealed.phoneBidx } });
    await tx.consent.upsert({
      where: { tenantId_spectatorId_channel: { tenantId: t.tenantId, spectatorId: t.spectatorId, channel: "sms" } },
      create: { tenantId: t.tenantId, spectatorId: t.spectatorId, channel: "sms", status: "granted", source: "test", recordedAt: new Date() },
      update: { status: "granted" },
    });
    await saveSmsSettings(tx, t.tenantId, master, {
      provider: "http", endpointUrl: "https://sms.example/send", secret: "token", webhookSecret: secret, messagesPerSecond: 10,
      pricePerSegmentCents: 8, optOutMention: "STOP au 36180", alsaceMoselle: false, skipHolidays: true, systemId: undefined,
    });
    await tx.campaignDelivery.create({
      data: { tenantId: t.tenantId, campaignId: t.campaignId, spectatorId: t.spectatorId, channel: "sms", status: "sent", batch: 0, sentAt: new Date(), providerId: "h-1" },
    });
  });
}

beforeAll(async () => {
  testDb = await createTestDatabase("rappel_web_test");
  db = createDatabase(testDb.appUrl, { max: 4 });
  ({ a, b } = await createTwoTenants(db));
  await prepare(a, "whsec-a");
  await prepare(b, "whsec-b");
});
afterAll(async () => {
  await db?.$disconnect();
  await testDb?.drop();
});

const call = (tenantId: string, payload: unknown, secret = secrets.get(tenantId) ?? "x") => {
  const body = JSON.stringify(payload);
  return handleSmsWebhook(db, master, tenantId, body, signWebhookBody(secret, body), new Date());
};
// Only what SMS receipts and STOPs write (the seed has tracking events of its own).
const eventsOf = (t: TenantRows) =>
  withTenant(db, t.tenantId, (tx) => tx.campaignEvent.findMany({ where: { campaignId: t.campaignId, spectatorId: t.spectatorId, kind: { in: ["delivered", "delivery_failed", "unsubscribe"] } } }));
const smsConsent = (t: TenantRows) =>
  withTenant(db, t.tenantId, (tx) => tx.consent.findUnique({ where: { tenantId_spectatorId_channel: { tenantId: t.tenantId, spectatorId: t.spectatorId, channel: "sms" } } }));

describe("SMS provider webhook", () => {
  it("refuses unsigned, wrongly signed, unknown-tenant and malformed calls alike", async () => {
    const body = JSON.stringify({ id: "h-1", status: "delivered" });
    expect((await handleSmsWebhook(db, master, a.tenantId, body, null, new Date())).status).toBe(401);
    expect((await handleSmsWebhook(db, master, a.tenantId, body, "0".repeat(64), new Date())).status).toBe(401);
    expect((await call("00000000-0000-4000-8000-000000000000", { id: "h-1", status: "delivered" }, "whsec-a")).status).toBe(401);
    expect((await handleSmsWebhook(db, master, "not-a-uuid", body, null, new Date())).status).toBe(401);
    expect((await call(a.tenantId, { hello: "world" })).status).toBe(400);
    expect(await eventsOf(a)).toHaveLength(0);
  });

  it("never applies a call signed with one tenant's secret to another tenant", async () => {
    const attack = await call(b.tenantId, { id: "h-1", status: "undeliverable" }, "whsec-a");
    expect(attack.status).toBe(401);
    const stop = await call(b.tenantId, { from: phoneOf(b), to: "36180", text: "STOP" }, "whsec-a");
    expect(stop.status).toBe(401);
    expect(await eventsOf(b)).toHaveLength(0);
    expect((await smsConsent(b))?.status).toBe("granted");
  });

  it("applies a signed receipt to the tenant's ledger row", async () => {
    const answer = await call(a.tenantId, { id: "h-1", status: "delivered" });
    expect(answer).toEqual({ status: 200, body: { ok: true, matched: true } });
    expect((await eventsOf(a)).map((e) => e.kind)).toEqual(["delivered"]);
  });

  it("withdraws SMS consent on a signed inbound STOP", async () => {
    const answer = await call(a.tenantId, { from: phoneOf(a), to: "36180", text: "Stop" });
    expect(answer).toEqual({ status: 200, body: { ok: true, stop: true } });
    expect(await smsConsent(a)).toMatchObject({ status: "withdrawn", source: "sms:STOP" });
    expect((await eventsOf(a)).map((e) => e.kind).sort()).toEqual(["delivered", "unsubscribe"]);
    expect((await smsConsent(b))?.status).toBe("granted");
  });

  it("counts the SMS outcomes for the report (sent, delivered, failed, unsubscribed), tenant by tenant", async () => {
    expect(await getSmsCounts(db, { tenantId: a.tenantId, userId: a.userId }, a.campaignId)).toEqual({ sent: 1, delivered: 1, failed: 0, unsubscribed: 1 });
    expect((await call(b.tenantId, { id: "h-1", status: "expired" })).status).toBe(200);
    expect(await getSmsCounts(db, { tenantId: b.tenantId, userId: b.userId }, b.campaignId)).toEqual({ sent: 1, delivered: 0, failed: 1, unsubscribed: 0 });
    // Another tenant's campaign id counts nothing.
    expect(await getSmsCounts(db, { tenantId: a.tenantId, userId: a.userId }, b.campaignId)).toEqual({ sent: 0, delivered: 0, failed: 0, unsubscribed: 0 });
  });
});
