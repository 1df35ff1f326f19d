// The sub-processor register and its change procedure: a planned change opens an objection window
// for every client tenant, each notified in writing (proof of sending: message id and the SMTP
// server's reply); objections are recorded in the tenant's scope; enabling a sub-processor for a
// tenant is refused while its window is open or after it objected.
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
/** Sends one message and returns the proof of sending (message id and the server's reply). */
export type NoticeMailer = (message: NoticeMessage) => Promise<{ messageId: string; response: string }>;

/** Sends the change's unsent notices (a retry sends only what is still unsent) and stores the proof. */
export async function sendSubprocessorNotices(db: Database, mailer: NoticeMailer, changeId: string, options: { appUrl: string }, now = () => new Date()) {
  const change = await db.dpoSubprocessorChange.findUnique({ where: { id: changeId }, include: { subprocessor: true } });
  if (!change) throw notFound("Sub-processor change");
  const results: { tenantId: string; sent: boolean; error?: string }[] = [];
  for (const tenant of await activeTenants(db)) {
    await withPlatformAccess(db, { userId: null, role: "system" }, { tenantId: tenant.id, reason: `sub-processor change notice (${change.subprocessor.name})` }, async (tx) => {
      const notice = await tx.dpoSubprocessorNotice.findUnique({ where: { tenantId_changeId: { tenantId: tenant.id, changeId } } });
      if (!notice || notice.sentAt) return;
      const owners = await tx.membership.findMany({ where: { tenantId: tenant.id, role: "owner" }, select: { user: { select: { email: true } } } });
      if (owners.length === 0) {
        await tx.dpoSubprocessorNotice.update({ where: { tenantId_changeId: { tenantId: tenant.id, changeId } }, data: { sendError: "No owner to notify in this tenant." } });
        results.push({ tenantId: tenant.id, sent: false, error: "no_owner" });
        return;
      }
      const s = change.subprocessor;
      const end = new Date(Math.max(change.windowEndsAt.getTime(), now().getTime() + OBJECTION_WINDOW_MS));
      const text = [
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
        `Vous disposez de 8 jours, jusqu'au ${end.toLocaleString("fr-FR", { timeZone: "Europe/Paris", dateStyle: "long", timeStyle: "short" })}, pour formuler une objection depuis vos réglages : ${options.appUrl}/t/${encodeURIComponent((await tx.tenant.findUniqueOrThrow({ where: { id: tenant.id } })).slug)}/settings/subprocessors`,
        "Ce sous-traitant ne sera pas utilisé pour vos données avant la fin de ce délai, ni si vous vous y opposez.",
        "",
        "Le délégué à la protection des données de Rappel",
      ].join("\n");
      try {
        const proof = await mailer({ to: owners.map((o) => o.user.email), subject: `Changement de sous-traitant : ${s.name}`, text });
        await tx.dpoSubprocessorNotice.update({
          where: { tenantId_changeId: { tenantId: tenant.id, changeId } },
          data: { sentAt: now(), messageId: proof.messageId, smtpResponse: proof.response, sendError: null, recipients: owners.length },
        });
        await appendAuditEntry(tx, tenant.id, { actorUserId: null, actorKind: "system", action: "dpo.subprocessor.notice_sent", targetType: "dpo_subprocessor_change", targetId: changeId, details: { messageId: proof.messageId } });
        results.push({ tenantId: tenant.id, sent: true });
      } catch (error) {
        await tx.dpoSubprocessorNotice.update({ where: { tenantId_changeId: { tenantId: tenant.id, changeId } }, data: { sendError: String((error as Error).message).slice(0, 500) } });
        results.push({ tenantId: tenant.id, sent: false, error: "send_failed" });
      }
    });
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
