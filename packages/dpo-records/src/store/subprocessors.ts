// The sub-processor register and its change procedure: a planned change opens an objection window
// for every client tenant, each notified in writing (proof of sending: message id and the SMTP
// server's reply); objections are recorded in the tenant's scope; enabling a sub-processor for a
// tenant is refused while its window is open or after it objected.
import { randomUUID } from "node:crypto";
import { appendAuditEntry, withPlatformAccess, withTenant, type Database } from "@rappel/db";
import { z } from "zod";
import { DpoRecordError, notFound } from "../errors";
import { OBJECTION_WINDOW_MS, canObject, decideEnablement, type ChangeState, type EnablementDecision } from "../subprocessors/objection-window";
import type { DpoActor } from "./processor-register";

export const ZSubprocessorInput = z.object({
  name: z.string().trim().min(1, "Give the sub-processor's name.").max(200),
  service: z.string().trim().min(1, "Say what service it provides.").max(300),
  dataCategories: z.array(z.string().trim().min(1).max(200)).max(50),
  location: z.string().trim().min(1, "Give the data's location (country).").max(200),
  transferSafeguards: z.string().trim().max(500),
  dpaSignedOn: z.iso.date().nullable(),
});
export type TSubprocessorInput = z.infer<typeof ZSubprocessorInput>;

export const DEFAULT_SUBPROCESSORS: TSubprocessorInput[] = [
  { name: "Scaleway", service: "Hébergement (serveurs, base de données, sauvegardes)", dataCategories: ["Toutes les données des clients"], location: "FR (Paris)", transferSafeguards: "Aucun transfert hors UE", dpaSignedOn: "2026-01-15" },
  { name: "Brevo", service: "Acheminement des e-mails", dataCategories: ["Adresse e-mail", "Contenu des messages"], location: "FR", transferSafeguards: "Aucun transfert hors UE", dpaSignedOn: "2026-02-01" },
  { name: "OVHcloud SMS", service: "Acheminement des SMS", dataCategories: ["Numéro de téléphone", "Contenu des messages"], location: "FR", transferSafeguards: "Aucun transfert hors UE", dpaSignedOn: "2026-02-01" },
];

function parseInput(input: unknown): TSubprocessorInput {
  const parsed = ZSubprocessorInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DpoRecordError(`${issue?.path.join(".") || "sub-processor"}: ${issue?.message ?? "invalid"}`);
  }
  return parsed.data;
}

const activeTenants = (db: Database) => db.tenant.findMany({ where: { status: { not: "closed" } }, select: { id: true, name: true }, orderBy: { name: "asc" } });
const access = (db: Database, actor: DpoActor, tenantId: string, reason: string) =>
  <T>(work: Parameters<typeof withPlatformAccess<T>>[3]) => withPlatformAccess(db, { userId: actor.userId, role: "dpo" }, { tenantId, reason }, work);

