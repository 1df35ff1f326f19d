// The forward job against the real database and a real SMTP peer: the client's owners (or its
// privacy contact) get one e-mail naming no person, the proof of sending and the client's own
// deadline are kept, a failed send is retried, and a second delivery of the job sends nothing.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withPlatformAccess, withTenant, type Database } from "@rappel/db";
import { startSmtpPeer, type SmtpPeer } from "@rappel/mail/testing";
import { createRequest, releaseForwardForRetry, verifyRequestCode } from "@rappel/privacy";
import { createTestTenant, testMaster } from "@rappel/privacy/testing";
import type { JobContext } from "../job-handler";
import { captureLogger, freePort, openAppDatabase } from "../testing/fixtures";
import { forwardPrivacyRequest } from "./privacy-request-forward";

let db: Database;
let peer: SmtpPeer;
const now = new Date("2026-11-20T10:00:00Z");
const options = { now, master: testMaster };

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

async function user(label: string, platformRole?: "dpo") {
  return db.user.create({ data: { email: `${label}-${randomBytes(4).toString("hex")}@example.test`, name: label, passwordHash: "x", ...(platformRole ? { platformRole } : {}) } });
}

async function tenantWithOwner() {
  const t = await createTestTenant(db);
  const owner = await user("owner");
  await withTenant(db, t.tenantId, (tx) => tx.membership.create({ data: { tenantId: t.tenantId, userId: owner.id, role: "owner" } }));
  return { ...t, owner };
}

function forwardOf(tenantId: string, requestId: string) {
  return withPlatformAccess(db, { userId: null, role: "system" }, { tenantId, reason: "test" }, (tx) =>
    tx.dataSubjectRequestForward.findUnique({ where: { tenantId_requestId: { tenantId, requestId } } }),
  );
}

