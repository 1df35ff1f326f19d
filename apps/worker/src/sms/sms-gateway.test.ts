// The worker's long-lived SMPP bind against real SMSC simulators and PostgreSQL: bound for a
// tenant with SMPP settings even with no campaign running (STOP arrives on it), re-bound after
// the SMSC drops it (re-reading the settings), and closed on shutdown.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant, type Database } from "@rappel/db";
import { startSmscSimulator, type SmscSimulator } from "@rappel/sms/testing";
import { captureLogger, openAppDatabase } from "../testing/fixtures";
import { testMasterKey } from "../testing/campaign-fixture";
import { createSmsCampaignFixture } from "../testing/sms-campaign-fixture";
import { SmsGateway, reconnectDelayMs } from "./sms-gateway";
import { createSmsEventSink } from "./sms-runtime";

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
});
