// The worker's long-lived SMPP bind against real SMSC simulators and PostgreSQL: bound for a
// tenant with SMPP settings even with no campaign running (STOP arrives on it), re-bound after
// the SMSC drops it (re-reading the settings), and closed on shutdown. A settings change signalled
// by the web app (real Redis pub/sub) rebinds or drops the tenant at once; the periodic scan
// applies changes too when the signal is lost.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant, type Database } from "@rappel/db";
import { createRedisConnection, publishSettingsChanged } from "@rappel/jobs";
import { testRedisUrl, uniqueQueuePrefix } from "@rappel/jobs/testing";
import { startSmscSimulator, type SmscSimulator } from "@rappel/sms/testing";
import { captureLogger, openAppDatabase } from "../testing/fixtures";
import { testMasterKey } from "../testing/campaign-fixture";
import { createSmsCampaignFixture } from "../testing/sms-campaign-fixture";
import { SmsGateway, reconnectDelayMs } from "./sms-gateway";
import { createSmsEventSink } from "./sms-runtime";
import { rebindOnSmsSettingsChange } from "./sms-settings-listener";

let db: Database;
const { logger, lines } = captureLogger();

beforeAll(() => {
  db = openAppDatabase();
});
afterAll(async () => {
  await db.$disconnect();
});

const until = async (check: () => Promise<boolean>, what: string, tries = 200) => {
  for (let i = 0; i < tries; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
};

describe("SMS gateway (SMPP receiver)", () => {
  it("backs off exponentially up to a minute", () => {
    expect([1, 2, 3, 6, 7, 20].map(reconnectDelayMs)).toEqual([1_000, 2_000, 4_000, 32_000, 60_000, 60_000]);
  });

  it("keeps the tenant bound without a campaign, re-binds after a drop, and applies STOP from the new bind", async () => {
    const first: SmscSimulator = await startSmscSimulator();
    const second: SmscSimulator = await startSmscSimulator();
    const master = testMasterKey();
    const f = await createSmsCampaignFixture(db, { recipients: 1, smscUrl: first.url });
    const gateway = new SmsGateway({ db, master, logger, sink: createSmsEventSink(db, master, { now: () => new Date() }, logger) });
    try {
      expect(await gateway.ensureBound(f.tenantId)).toBe(true);
      const [phone, spectatorId] = [...f.phones.entries()][0]!;
      // The venue moves to another SMSC, and the first one drops the session.
      await withTenant(db, f.tenantId, (tx) => tx.smsSettings.update({ where: { tenantId: f.tenantId }, data: { endpointUrl: second.url } }));
      await first.stop();
      await until(async () => lines.some((l) => l.msg === "SMS provider connection lost, re-binding"), "the drop to be noticed");
      // Re-bound (after 1 s) to the SMSC the settings now name: a STOP sent there is applied.
      await until(async () => {
        await second.sendInbound(phone.replace("+", ""), "36180", "STOP");
        const consent = await withTenant(db, f.tenantId, (tx) =>
          tx.consent.findUnique({ where: { tenantId_spectatorId_channel: { tenantId: f.tenantId, spectatorId, channel: "sms" } } }));
        return consent?.status === "withdrawn";
      }, "the STOP through the new bind", 100);
    } finally {
      await gateway.close();
      await second.stop();
    }
  });

  it("rebinds at once on the web app's settings-changed signal, and drops the bind once the tenant is no longer on SMPP", async () => {
    const [first, second] = [await startSmscSimulator(), await startSmscSimulator()];
    const master = testMasterKey();
    const f = await createSmsCampaignFixture(db, { recipients: 1, smscUrl: first.url });
    const gateway = new SmsGateway({ db, master, logger, sink: createSmsEventSink(db, master, { now: () => new Date() }, logger) });
    const prefix = uniqueQueuePrefix("sms-settings");
    const subscriber = createRedisConnection(testRedisUrl(), { role: "worker" });
    const publisher = createRedisConnection(testRedisUrl(), { role: "producer" });
    const settings = (data: { endpointUrl?: string; provider?: string }) =>
      withTenant(db, f.tenantId, (tx) => tx.smsSettings.update({ where: { tenantId: f.tenantId }, data }));
    try {
      await rebindOnSmsSettingsChange(gateway, subscriber, prefix, logger);
      expect(await gateway.ensureBound(f.tenantId)).toBe(true);
      await until(async () => first.boundSessions() === 1, "the first bind");

      // The venue moves to another SMSC and saves: the signal rebinds it, well before the scan's minute.
      await settings({ endpointUrl: second.url });
      const signalled = Date.now();
      await publishSettingsChanged(publisher, prefix, "sms", f.tenantId);
      await until(async () => second.boundSessions() === 1 && first.boundSessions() === 0, "the rebind to the new SMSC", 60);
      expect(Date.now() - signalled).toBeLessThan(3_000);
      // A signal for another environment's prefix changes nothing here.
      await settings({ endpointUrl: first.url });
      await publishSettingsChanged(publisher, `${prefix}-other`, "sms", f.tenantId);
      await new Promise((r) => setTimeout(r, 300));
      expect(second.boundSessions()).toBe(1);

      // Lost signal: the periodic scan follows the changed settings too (it used to skip bound tenants).
      await gateway.keepReceiversBound();
      await until(async () => first.boundSessions() === 1 && second.boundSessions() === 0, "the scan's rebind");

      // The venue switches to an HTTP provider: its SMPP bind is closed on the signal.
      await settings({ provider: "http", endpointUrl: "https://sms.example/api" });
      await publishSettingsChanged(publisher, prefix, "sms", f.tenantId);
      await until(async () => !gateway.isBound(f.tenantId) && first.boundSessions() === 0, "the bind to be dropped", 60);
    } finally {
      subscriber.disconnect();
      publisher.disconnect();
      await gateway.close();
      await Promise.all([first.stop(), second.stop()]);
    }
  });

  it("closes the bind of a tenant that is no longer active on the next scan", async () => {
    const smsc = await startSmscSimulator();
    const master = testMasterKey();
    const f = await createSmsCampaignFixture(db, { recipients: 1, smscUrl: smsc.url });
    const gateway = new SmsGateway({ db, master, logger, sink: createSmsEventSink(db, master, { now: () => new Date() }, logger) });
    try {
      expect(await gateway.ensureBound(f.tenantId)).toBe(true);
      await until(async () => smsc.boundSessions() === 1, "the bind");
      await db.tenant.update({ where: { id: f.tenantId }, data: { status: "offboarding" } });
      await gateway.keepReceiversBound();
      await until(async () => smsc.boundSessions() === 0 && !gateway.isBound(f.tenantId), "the bind to be closed");
    } finally {
      await gateway.close();
      await smsc.stop();
    }
  });
});