/** Seeds the sub-processors already in use and enables them for every tenant (once). */
export async function ensureSubprocessors(db: Database, actor: DpoActor): Promise<void> {
  if ((await db.dpoSubprocessor.count()) > 0) return;
  const created = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('dpo:subprocessors-seed', 0))`;
    if ((await tx.dpoSubprocessor.count()) > 0) return [];
    const rows = [];
    for (const s of DEFAULT_SUBPROCESSORS) rows.push(await tx.dpoSubprocessor.create({ data: { ...s, dpaSignedOn: s.dpaSignedOn ? new Date(s.dpaSignedOn) : null, status: "active" } }));
    return rows;
  });
  for (const tenant of created.length ? await activeTenants(db) : []) {
    await access(db, actor, tenant.id, "DPO: sub-processors in use at start")((tx) =>
      tx.tenantSubprocessor.createMany({ data: created.map((s) => ({ tenantId: tenant.id, subprocessorId: s.id, enabledById: actor.userId })), skipDuplicates: true }),
    );
  }
}

export async function listSubprocessors(db: Database) {
  return db.dpoSubprocessor.findMany({
    orderBy: [{ status: "asc" }, { name: "asc" }],
    include: { changes: { orderBy: { announcedAt: "desc" } }, _count: { select: { enablements: true } } },
  });
}

export async function createPlannedSubprocessor(db: Database, input: unknown) {
  const data = parseInput(input);
  if (await db.dpoSubprocessor.findUnique({ where: { name: data.name } })) throw new DpoRecordError(`${data.name} is already in the register.`, 409, "duplicate");
  return db.dpoSubprocessor.create({ data: { ...data, dpaSignedOn: data.dpaSignedOn ? new Date(data.dpaSignedOn) : null, status: "planned" } });
}

/** Announces a change: one notice per client tenant (to be sent by the worker). */
export async function announceSubprocessorChange(db: Database, actor: DpoActor, input: { subprocessorId: string; description: string }, now = new Date()) {
  const description = z.string().trim().min(1, "Describe the change for the clients.").max(2000).safeParse(input.description);
  if (!description.success) throw new DpoRecordError(description.error.issues[0]!.message);
  const sub = await db.dpoSubprocessor.findUnique({ where: { id: input.subprocessorId } });
  if (!sub) throw notFound("Sub-processor");
  const change = await db.dpoSubprocessorChange.create({
    data: { subprocessorId: sub.id, description: description.data, announcedAt: now, windowEndsAt: new Date(now.getTime() + OBJECTION_WINDOW_MS), createdById: actor.userId },
  });
  for (const tenant of await activeTenants(db)) {
    await access(db, actor, tenant.id, `DPO: sub-processor change announced (${sub.name})`)(async (tx) => {
      const recipients = await tx.membership.count({ where: { tenantId: tenant.id, role: "owner" } });
      await tx.dpoSubprocessorNotice.create({ data: { tenantId: tenant.id, changeId: change.id, recipients } });
    });
  }
  return change;
}

export interface NoticeMessage {
  to: string[];
  subject: string;
  text: string;
}
/**
 * Sends one message with a commit point (the committed-sender pattern of decision 0006): the
 * mailer writes the whole message, calls `commit(messageId)` — which records the notice as sent —
 * and only once it resolved writes the SMTP terminator. A crash before the commit leaves an
 * incomplete message the server discards (the notice stays unsent, a retry sends it); after it,
 * the server delivers and the notice already says so. Returns the proof (id and final reply).
 */
export type NoticeMailer = (message: NoticeMessage, commit: (messageId: string) => Promise<void>) => Promise<{ messageId: string; response: string }>;

/** The part of @rappel/mail's CommittedSender a notice needs (kept structural: no mail dependency here). */
export interface CommitPointSender {
  send(
    message: { from: string; to: string; subject: string; text: string; messageId?: string },
    onBodyWritten: (end: { finish(): void; abort(error: Error): void }) => void,
  ): Promise<{ response: string }>;
}

/** A NoticeMailer over a committed sender: one message to all of a tenant's owners, with our Message-ID. */
export function committedNoticeMailer(sender: CommitPointSender, from: string): NoticeMailer {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? "rappel.localhost";
  return async (message, commit) => {
    const local = randomUUID();
    const messageId = `<${local}@${domain}>`;
    // One notice at a time: the terminator follows the commit's promise (a wider window than the
    // campaigns' group commit, acceptable for a handful of notices; decision 0006).
    const sent = await sender.send({ from, to: message.to.join(", "), subject: message.subject, text: message.text, messageId: local }, (end) => {
      commit(messageId).then(
        () => end.finish(),
        (error: unknown) => end.abort(error instanceof Error ? error : new Error(String(error))),
      );
    });
    return { messageId, response: sent.response };
  };
}

const system = { userId: null, role: "system" } as const;
/** An explicit SMTP refusal (4xx/5xx reply) after the commit: the server did not take the message. */
const smtpRefusal = (error: unknown) => typeof (error as { responseCode?: unknown })?.responseCode === "number";

function noticeText(change: { description: string; windowEndsAt: Date; subprocessor: { name: string; service: string; dataCategories: string[]; location: string; transferSafeguards: string } }, tenant: { name: string; slug: string }, appUrl: string, now: Date): string {
  const s = change.subprocessor;
  const end = new Date(Math.max(change.windowEndsAt.getTime(), now.getTime() + OBJECTION_WINDOW_MS));
  return [
    "Madame, Monsieur,",
    "",
    `Conformément à notre contrat de sous-traitance, nous vous informons d'un changement de sous-traitant ultérieur pour ${tenant.name} :`,
    "",
    change.description,
    "",
    `Sous-traitant : ${s.name} — ${s.service}`,
    `Données concernées : ${s.dataCategories.join(", ") || "—"}`,
    `Localisation : ${s.location} — garanties : ${s.transferSafeguards || "—"}`,
    "",
    `Vous disposez de 8 jours, jusqu'au ${end.toLocaleString("fr-FR", { timeZone: "Europe/Paris", dateStyle: "long", timeStyle: "short" })}, pour formuler une objection depuis vos réglages : ${appUrl}/t/${encodeURIComponent(tenant.slug)}/settings/subprocessors`,
    "Ce sous-traitant ne sera pas utilisé pour vos données avant la fin de ce délai, ni si vous vous y opposez.",
    "",
    "Le délégué à la protection des données de Rappel",
  ].join("\n");
}

