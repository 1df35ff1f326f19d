// Forwarding to the client. A request the vendor receives about a client's spectators (DPO intake,
// or the public form the vendor runs for the client) is the client's to answer: it is forwarded
// by e-mail to the tenant's privacy contact (or its owners), with proof of sending. The client's
// own clock starts when the forward is sent; the vendor's clock (the request's due date) is kept
// and shown separately. The e-mail names no person: the client reads the request after signing in.
//
// Exactly one e-mail per forward: the row is claimed ("sending") in its own transaction before the
// SMTP call, so a retry or a second delivery of the job never sends again. A crash between the
// SMTP acceptance and the final update leaves "sending": it is not resent automatically; the DPO
// may resend it once it is stale (outcome unknown), which is recorded.
import { appendAuditEntry, withPlatformAccess, type Database, type DataSubjectRequestForward, type Tx } from "@rappel/db";
import { computeDeadline } from "./deadline";
import { RequestError } from "./scope";

export type ForwardMailer = (message: { to: string[]; subject: string; text: string }) => Promise<{ messageId: string; response: string }>;

/** Channels through which the vendor, not the client, received the request. */
export const FORWARDED_CHANNELS = ["dpo", "public"] as const;

export const STALE_SENDING_MS = 15 * 60_000;

const SYSTEM = { userId: null, role: "system" } as const;

/** Records that the request must be forwarded (in the intake or verification transaction). */
export async function recordForward(tx: Tx, tenantId: string, requestId: string, channel: string): Promise<boolean> {
  if (!(FORWARDED_CHANNELS as readonly string[]).includes(channel)) return false;
  await tx.dataSubjectRequestForward.createMany({ data: [{ tenantId, requestId }], skipDuplicates: true });
  return true;
}

const KIND_LABELS: Record<string, [string, string]> = {
  access: ["accès", "access"],
  rectification: ["rectification", "rectification"],
  erasure: ["effacement", "erasure"],
  restriction: ["limitation du traitement", "restriction of processing"],
  objection: ["opposition", "objection"],
  portability: ["portabilité", "portability"],
  post_mortem: ["directives post-mortem", "post-mortem directives"],
};

function parisDate(date: Date, locale: string): string {
  return date.toLocaleDateString(locale, { timeZone: "Europe/Paris", dateStyle: "long" });
}

export type ForwardOutcome = { status: "sent" | "failed" | "already_sent" | "in_flight"; forward: DataSubjectRequestForward | null };

async function recipientsOf(tx: Tx, tenantId: string): Promise<string[]> {
  const setting = await tx.privacySetting.findUnique({ where: { tenantId } });
  if (setting?.privacyContactEmail) return [setting.privacyContactEmail];
  const owners = await tx.membership.findMany({ where: { tenantId, role: "owner", user: { disabledAt: null } }, select: { user: { select: { email: true } } } });
  return owners.map((o) => o.user.email).sort();
}

