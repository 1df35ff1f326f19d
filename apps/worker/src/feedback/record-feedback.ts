// What a bounce or a complaint changes, for one delivery, in one tenant-scoped transaction.
// Each is recorded at most once per delivery (a transaction-level advisory lock on the delivery,
// then "is the event already there?"), so a DSN or a report delivered twice changes nothing.
import { Prisma, appendAuditEntry, type Tx } from "@rappel/db";
import type { VerpClaims } from "@rappel/campaigns";

/** Soft bounces (mailbox full, server down…) on this many different campaigns suppress the address. */
export const SOFT_BOUNCES_BEFORE_SUPPRESSION = 3;
const SOFT_BOUNCE_WINDOW_DAYS = 90;

export type TFeedbackOutcome = "recorded" | "duplicate" | "unknown_delivery";

async function lockDelivery(tx: Tx, tenantId: string, d: VerpClaims): Promise<boolean> {
  await tx.$executeRaw(Prisma.sql`SELECT pg_advisory_xact_lock(hashtextextended(${`campaign-feedback:${d.campaignId}:${d.spectatorId}`}, 0))`);
  const rows = await tx.$queryRaw<{ x: number }[]>(Prisma.sql`
    SELECT 1 AS x FROM campaign_delivery WHERE tenant_id = ${tenantId}::uuid AND campaign_id = ${d.campaignId}::uuid
       AND spectator_id = ${d.spectatorId}::uuid AND channel = 'email'`);
  return rows.length > 0;
}

async function hasEvent(tx: Tx, tenantId: string, d: VerpClaims, kind: string): Promise<boolean> {
  const n = await tx.campaignEvent.count({ where: { tenantId, campaignId: d.campaignId, spectatorId: d.spectatorId, kind } });
  return n > 0;
}

/** Suppresses the spectator's current e-mail address (by blind index; no clear address is kept). */
async function suppress(tx: Tx, tenantId: string, spectatorId: string, reason: string): Promise<void> {
  await tx.$executeRaw(Prisma.sql`
    INSERT INTO suppression (tenant_id, channel, bidx, reason)
    SELECT s.tenant_id, 'email', s.email_bidx, ${reason} FROM spectator s
     WHERE s.tenant_id = ${tenantId}::uuid AND s.id = ${spectatorId}::uuid AND s.email_bidx IS NOT NULL
    ON CONFLICT DO NOTHING`);
}

/**
 * `sentTo`: the blind index of the address the message was sent to (suppressed); null when it
 * could not be identified (nothing is suppressed rather than a wrong address); undefined for
 * deliveries whose VERP predates the address tag (the spectator's current address).
 */
export async function recordHardBounce(
  tx: Tx, tenantId: string, d: VerpClaims, status: string, diagnostic: string | undefined, sentTo?: Uint8Array | null,
): Promise<TFeedbackOutcome> {
  if (!(await lockDelivery(tx, tenantId, d))) return "unknown_delivery";
  if (await hasEvent(tx, tenantId, d, "bounce_hard")) return "duplicate";
  const detail = `${status}${diagnostic ? ` ${diagnostic}` : ""}`.slice(0, 200);
  await tx.$executeRaw(Prisma.sql`
    UPDATE campaign_delivery SET status = 'bounced', last_error = ${`DSN ${detail}`.slice(0, 500)}
     WHERE tenant_id = ${tenantId}::uuid AND campaign_id = ${d.campaignId}::uuid
       AND spectator_id = ${d.spectatorId}::uuid AND channel = 'email' AND status = 'sent'`);
  await tx.campaignEvent.create({ data: { tenantId, campaignId: d.campaignId, spectatorId: d.spectatorId, kind: "bounce_hard", detail } });
  if (sentTo === undefined) await suppress(tx, tenantId, d.spectatorId, "bounce_hard");
  else if (sentTo) {
    await tx.$executeRaw(Prisma.sql`
      INSERT INTO suppression (tenant_id, channel, bidx, reason) VALUES (${tenantId}::uuid, 'email', ${sentTo}, 'bounce_hard') ON CONFLICT DO NOTHING`);
  }
  return "recorded";
}

/** One soft bounce per delivery (a "delayed" DSN may come several times); no suppression until repeated. */
export async function recordSoftBounce(tx: Tx, tenantId: string, d: VerpClaims, status: string, now: Date): Promise<TFeedbackOutcome> {
  if (!(await lockDelivery(tx, tenantId, d))) return "unknown_delivery";
  if (await hasEvent(tx, tenantId, d, "bounce_soft")) return "duplicate";
  await tx.campaignEvent.create({ data: { tenantId, campaignId: d.campaignId, spectatorId: d.spectatorId, kind: "bounce_soft", detail: status.slice(0, 200) } });
  const since = new Date(now.getTime() - SOFT_BOUNCE_WINDOW_DAYS * 86_400_000);
  const [row] = await tx.$queryRaw<{ n: bigint }[]>(Prisma.sql`
    SELECT count(DISTINCT campaign_id) AS n FROM campaign_event
     WHERE tenant_id = ${tenantId}::uuid AND spectator_id = ${d.spectatorId}::uuid AND kind = 'bounce_soft' AND occurred_at >= ${since}`);
  if (Number(row?.n ?? 0) >= SOFT_BOUNCES_BEFORE_SUPPRESSION) await suppress(tx, tenantId, d.spectatorId, "bounce_soft_repeated");
  return "recorded";
}

/** A spam complaint: never mail the address again, and the person no longer consents to marketing e-mail. */
export async function recordComplaint(tx: Tx, tenantId: string, d: VerpClaims, feedbackType: string, now: Date): Promise<TFeedbackOutcome> {
  if (!(await lockDelivery(tx, tenantId, d))) return "unknown_delivery";
  if (await hasEvent(tx, tenantId, d, "complaint")) return "duplicate";
  await tx.campaignEvent.create({ data: { tenantId, campaignId: d.campaignId, spectatorId: d.spectatorId, kind: "complaint", detail: feedbackType.slice(0, 50) } });
  await suppress(tx, tenantId, d.spectatorId, "complaint");
  await tx.consent.upsert({
    where: { tenantId_spectatorId_channel: { tenantId, spectatorId: d.spectatorId, channel: "email" } },
    create: { tenantId, spectatorId: d.spectatorId, channel: "email", status: "withdrawn", source: "email:complaint", recordedAt: now },
    update: { status: "withdrawn", source: "email:complaint", recordedAt: now },
  });
  await appendAuditEntry(tx, tenantId, {
    actorKind: "system", action: "consent.withdraw", targetType: "spectator", targetId: d.spectatorId,
    details: { channel: "email", via: "spam complaint (feedback report)", campaignId: d.campaignId },
  }, now);
  return "recorded";
}
