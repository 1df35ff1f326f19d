// The HTTP SMS provider end to end through the engine, against real PostgreSQL and Redis and two
// real HTTP servers: a fake aggregator speaking the provider's protocol (POST JSON with a bearer
// token, answer { id }, later call the tenant's webhook with a signed receipt) and the webhook
// endpoint running the same handler as the web route. Campaign → ledger → provider → receipt →
// status.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant, type Database } from "@rappel/db";
import { handleSmsWebhook, signWebhookBody } from "@rappel/sms";
import type { JobContext } from "../job-handler";
import { captureLogger, openAppDatabase } from "../testing/fixtures";
import { testMasterKey } from "../testing/campaign-fixture";
import { createSmsCampaignFixture, smsPhone } from "../testing/sms-campaign-fixture";
import { launchCampaign } from "../jobs/campaign-launch";
import { runSmsCampaignBatch } from "../jobs/campaign-sms-batch";
import { SmsGateway } from "./sms-gateway";
import { createSmsEventSink, type SmsRuntime } from "./sms-runtime";
import { createRedisSendThrottle } from "../throttle/send-throttle";

const TOKEN = `tok-${randomBytes(6).toString("hex")}`;
const WEBHOOK_SECRET = `whsec-${randomBytes(6).toString("hex")}`;
// Tuesday 24 November 2026, 11:00 in Paris: inside the send window.
const OPEN = new Date("2026-11-24T10:00:00Z");
const master = testMasterKey();
const { logger } = captureLogger();

let db: Database;
let redis: Redis;
let runtime: SmsRuntime;
let provider: Server;
let webhook: Server;
let providerUrl: string;
let webhookBase: string;
/** What the aggregator accepted, and every webhook answer it got back. */
const accepted: { auth: string | undefined; body: { to: string; from: string; text: string }; id: string; tenantId: string }[] = [];
const webhookAnswers: { status: number; body: unknown }[] = [];

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let data = "";
    req.on("data", (c: Buffer) => (data += c.toString("utf8")));
    req.on("end", () => resolve(data));
  });
const listen = (server: Server) => new Promise<string>((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));

/** The aggregator reports asynchronously, like real ones, and retries a receipt that found no message yet. */
async function deliverReceipt(tenantId: string, id: string, to: string) {
  const body = JSON.stringify({ id, status: to.endsWith("0") ? "undeliverable" : "delivered", ...(to.endsWith("0") ? { error: "001" } : {}) });
  for (let attempt = 0; attempt < 20; attempt++) {
    await new Promise((r) => setTimeout(r, 100));
    const response = await fetch(`${webhookBase}/m/sms/${tenantId}`, {
      method: "POST", headers: { "Content-Type": "application/json", "X-Rappel-Signature": signWebhookBody(WEBHOOK_SECRET, body) }, body,
    });
    const answer = { status: response.status, body: (await response.json()) as { matched?: boolean } };
    webhookAnswers.push(answer);
    if (answer.status === 200 && answer.body.matched) return;
  }
}

beforeAll(async () => {
  db = openAppDatabase();
  redis = new Redis(process.env.E2E_REDIS_URL ?? "redis://127.0.0.1:6379/15", { maxRetriesPerRequest: 2 });
  runtime = {
    gateway: new SmsGateway({ db, master, logger, sink: createSmsEventSink(db, master, { now: () => new Date() }, logger) }),
    throttle: createRedisSendThrottle(redis, `test-sms-http-${randomBytes(4).toString("hex")}`, "SMS throttle"),
    master,
  };
  webhook = createServer((req, res) => {
    void readBody(req).then(async (body) => {
      const tenantId = /^\/m\/sms\/([^/]+)$/.exec(req.url ?? "")?.[1] ?? "";
      const answer = await handleSmsWebhook(db, master, tenantId, body, req.headers["x-rappel-signature"] as string | undefined ?? null, new Date());
      res.writeHead(answer.status, { "Content-Type": "application/json" }).end(JSON.stringify(answer.body));
    });
  });
  provider = createServer((req, res) => {
    void readBody(req).then((raw) => {
      const tenantId = new URL(req.url ?? "/", "http://x").searchParams.get("account") ?? "";
      if (req.headers.authorization !== `Bearer ${TOKEN}`) return void res.writeHead(401).end(JSON.stringify({ error: "bad token" }));
      const id = `agg-${accepted.length + 1}`;
      const body = JSON.parse(raw) as { to: string; from: string; text: string };
      accepted.push({ auth: req.headers.authorization, body, id, tenantId });
      res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ id }));
      void deliverReceipt(tenantId, id, body.to);
    });
  });
  providerUrl = await listen(provider);
  webhookBase = await listen(webhook);
});
afterAll(async () => {
  await runtime.gateway.close();
  await Promise.all([new Promise((r) => provider.close(r)), new Promise((r) => webhook.close(r))]);
  redis.disconnect();
  await db.$disconnect();
});