/** Sends the change's unsent notices (a retry sends only what is still unsent) and stores the proof. */
export async function sendSubprocessorNotices(db: Database, mailer: NoticeMailer, changeId: string, options: { appUrl: string }, now = () => new Date()) {
  const change = await db.dpoSubprocessorChange.findUnique({ where: { id: changeId }, include: { subprocessor: true } });
  if (!change) throw notFound("Sub-processor change");
  const results: { tenantId: string; sent: boolean; error?: string }[] = [];
  const key = (tenantId: string) => ({ tenantId_changeId: { tenantId, changeId } });
  const scoped = <T>(tenantId: string, what: string, work: Parameters<typeof withPlatformAccess<T>>[3]) =>
    withPlatformAccess(db, system, { tenantId, reason: `sub-processor change notice (${change.subprocessor.name}): ${what}` }, work);
  for (const tenant of await activeTenants(db)) {
    // 1. What to send, read in the tenant's scope (nothing if already sent).
    const prepared = await scoped(tenant.id, "prepare", async (tx) => {
      const notice = await tx.dpoSubprocessorNotice.findUnique({ where: key(tenant.id) });
      if (!notice || notice.sentAt) return null;
      const owners = await tx.membership.findMany({ where: { tenantId: tenant.id, role: "owner" }, select: { user: { select: { email: true } } } });
      if (owners.length === 0) {
        await tx.dpoSubprocessorNotice.update({ where: key(tenant.id), data: { sendError: "No owner to notify in this tenant." } });
        return "no_owner" as const;
      }
      const { slug } = await tx.tenant.findUniqueOrThrow({ where: { id: tenant.id }, select: { slug: true } });
      const message: NoticeMessage = {
        to: owners.map((o) => o.user.email),
        subject: `Changement de sous-traitant : ${change.subprocessor.name}`,
        text: noticeText(change, { name: tenant.name, slug }, options.appUrl, now()),
      };
      return message;
    });
    if (prepared === null) continue;
    if (prepared === "no_owner") {
      results.push({ tenantId: tenant.id, sent: false, error: "no_owner" });
      continue;
    }
    // 2. Send; the notice is recorded as sent (with the audit entry) at the commit point, before
    // the terminator. Claiming "sent_at IS NULL" also stops a second worker's copy of the message.
    let committed = false;
    try {
      const proof = await mailer(prepared, async (messageId) => {
        await scoped(tenant.id, "sent", async (tx) => {
          const claimed = await tx.dpoSubprocessorNotice.updateMany({
            where: { tenantId: tenant.id, changeId, sentAt: null },
            data: { sentAt: now(), messageId, smtpResponse: null, sendError: null, recipients: prepared.to.length },
          });
          if (claimed.count !== 1) throw new Error("This notice was sent meanwhile by another worker.");
          await appendAuditEntry(tx, tenant.id, { actorUserId: null, actorKind: "system", action: "dpo.subprocessor.notice_sent", targetType: "dpo_subprocessor_change", targetId: changeId, details: { messageId } });
        });
        committed = true;
      });
      if (!committed) throw new Error("The mailer returned without its commit point: the notice was not recorded.");
      // 3. The server's final reply, as proof. A crash before this line leaves the notice sent
      // with its message id and no reply: never unsent, never sent twice.
      await scoped(tenant.id, "proof", (tx) => tx.dpoSubprocessorNotice.update({ where: key(tenant.id), data: { smtpResponse: proof.response } }));
      results.push({ tenantId: tenant.id, sent: true });
    } catch (error) {
      const message = String((error as Error).message).slice(0, 500);
      if (committed && !smtpRefusal(error)) {
        // The terminator was written and no refusal came back: the server may well have the message.
        await scoped(tenant.id, "reply lost", (tx) => tx.dpoSubprocessorNotice.update({ where: key(tenant.id), data: { sendError: `Sent; the server's reply was not received: ${message}`.slice(0, 500) } }));
        results.push({ tenantId: tenant.id, sent: true });
        continue;
      }
      await scoped(tenant.id, "failed", async (tx) => {
        // An explicit refusal after the commit re-opens the notice (the server did not take it).
        await tx.dpoSubprocessorNotice.update({ where: key(tenant.id), data: committed ? { sentAt: null, messageId: null, sendError: message } : { sendError: message } });
        if (committed) await appendAuditEntry(tx, tenant.id, { actorUserId: null, actorKind: "system", action: "dpo.subprocessor.notice_refused", targetType: "dpo_subprocessor_change", targetId: changeId, details: { error: message } });
      });
      results.push({ tenantId: tenant.id, sent: false, error: "send_failed" });
    }
  }
  return results;
}