/** Sends the forward of one request (the worker job). Never sends twice. */
export async function sendRequestForward(
  db: Database,
  mailer: ForwardMailer,
  tenantId: string,
  requestId: string,
  options: { appUrl: string; now: () => Date },
): Promise<ForwardOutcome> {
  const where = { tenantId_requestId: { tenantId, requestId } };
  const claim = await withPlatformAccess(db, SYSTEM, { tenantId, reason: "data-subject request forward: claim" }, async (tx) => {
    const locked = await tx.$queryRaw<{ status: string }[]>`
      SELECT status FROM data_subject_request_forward WHERE tenant_id = ${tenantId}::uuid AND request_id = ${requestId}::uuid FOR UPDATE`;
    const status = locked[0]?.status;
    if (!status) throw new RequestError("this request has no forward to send", 404);
    if (status === "sent") return { kind: "already_sent" as const };
    if (status === "sending") return { kind: "in_flight" as const };
    const request = await tx.dataSubjectRequest.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: requestId } } });
    const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { name: true, slug: true } });
    const to = await recipientsOf(tx, tenantId);
    if (to.length === 0) {
      await tx.dataSubjectRequestForward.update({ where, data: { status: "failed", lastError: "no privacy contact and no owner to write to", updatedAt: options.now() } });
      return { kind: "no_recipient" as const };
    }
    await tx.dataSubjectRequestForward.update({ where, data: { status: "sending", attempts: { increment: 1 }, recipients: to.length, updatedAt: options.now() } });
    return { kind: "claimed" as const, request, tenant, to };
  });
  if (claim.kind === "already_sent" || claim.kind === "in_flight") {
    return { status: claim.kind, forward: await loadForward(db, tenantId, requestId) };
  }
  if (claim.kind === "no_recipient") return { status: "failed", forward: await loadForward(db, tenantId, requestId) };

  const { request, tenant, to } = claim;
  const sentAt = options.now();
  const clientDeadline = computeDeadline({ receivedAt: sentAt, verifiedAt: sentAt, extensionMonths: 0 });
  const clientDueAt = clientDeadline.paused ? null : clientDeadline.dueAt;
  const [fr, en] = KIND_LABELS[request.kind] ?? [request.kind, request.kind];
  const link = `${options.appUrl}/t/${encodeURIComponent(tenant.slug)}/settings/privacy-requests/${request.id}`;
  const text = [
    "Madame, Monsieur,",
    "",
    `Rappel a reçu le ${parisDate(request.receivedAt, "fr-FR")} une demande d'exercice de droits (${fr}) concernant une personne des fichiers de ${tenant.name}.`,
    "En tant que responsable du traitement, il vous appartient d'y répondre.",
    clientDueAt ? `Votre délai de réponse court jusqu'au ${parisDate(clientDueAt, "fr-FR")} (un mois à compter de cet envoi).` : "",
    `Consultez la demande depuis vos réglages : ${link}`,
    "",
    `Rappel received on ${parisDate(request.receivedAt, "en-GB")} a data-subject request (${en}) about a person in ${tenant.name}'s records.`,
    "As the controller, it is yours to answer.",
    clientDueAt ? `Your deadline runs until ${parisDate(clientDueAt, "en-GB")} (one month from this message).` : "",
    `Open the request from your settings: ${link}`,
    "",
    "Le délégué à la protection des données de Rappel / Rappel's data protection officer",
  ].filter((line, i, all) => line !== "" || all[i - 1] !== "").join("\n");

  try {
    const proof = await mailer({ to, subject: `Demande d'exercice de droits à traiter / Data-subject request to handle — ${tenant.name}`, text });
    await withPlatformAccess(db, SYSTEM, { tenantId, reason: "data-subject request forward: sent" }, async (tx) => {
      await tx.dataSubjectRequestForward.update({
        where,
        data: { status: "sent", sentAt, clientDueAt, messageId: proof.messageId, smtpResponse: proof.response, lastError: null, updatedAt: sentAt },
      });
      await appendAuditEntry(tx, tenantId, { actorUserId: null, actorKind: "system", action: "privacy.request.forwarded", targetType: "data_subject_request", targetId: requestId, details: { messageId: proof.messageId, recipients: to.length } }, sentAt);
    });
    return { status: "sent", forward: await loadForward(db, tenantId, requestId) };
  } catch (error) {
    await withPlatformAccess(db, SYSTEM, { tenantId, reason: "data-subject request forward: failed" }, (tx) =>
      tx.dataSubjectRequestForward.update({ where, data: { status: "failed", lastError: String((error as Error).message).slice(0, 500), updatedAt: options.now() } }),
    );
    return { status: "failed", forward: await loadForward(db, tenantId, requestId) };
  }
}

function loadForward(db: Database, tenantId: string, requestId: string): Promise<DataSubjectRequestForward | null> {
  return withPlatformAccess(db, SYSTEM, { tenantId, reason: "data-subject request forward: read" }, (tx) =>
    tx.dataSubjectRequestForward.findUnique({ where: { tenantId_requestId: { tenantId, requestId } } }),
  );
}

/**
 * Lets a failed forward be sent again (the caller enqueues the job). A forward stuck in "sending"
 * past STALE_SENDING_MS (the worker stopped mid-send: outcome unknown) may be released too.
 */
export async function releaseForwardForRetry(tx: Tx, tenantId: string, requestId: string, now: Date): Promise<number> {
  const forward = await tx.dataSubjectRequestForward.findUnique({ where: { tenantId_requestId: { tenantId, requestId } } });
  if (!forward) throw new RequestError("this request is not forwarded", 404);
  if (forward.status === "sent") throw new RequestError("the forward was already sent", 409);
  if (forward.status === "sending" && now.getTime() - forward.updatedAt.getTime() < STALE_SENDING_MS) {
    throw new RequestError("the forward is being sent: wait a few minutes before sending it again", 409);
  }
  if (forward.status === "sending") {
    await tx.dataSubjectRequestForward.update({
      where: { tenantId_requestId: { tenantId, requestId } },
      data: { status: "failed", lastError: "outcome unknown (the worker stopped while sending); sent again on request", updatedAt: now },
    });
  }
  return forward.attempts;
}
