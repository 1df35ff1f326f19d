// The extension notice against the real database and a real SMTP peer: the person gets one e-mail
// with the new deadline and the reasons, its proof is kept on the request and in the audit chain,
// a failed send is retried, and a second delivery of the job sends nothing.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withPlatformAccess, type Database } from "@rappel/db";
import { startSmtpPeer, type SmtpPeer } from "@rappel/mail/testing";
import { createRequest, decideRequest } from "@rappel/privacy";
import { createTestTenant, testMaster } from "@rappel/privacy/testing";
import type { JobContext } from "../job-handler";
import { captureLogger, freePort, openAppDatabase } from "../testing/fixtures";
import { notifyRequestExtension } from "./privacy-request-extension-notice";

let db: Database;
let peer: SmtpPeer;
const receivedAt = new Date("2026-11-20T10:00:00Z");
const decidedAt = new Date("2026-12-01T10:00:00Z");

function context(): JobContext {
  return { db, clock: { now: () => decidedAt }, logger: captureLogger().logger, signal: new AbortController().signal };
}

beforeAll(async () => {
  db = openAppDatabase();
  peer = await startSmtpPeer();
});
afterAll(async () => {
  await peer.stop();
  await db.$disconnect();
});

async function extendedRequest(email: string) {
  const t = await createTestTenant(db);
  const dpoUser = await db.user.create({ data: { email: `dpo-${randomBytes(4).toString("hex")}@example.test`, name: "dpo", passwordHash: "x", platformRole: "dpo" } });
  const dpo = { kind: "platform", userId: dpoUser.id, role: "dpo" } as const;
  const { request } = await createRequest(db, dpo, t.tenantId, { kind: "access", email }, { now: receivedAt, master: testMaster });
  const reason = "Demande portant sur dix saisons de billetterie, archives à consulter";
  const extended = await decideRequest(db, dpo, t.tenantId, request.id, { action: "extend", months: 2, reason }, decidedAt);
  return { tenantId: t.tenantId, requestId: request.id, extended, reason };
}

const stored = (tenantId: string, requestId: string) =>
  withPlatformAccess(db, { userId: null, role: "system" }, { tenantId, reason: "test" }, (tx) => tx.dataSubjectRequest.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: requestId } } }));

describe("privacy-request-extension-notice", () => {
  it("tells the person once, with the new deadline and the reasons, and keeps the proof", async () => {
    const address = `person-${randomBytes(4).toString("hex")}@example.test`;
    const r = await extendedRequest(address);
    expect(r.extended).toMatchObject({ extensionMonths: 2, extensionNoticeStatus: "pending" });
    const config = { SMTP_URL: peer.url, MAIL_FROM: "Rappel DPO <dpo@rappel.test>", master: testMaster };
    const payload = { tenantId: r.tenantId, requestId: r.requestId, extensionMonths: 2 };
    expect(await notifyRequestExtension(payload, context(), config)).toEqual({ status: "sent" });

    const mails = peer.messages.filter((m) => m.text.includes(r.requestId));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.envelope.to).toEqual([address]);
    expect(mails[0]!.text).toContain(r.reason);
    expect(mails[0]!.text).toContain("prolongé de 2 mois");
    expect(mails[0]!.text).toContain("20 février 2027"); // one month + two from the receipt, Paris calendar
    expect(mails[0]!.text).toContain("20 February 2027");
    const row = await stored(r.tenantId, r.requestId);
    expect(row).toMatchObject({ extensionNoticeStatus: "sent", extensionNoticeSentAt: decidedAt, extensionNoticeMessageId: expect.stringMatching(/@/) });
    const audit = await withPlatformAccess(db, { userId: null, role: "system" }, { tenantId: r.tenantId, reason: "test" }, (tx) =>
      tx.auditEntry.findFirst({ where: { tenantId: r.tenantId, action: "privacy.request.extension_notified", targetId: r.requestId } }),
    );
    expect(audit?.details).toMatchObject({ messageId: row.extensionNoticeMessageId });

    expect(await notifyRequestExtension(payload, context(), config)).toEqual({ status: "not_pending" });
    expect(peer.messages.filter((m) => m.text.includes(r.requestId))).toHaveLength(1);
  });

  it("marks a failed send, sends on the retry, never twice", async () => {
    const r = await extendedRequest(`retry-${randomBytes(4).toString("hex")}@example.test`);
    const payload = { tenantId: r.tenantId, requestId: r.requestId, extensionMonths: 2 };
    const down = { SMTP_URL: `smtp://127.0.0.1:${await freePort()}`, MAIL_FROM: "dpo@rappel.test", master: testMaster };
    await expect(notifyRequestExtension(payload, context(), down)).rejects.toThrow(/could not be sent/);
    expect(await stored(r.tenantId, r.requestId)).toMatchObject({ extensionNoticeStatus: "failed", extensionNoticeError: expect.any(String), extensionNoticeSentAt: null });
    expect(await notifyRequestExtension(payload, context(), { ...down, SMTP_URL: peer.url })).toEqual({ status: "sent" });
    expect(peer.messages.filter((m) => m.text.includes(r.requestId))).toHaveLength(1);
  });

});