/** The tenant's notices, for its owners' settings page (read in the tenant's scope). */
export async function listTenantNotices(db: Database, tenantId: string, userId: string) {
  return withTenant(db, tenantId, (tx) =>
    tx.dpoSubprocessorNotice.findMany({ where: { tenantId }, include: { change: { include: { subprocessor: true } } }, orderBy: { change: { announcedAt: "desc" } } }),
  { userId });
}

/** A tenant owner objects to a change while the window is open. */
export async function objectToSubprocessorChange(db: Database, who: { tenantId: string; userId: string }, changeId: string, reason: string, now = new Date()) {
  const text = z.string().trim().min(1, "Say why you object: the vendor must be able to answer.").max(2000).safeParse(reason);
  if (!text.success) throw new DpoRecordError(text.error.issues[0]!.message);
  return withTenant(db, who.tenantId, async (tx) => {
    const notice = await tx.dpoSubprocessorNotice.findUnique({ where: { tenantId_changeId: { tenantId: who.tenantId, changeId } }, include: { change: true } });
    if (!notice) throw notFound("Notice");
    if (!canObject({ windowEndsAt: notice.change.windowEndsAt, notice }, now)) {
      throw new DpoRecordError(notice.objectedAt ? "Your objection is already recorded." : "The objection window is closed (or the notice was not sent yet).", 409, "window_closed");
    }
    await tx.dpoSubprocessorNotice.update({ where: { tenantId_changeId: { tenantId: who.tenantId, changeId } }, data: { objectedAt: now, objectionReason: text.data, objectedById: who.userId } });
    await appendAuditEntry(tx, who.tenantId, { actorUserId: who.userId, actorKind: "staff", action: "dpo.subprocessor.objection", targetType: "dpo_subprocessor_change", targetId: changeId }, now);
  }, { userId: who.userId });
}

/** Enables a sub-processor for one tenant; refused while its window is open or if it objected. */
export async function enableSubprocessorForTenant(db: Database, actor: DpoActor, tenantId: string, subprocessorId: string, now = new Date()) {
  const sub = await db.dpoSubprocessor.findUnique({ where: { id: subprocessorId }, include: { changes: true } });
  if (!sub) throw notFound("Sub-processor");
  return access(db, actor, tenantId, `DPO: enable sub-processor ${sub.name}`)(async (tx) => {
    const notices = await tx.dpoSubprocessorNotice.findMany({ where: { tenantId, changeId: { in: sub.changes.map((c) => c.id) } } });
    const states: ChangeState[] = sub.changes.map((c) => ({ windowEndsAt: c.windowEndsAt, notice: notices.find((n) => n.changeId === c.id) ?? null }));
    // A planned sub-processor with no announced change has not been put to the clients at all.
    const decision: EnablementDecision =
      sub.status === "planned" && states.length === 0 ? { allowed: false, reason: "not_notified" } : decideEnablement(states, now);
    if (!decision.allowed) {
      const messages = {
        objected: "This client objected to this sub-processor: it cannot be enabled for them.",
        window_open: `This client's objection window is still open${decision.until ? ` until ${decision.until.toISOString()}` : ""}.`,
        not_notified: "This client has not been notified of the change in writing yet.",
      };
      throw new DpoRecordError(messages[decision.reason], 409, decision.reason);
    }
    await tx.tenantSubprocessor.upsert({
      where: { tenantId_subprocessorId: { tenantId, subprocessorId } }, create: { tenantId, subprocessorId, enabledAt: now, enabledById: actor.userId }, update: {},
    });
    await appendAuditEntry(tx, tenantId, { actorUserId: actor.userId, actorKind: "platform", action: "dpo.subprocessor.enabled", targetType: "dpo_subprocessor", targetId: subprocessorId }, now);
  });
}

/** Enables it for every tenant whose window has closed without objection; reports the others. */
export async function enableSubprocessorWhereAllowed(db: Database, actor: DpoActor, subprocessorId: string, now = new Date()) {
  const outcome: { tenantId: string; tenantName: string; enabled: boolean; reason?: string }[] = [];
  for (const tenant of await activeTenants(db)) {
    try {
      await enableSubprocessorForTenant(db, actor, tenant.id, subprocessorId, now);
      outcome.push({ tenantId: tenant.id, tenantName: tenant.name, enabled: true });
    } catch (error) {
      if (!(error instanceof DpoRecordError)) throw error;
      outcome.push({ tenantId: tenant.id, tenantName: tenant.name, enabled: false, reason: error.code });
    }
  }
  if (outcome.some((o) => o.enabled)) await db.dpoSubprocessor.update({ where: { id: subprocessorId }, data: { status: "active", updatedAt: now } });
  return outcome;
}