const context = (): JobContext => ({ db, clock: { now: () => OPEN }, logger, signal: new AbortController().signal });

describe("HTTP SMS provider through the engine", () => {
  it("sends each recipient's message to the aggregator, and its signed receipts set the ledger's statuses", async () => {
    // The aggregator's account is the tenant: its webhook calls name it (as the URL configured there would).
    const f = await createSmsCampaignFixture(db, {
      recipients: 3, smscUrl: "unused", phoneFor: (i) => (i === 2 ? "+33612345670" : smsPhone(i)),
      settings: { provider: "http", endpointUrl: "http://placeholder.invalid", systemId: undefined, secret: TOKEN, webhookSecret: WEBHOOK_SECRET },
    });
    await withTenant(db, f.tenantId, (tx) => tx.smsSettings.update({ where: { tenantId: f.tenantId }, data: { endpointUrl: `${providerUrl}/sms?account=${f.tenantId}` } }));

    await launchCampaign({ tenantId: f.tenantId, campaignId: f.campaignId }, context());
    const result = await runSmsCampaignBatch({ tenantId: f.tenantId, campaignId: f.campaignId, batch: 0 }, context(), runtime);
    expect(result).toMatchObject({ sent: 3, failed: 0 });

    const mine = accepted.filter((a) => a.tenantId === f.tenantId);
    expect(mine).toHaveLength(3);
    expect(mine.every((a) => a.auth === `Bearer ${TOKEN}` && a.body.from === "LUMIERE")).toBe(true);
    expect(mine.find((a) => a.body.to === smsPhone(1))?.body.text).toBe("Bonjour Prénom1, la saison commence !\nSTOP au 36180");

    // The ledger holds the aggregator's ids, then the receipts' outcomes.
    const rows = () => withTenant(db, f.tenantId, (tx) => tx.campaignDelivery.findMany({ where: { tenantId: f.tenantId, campaignId: f.campaignId } }));
    expect((await rows()).map((r) => r.providerId).sort()).toEqual(mine.map((a) => a.id).sort());
    for (let i = 0; i < 100; i++) {
      const delivered = await withTenant(db, f.tenantId, (tx) => tx.campaignEvent.count({ where: { campaignId: f.campaignId, kind: "delivered" } }));
      const failed = (await rows()).filter((r) => r.status === "failed").length;
      if (delivered === 2 && failed === 1) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const events = await withTenant(db, f.tenantId, (tx) => tx.campaignEvent.findMany({ where: { campaignId: f.campaignId } }));
    expect(events.filter((e) => e.kind === "delivered").map((e) => e.spectatorId).sort()).toEqual([f.phones.get(smsPhone(0)), f.phones.get(smsPhone(1))].sort());
    const undelivered = (await rows()).find((r) => r.spectatorId === f.phones.get("+33612345670"));
    expect(undelivered).toMatchObject({ status: "failed" });
    expect(undelivered?.lastError).toMatch(/undeliverable/);
    expect(webhookAnswers.every((a) => a.status === 200)).toBe(true);
  });

  it("refuses a receipt signed with another secret, and it changes nothing", async () => {
    const f = await createSmsCampaignFixture(db, {
      recipients: 1, smscUrl: "unused",
      settings: { provider: "http", endpointUrl: `${providerUrl}/sms`, systemId: undefined, secret: TOKEN, webhookSecret: WEBHOOK_SECRET },
    });
    const body = JSON.stringify({ id: "agg-1", status: "undeliverable" });
    const response = await fetch(`${webhookBase}/m/sms/${f.tenantId}`, {
      method: "POST", headers: { "X-Rappel-Signature": signWebhookBody("not-the-secret", body) }, body,
    });
    expect(response.status).toBe(401);
    expect(await withTenant(db, f.tenantId, (tx) => tx.campaignEvent.count({ where: { campaignId: f.campaignId } }))).toBe(0);
  });
});
