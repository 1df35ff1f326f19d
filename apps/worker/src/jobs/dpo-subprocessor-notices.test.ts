// The notices job against the real database and a real SMTP peer: each client owner gets the
// notice, the proof of sending is stored, and a second delivery of the job sends nothing again.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@rappel/db";
import { createTwoTenants } from "@rappel/db/testing";
import { announceSubprocessorChange, createPlannedSubprocessor, listTenantNotices } from "@rappel/dpo-records";
import { startSmtpPeer, type SmtpPeer } from "@rappel/mail/testing";
import type { JobContext } from "../job-handler";
import { captureLogger, openAppDatabase } from "../testing/fixtures";
import { sendDpoSubprocessorNotices } from "./dpo-subprocessor-notices";

let db: Database;
let peer: SmtpPeer;
const now = new Date("2026-11-20T10:00:00Z");

function context(): JobContext {
  return { db, clock: { now: () => now }, logger: captureLogger().logger, signal: new AbortController().signal };
}

beforeAll(async () => {
  db = openAppDatabase();
  peer = await startSmtpPeer();
});
afterAll(async () => {
  await peer.stop();
  await db.$disconnect();
});

describe("dpo-subprocessor-notices", () => {
  it("sends each client's notice once and keeps the proof", async () => {
    const { a } = await createTwoTenants(db);
    const sub = await createPlannedSubprocessor(db, { name: `SMS ${randomBytes(3).toString("hex")}`, service: "SMS", dataCategories: [], location: "FR", transferSafeguards: "", dpaSignedOn: null });
    const change = await announceSubprocessorChange(db, { userId: a.userId }, { subprocessorId: sub.id, description: "Nouveau routeur SMS" }, now);
    const config = { SMTP_URL: peer.url, MAIL_FROM: "Rappel DPO <dpo@rappel.test>", APP_URL: "http://app.test" };
    const first = await sendDpoSubprocessorNotices({ changeId: change.id }, context(), config);
    expect((first as { sent: number }).sent).toBeGreaterThanOrEqual(2);
    const notice = (await listTenantNotices(db, a.tenantId, a.userId)).find((n) => n.changeId === change.id)!;
    expect(notice.smtpResponse).toMatch(/^250 /);
    expect(peer.messages.some((m) => m.subject.includes(sub.name) && m.text.includes("Nouveau routeur SMS"))).toBe(true);
    const count = peer.messages.length;
    expect(await sendDpoSubprocessorNotices({ changeId: change.id }, context(), config)).toEqual({ sent: 0 });
    expect(peer.messages.length).toBe(count);
  });

  it("refuses to run without an SMTP server rather than pretending", async () => {
    await expect(sendDpoSubprocessorNotices({ changeId: "00000000-0000-4000-8000-000000000000" }, context(), { SMTP_URL: undefined, MAIL_FROM: "x", APP_URL: "http://app.test" }))
      .rejects.toThrow(/SMTP_URL/);
  });
});
