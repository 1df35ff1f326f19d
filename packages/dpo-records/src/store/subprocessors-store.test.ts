// The sub-processor change procedure on the real database and a real SMTP peer: notices sent
// with proof, objections in the tenant's scope, and enabling refused while the window is open
// or after an objection.
import { randomBytes } from "node:crypto";
import { createDatabase, withTenant, type Database } from "@rappel/db";
import { createTwoTenants, type TenantRows } from "@rappel/db/testing";
import { createCommittedSender, type CommittedSender } from "@rappel/mail";
import { startSmtpPeer, type SmtpPeer } from "@rappel/mail/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OBJECTION_WINDOW_MS } from "../subprocessors/objection-window";
import {
  announceSubprocessorChange,
  createPlannedSubprocessor,
  enableSubprocessorForTenant,
  enableSubprocessorWhereAllowed,
  listTenantNotices,
  objectToSubprocessorChange,
  sendSubprocessorNotices,
  committedNoticeMailer,
  type NoticeMailer,
} from "./subprocessors";

let db: Database;
let a: TenantRows;
let b: TenantRows;
let actor: { userId: string };
let peer: SmtpPeer;
let sender: CommittedSender;
let mailer: NoticeMailer;
const t0 = new Date("2026-11-20T10:00:00Z");
const at = (days: number) => new Date(t0.getTime() + days * 24 * 3_600_000);

beforeAll(async () => {
  db = createDatabase(process.env.DATABASE_URL!);
  ({ a, b } = await createTwoTenants(db));
  const dpo = await db.user.create({ data: { email: `dpo-${randomBytes(3).toString("hex")}@example.test`, name: "Dana", passwordHash: "x", platformRole: "dpo" } });
  actor = { userId: dpo.id };
  peer = await startSmtpPeer();
  sender = createCommittedSender(peer.url, { maxConnections: 1 });
  mailer = committedNoticeMailer(sender, "Rappel DPO <dpo@rappel.test>");
});
afterAll(async () => {
  sender.close();
  await peer.stop();
  await db.$disconnect();
});

describe("sub-processor change", () => {
  it("notifies every client in writing with proof, takes objections, and enforces the window", async () => {
    const sub = await createPlannedSubprocessor(db, {
      name: `Mailer ${randomBytes(3).toString("hex")}`, service: "e-mail", dataCategories: ["Adresse e-mail"], location: "IE", transferSafeguards: "", dpaSignedOn: "2026-11-01",
    });
    // Planned and never announced: nobody can have it yet.
    await expect(enableSubprocessorForTenant(db, actor, a.tenantId, sub.id, at(30))).rejects.toMatchObject({ code: "not_notified" });

    const change = await announceSubprocessorChange(db, actor, { subprocessorId: sub.id, description: "Nouveau prestataire d'envoi des e-mails" }, t0);
    // Announced, not sent yet: still refused.
    await expect(enableSubprocessorForTenant(db, actor, a.tenantId, sub.id, at(30))).rejects.toMatchObject({ code: "not_notified" });

    const results = await sendSubprocessorNotices(db, mailer, change.id, { appUrl: "http://app.test" }, () => t0);
    expect(results).toEqual(expect.arrayContaining([{ tenantId: a.tenantId, sent: true }, { tenantId: b.tenantId, sent: true }]));
    // Other test files' tenants may exist in this database too: look only at A's and B's owners.
    const owners = (await db.user.findMany({ where: { id: { in: [a.userId, b.userId] } }, select: { email: true } })).map((u) => u.email);
    const mails = peer.messages.filter((m) => m.envelope.to.some((to) => owners.includes(to)));
    expect(mails).toHaveLength(2);
    expect(mails[0]!.text).toContain("8 jours");
    const notice = (await listTenantNotices(db, a.tenantId, a.userId)).find((n) => n.changeId === change.id);
    expect(notice!.messageId).toMatch(/^<.+@rappel\.test>$/);
    // The stored id is the one the client received.
    expect(mails.map((m) => m.headers.get("message-id"))).toContain(notice!.messageId);
    expect(notice!.smtpResponse).toMatch(/^250 /);
    expect(notice!.sentAt).toEqual(t0);
    // A retry sends nothing twice.
    const before = peer.messages.length;
    await sendSubprocessorNotices(db, mailer, change.id, { appUrl: "http://app.test" }, () => at(1));
    expect(peer.messages.length).toBe(before);

    // Tenant B objects; tenant A does not.
    await expect(objectToSubprocessorChange(db, { tenantId: b.tenantId, userId: b.userId }, change.id, "  ", at(2))).rejects.toThrow(/object/);
    await objectToSubprocessorChange(db, { tenantId: b.tenantId, userId: b.userId }, change.id, "Hébergement hors de France refusé", at(2));
    // A cannot object on B's behalf: B's notice is not visible in A's scope.
    await expect(objectToSubprocessorChange(db, { tenantId: a.tenantId, userId: a.userId }, "00000000-0000-4000-8000-000000000000", "x", at(2))).rejects.toMatchObject({ status: 404 });

    // During the window: refused for both; after it: A allowed, B never.
    await expect(enableSubprocessorForTenant(db, actor, a.tenantId, sub.id, at(7))).rejects.toMatchObject({ code: "window_open" });
    await expect(enableSubprocessorForTenant(db, actor, b.tenantId, sub.id, at(7))).rejects.toMatchObject({ code: "objected" });
    const after = new Date(t0.getTime() + OBJECTION_WINDOW_MS);
    await expect(objectToSubprocessorChange(db, { tenantId: a.tenantId, userId: a.userId }, change.id, "trop tard", after)).rejects.toMatchObject({ code: "window_closed" });
    const outcome = await enableSubprocessorWhereAllowed(db, actor, sub.id, after);
    expect(outcome.find((o) => o.tenantId === a.tenantId)).toMatchObject({ enabled: true });
    expect(outcome.find((o) => o.tenantId === b.tenantId)).toMatchObject({ enabled: false, reason: "objected" });
    const enabledA = await withTenant(db, a.tenantId, (tx) => tx.tenantSubprocessor.count({ where: { tenantId: a.tenantId, subprocessorId: sub.id } }));
    const enabledB = await withTenant(db, b.tenantId, (tx) => tx.tenantSubprocessor.count({ where: { tenantId: b.tenantId, subprocessorId: sub.id } }));
    expect([enabledA, enabledB]).toEqual([1, 0]);
  });
});

