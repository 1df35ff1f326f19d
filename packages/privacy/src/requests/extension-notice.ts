// Telling the person that their request's deadline was extended, and why (Art. 12(3) GDPR: an
// extension is decided and notified within the first month). One e-mail per extension: the
// request is claimed ("sending") in its own transaction before the SMTP call, so a retry or a
// second delivery of the job never writes twice; a crash after the server accepted the message
// leaves "sending", which is not re-sent automatically.
import { appendAuditEntry, withPlatformAccess, type Database } from "@rappel/db";
import { loadIdentityCodec, type MasterKey } from "@rappel/personal-data";

export type NoticeMailer = (message: { to: string; subject: string; text: string }) => Promise<{ messageId: string; response: string }>;
export type ExtensionNoticeOutcome = "sent" | "failed" | "not_pending";

const SYSTEM = { userId: null, role: "system" } as const;

const longDate = (locale: string) => new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "Europe/Paris" });

export function extensionNoticeText(input: { tenantName: string; requestId: string; receivedAt: Date; dueAt: Date; months: number; reason: string }): {
  subject: string;
  text: string;
} {
  const fr = longDate("fr-FR");
  const en = longDate("en-GB");
  return {
    subject: "Votre demande sur vos données personnelles : délai prolongé / Your personal-data request: deadline extended",
    text: [
      "Bonjour,",
      "",
      `Votre demande du ${fr.format(input.receivedAt)} auprès de ${input.tenantName} nécessite plus de temps. Le délai de réponse est prolongé de ${input.months} mois : vous recevrez une réponse au plus tard le ${fr.format(input.dueAt)}.`,
      `Motifs : ${input.reason}`,
      `Référence de la demande : ${input.requestId}`,
      "",
      "---",
      "",
      "Hello,",
      "",
      `Your request of ${en.format(input.receivedAt)} to ${input.tenantName} needs more time. The deadline is extended by ${input.months} month(s): you will receive an answer by ${en.format(input.dueAt)} at the latest.`,
      `Reasons: ${input.reason}`,
      `Request reference: ${input.requestId}`,
    ].join("\n"),
  };
}

/** Sends the pending extension notice of one request (the worker job). Never sends twice. */
export async function sendExtensionNotice(
  db: Database,
  mailer: NoticeMailer,
  tenantId: string,
  requestId: string,
  options: { now: () => Date; master: MasterKey },
): Promise<ExtensionNoticeOutcome> {
  const where = { tenantId_id: { tenantId, id: requestId } };
  const claim = await withPlatformAccess(db, SYSTEM, { tenantId, reason: "data-subject request extension notice: claim" }, async (tx) => {
    const rows = await tx.$queryRaw<{ status: string | null }[]>`
      SELECT extension_notice_status AS status FROM data_subject_request WHERE tenant_id = ${tenantId}::uuid AND id = ${requestId}::uuid FOR UPDATE`;
    const status = rows[0]?.status;
    if (status !== "pending" && status !== "failed") return null;
    const request = await tx.dataSubjectRequest.findUniqueOrThrow({ where });
    const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { name: true } });
    const email = (await loadIdentityCodec(tx, tenantId, options.master)).openField("email", request.emailEnc);
    if (!email || !request.dueAt || !request.extensionReason) {
      await tx.dataSubjectRequest.update({ where, data: { extensionNoticeStatus: "failed", extensionNoticeError: "no address, deadline or reason to notify" } });
      return "unsendable" as const;
    }
    await tx.dataSubjectRequest.update({ where, data: { extensionNoticeStatus: "sending", extensionNoticeError: null } });
    return { to: email, ...extensionNoticeText({ tenantName: tenant.name, requestId, receivedAt: request.receivedAt, dueAt: request.dueAt, months: request.extensionMonths, reason: request.extensionReason }) };
  });
  if (claim === null) return "not_pending";
  if (claim === "unsendable") return "failed";
  let proof: { messageId: string; response: string };
  try {
    proof = await mailer(claim);
  } catch (error) {
    await withPlatformAccess(db, SYSTEM, { tenantId, reason: "data-subject request extension notice: failed" }, (tx) =>
      tx.dataSubjectRequest.update({ where, data: { extensionNoticeStatus: "failed", extensionNoticeError: String((error as Error).message ?? error).slice(0, 500) } }),
    );
    return "failed";
  }
  // Accepted by the server: if this write fails the row stays "sending" and is never re-sent.
  const sentAt = options.now();
  await withPlatformAccess(db, SYSTEM, { tenantId, reason: "data-subject request extension notice: sent" }, async (tx) => {
    await tx.dataSubjectRequest.update({ where, data: { extensionNoticeStatus: "sent", extensionNoticeMessageId: proof.messageId, extensionNoticeSentAt: sentAt } });
    await appendAuditEntry(
      tx,
      tenantId,
      { actorUserId: null, actorKind: "system", action: "privacy.request.extension_notified", targetType: "data_subject_request", targetId: requestId, details: { messageId: proof.messageId, smtpResponse: proof.response.slice(0, 200) } },
      sentAt,
    );
  });
  return "sent";
}