describe("privacy-request-forward", () => {
  it("sends a DPO-received request to the client's owners once, with proof and the client's own deadline", async () => {
    const t = await tenantWithOwner();
    const dpo = await user("dpo", "dpo");
    const { request, forwarded } = await createRequest(db, { kind: "platform", userId: dpo.id, role: "dpo" }, t.tenantId, { kind: "erasure", email: "secret-person@example.test" }, options);
    expect(forwarded).toBe(true);
    const config = { SMTP_URL: peer.url, MAIL_FROM: "Rappel DPO <dpo@rappel.test>", APP_URL: "http://app.test" };
    const later = new Date("2026-11-23T09:00:00Z");
    expect(await forwardPrivacyRequest({ tenantId: t.tenantId, requestId: request.id }, { ...context(), clock: { now: () => later } }, config)).toEqual({ status: "sent" });

    const mail = peer.messages.find((m) => m.text.includes(request.id))!;
    expect(mail.envelope.to).toEqual([t.owner.email]);
    expect(mail.text).toContain("effacement");
    expect(mail.text).not.toContain("secret-person"); // the e-mail names no person
    const forward = await forwardOf(t.tenantId, request.id);
    expect(forward).toMatchObject({ status: "sent", attempts: 1, recipients: 1, sentAt: later, messageId: expect.stringMatching(/@/) });
    expect(forward!.smtpResponse).toMatch(/^250 /);
    // The client's clock runs from the forward; the vendor's from the receipt.
    expect(forward!.clientDueAt!.toISOString()).toBe("2026-12-23T22:59:59.999Z");
    expect(request.dueAt!.toISOString()).toBe("2026-12-20T22:59:59.999Z");

    const count = peer.messages.length;
    expect(await forwardPrivacyRequest({ tenantId: t.tenantId, requestId: request.id }, context(), config)).toEqual({ status: "already_sent" });
    expect(peer.messages.length).toBe(count);
  });

  it("uses the privacy contact when set, marks a failed send and sends on retry, never twice", async () => {
    const t = await tenantWithOwner();
    await withTenant(db, t.tenantId, (tx) => tx.privacySetting.create({ data: { tenantId: t.tenantId, privacyContactEmail: "dpo@client.test" } }));
    const dpo = await user("dpo", "dpo");
    const { request } = await createRequest(db, { kind: "platform", userId: dpo.id, role: "dpo" }, t.tenantId, { kind: "access", email: "p@example.test" }, options);
    const down = { SMTP_URL: `smtp://127.0.0.1:${await freePort()}`, MAIL_FROM: "dpo@rappel.test", APP_URL: "http://app.test" };
    await expect(forwardPrivacyRequest({ tenantId: t.tenantId, requestId: request.id }, context(), down)).rejects.toThrow(/could not be sent/);
    expect(await forwardOf(t.tenantId, request.id)).toMatchObject({ status: "failed", attempts: 1, sentAt: null, lastError: expect.any(String) });

    const up = { ...down, SMTP_URL: peer.url };
    expect(await forwardPrivacyRequest({ tenantId: t.tenantId, requestId: request.id }, context(), up)).toEqual({ status: "sent" });
    expect(await forwardOf(t.tenantId, request.id)).toMatchObject({ status: "sent", attempts: 2, lastError: null });
    expect(peer.messages.filter((m) => m.text.includes(request.id)).map((m) => m.envelope.to)).toEqual([["dpo@client.test"]]);
  });

  it("forwards a public-form request only once verified, and never the tenant's own intake", async () => {
    const t = await tenantWithOwner();
    const pub = await createRequest(db, { kind: "spectator" }, t.tenantId, { kind: "access", email: "pub@example.test", identityVerified: false }, options);
    expect(pub.forwarded).toBe(false);
    expect(await forwardOf(t.tenantId, pub.request.id)).toBeNull();
    await verifyRequestCode(db, t.tenantId, pub.request.id, pub.code!, now);
    expect(await forwardOf(t.tenantId, pub.request.id)).toMatchObject({ status: "pending" });

    const staff = await createRequest(db, { kind: "staff", userId: t.owner.id }, t.tenantId, { kind: "access", email: "own@example.test" }, options);
    expect(staff.forwarded).toBe(false);
    expect(await forwardOf(t.tenantId, staff.request.id)).toBeNull();
  });

  it("never resends a forward left 'sending' by a crash, until the DPO releases it once stale", async () => {
    const t = await tenantWithOwner();
    const dpo = await user("dpo", "dpo");
    const { request } = await createRequest(db, { kind: "platform", userId: dpo.id, role: "dpo" }, t.tenantId, { kind: "objection", email: "c@example.test" }, options);
    const system = { userId: null, role: "system" } as const;
    const where = { tenantId_requestId: { tenantId: t.tenantId, requestId: request.id } };
    // As if the worker died after the SMTP server accepted the message, before recording it.
    await withPlatformAccess(db, system, { tenantId: t.tenantId, reason: "test" }, (tx) => tx.dataSubjectRequestForward.update({ where, data: { status: "sending", attempts: 1, updatedAt: now } }));
    const config = { SMTP_URL: peer.url, MAIL_FROM: "dpo@rappel.test", APP_URL: "http://app.test" };
    expect(await forwardPrivacyRequest({ tenantId: t.tenantId, requestId: request.id }, context(), config)).toEqual({ status: "in_flight" });
    expect(peer.messages.some((m) => m.text.includes(request.id))).toBe(false);

    const release = (at: Date) => withPlatformAccess(db, system, { tenantId: t.tenantId, reason: "test" }, (tx) => releaseForwardForRetry(tx, t.tenantId, request.id, at));
    await expect(release(new Date(now.getTime() + 60_000))).rejects.toThrow(/being sent/);
    expect(await release(new Date(now.getTime() + 16 * 60_000))).toBe(1);
    expect(await forwardOf(t.tenantId, request.id)).toMatchObject({ status: "failed", lastError: expect.stringMatching(/outcome unknown/) });
    expect(await forwardPrivacyRequest({ tenantId: t.tenantId, requestId: request.id }, context(), config)).toEqual({ status: "sent" });
    await expect(release(new Date(now.getTime() + 20 * 60_000))).rejects.toThrow(/already sent/);
  });
});