describe("sub-processor notices at the commit point", () => {
  const owners = async () => (await db.user.findMany({ where: { id: { in: [a.userId, b.userId] } }, select: { email: true } })).map((u) => u.email);
  const mailsTo = async (subject: string) => {
    const emails = await owners();
    return peer.messages.filter((m) => m.subject.includes(subject) && m.envelope.to.some((to) => emails.includes(to)));
  };
  const noticeOf = async (tenant: TenantRows, changeId: string) => (await listTenantNotices(db, tenant.tenantId, tenant.userId)).find((n) => n.changeId === changeId)!;
  const announce = async () => {
    const sub = await createPlannedSubprocessor(db, { name: `Crash ${randomBytes(3).toString("hex")}`, service: "SMS", dataCategories: [], location: "FR", transferSafeguards: "", dpaSignedOn: null });
    return { sub, change: await announceSubprocessorChange(db, actor, { subprocessorId: sub.id, description: "Changement de routeur" }, t0) };
  };

  it("a crash after the server accepted a notice leaves it recorded as sent, and the retry sends nothing twice", async () => {
    const { sub, change } = await announce();
    // The worker "dies" right after the server accepted the message, before it records the reply.
    const crashing: NoticeMailer = async (message, commit) => {
      await mailer(message, commit);
      throw new Error("worker killed after the SMTP server accepted the message");
    };
    await sendSubprocessorNotices(db, crashing, change.id, { appUrl: "http://app.test" }, () => t0);
    const delivered = await mailsTo(sub.name);
    expect(delivered).toHaveLength(2);
    const notice = await noticeOf(a, change.id);
    expect(notice.sentAt).toEqual(t0);
    expect(delivered.map((m) => m.headers.get("message-id"))).toContain(notice.messageId);
    expect(notice.sendError).toMatch(/reply was not received/);

    // The retry (BullMQ's, or a second delivery of the job) finds nothing unsent.
    const retry = await sendSubprocessorNotices(db, mailer, change.id, { appUrl: "http://app.test" }, () => at(1));
    expect(retry.filter((r) => r.tenantId === a.tenantId || r.tenantId === b.tenantId)).toEqual([]);
    expect(await mailsTo(sub.name)).toHaveLength(2);
    // The clients were notified in writing: enabling waits for the window, not for a resend.
    await expect(enableSubprocessorForTenant(db, actor, a.tenantId, sub.id, at(3))).rejects.toMatchObject({ code: "window_open" });
  });

  it("when the commit fails the server discards the message, the notice stays unsent, and the retry sends it once", async () => {
    const { sub, change } = await announce();
    // The commit point fails (the database is unreachable then): the message must not be delivered.
    const failingCommit: NoticeMailer = (message) => mailer(message, async () => {
      throw new Error("database unavailable at the commit point");
    });
    const results = await sendSubprocessorNotices(db, failingCommit, change.id, { appUrl: "http://app.test" }, () => t0);
    expect(results.find((r) => r.tenantId === a.tenantId)).toMatchObject({ sent: false, error: "send_failed" });
    // Give the peer a moment: an aborted DATA never turns into a message.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await mailsTo(sub.name)).toHaveLength(0);
    expect((await noticeOf(a, change.id)).sentAt).toBeNull();

    await sendSubprocessorNotices(db, mailer, change.id, { appUrl: "http://app.test" }, () => t0);
    expect(await mailsTo(sub.name)).toHaveLength(2);
    expect((await noticeOf(a, change.id)).smtpResponse).toMatch(/^250 /);
  });
});
