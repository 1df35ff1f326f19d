// What comes back from a provider, applied to the tenant's data: delivery receipts update the
// send ledger (found by the provider's message id), and an inbound STOP withdraws the person's
// SMS consent (the consent row is the proof: source "sms:STOP", time, plus an audit entry with the
// keyword received), adds the number to the SMS suppression list and records an `unsubscribe`
// event on the last SMS campaign they got. The worker (SMPP) and the web app (HTTP webhook)
// both call these, inside a tenant-scoped transaction.
import { appendAuditEntry, Prisma, type Tx } from "@rappel/db";
import { loadIdentityCodec, normalisePhone, type MasterKey } from "@rappel/personal-data";
import { isStopMessage, type DeliveryReport, type InboundSms } from "./provider";

/** Applies a receipt; false when no ledger row carries this id (yet: the id may still be on its way). */
export async function applyDeliveryReport(tx: Tx, tenantId: string, report: DeliveryReport, now: Date): Promise<boolean> {
  const rows = await tx.$queryRaw<{ campaignId: string; spectatorId: string }[]>(Prisma.sql`
    SELECT campaign_id::text AS "campaignId", spectator_id::text AS "spectatorId" FROM campaign_delivery
     WHERE tenant_id = ${tenantId}::uuid AND provider_id = ${report.providerId} AND channel = 'sms'`);
  const row = rows[0];
  if (!row) return false;
  const where = Prisma.sql`tenant_id = ${tenantId}::uuid AND campaign_id = ${row.campaignId}::uuid AND spectator_id = ${row.spectatorId}::uuid AND channel = 'sms'`;
  const kind = report.state === "delivered" ? "delivered" : report.state === "unknown" ? null : "delivery_failed";
  if (kind === "delivery_failed") {
    const reason = `receipt: ${report.state}${report.error ? ` (error ${report.error})` : ""}`;
    await tx.$executeRaw(Prisma.sql`UPDATE campaign_delivery SET status = 'failed', last_error = ${reason} WHERE ${where}`);
  }
  if (kind) {
    // A provider may repeat a receipt: one event per row and kind.
    await tx.$executeRaw(Prisma.sql`
      INSERT INTO campaign_event (tenant_id, campaign_id, spectator_id, kind, detail, occurred_at)
      SELECT ${tenantId}::uuid, ${row.campaignId}::uuid, ${row.spectatorId}::uuid, ${kind}, ${report.error ?? report.state}, ${now}
       WHERE NOT EXISTS (SELECT 1 FROM campaign_event WHERE tenant_id = ${tenantId}::uuid AND campaign_id = ${row.campaignId}::uuid
                            AND spectator_id = ${row.spectatorId}::uuid AND kind = ${kind})`);
  }
  return true;
}

/** SMPP gives "33612345678" (international, no +); HTTP providers usually E.164. */
export function inboundNumberToE164(raw: string): string | null {
  const digits = raw.trim().replace(/[\s.-]/g, "");
  if (/^\+\d+$/.test(digits)) return normalisePhone(digits);
  if (/^00\d+$/.test(digits)) return normalisePhone(`+${digits.slice(2)}`);
  if (/^[1-9]\d{7,14}$/.test(digits)) return normalisePhone(`+${digits}`);
  return normalisePhone(digits);
}

export interface InboundResult {
  stop: boolean;
  spectators: number;
}

export async function applyInboundSms(tx: Tx, tenantId: string, master: MasterKey, sms: InboundSms, now: Date): Promise<InboundResult> {
  if (!isStopMessage(sms.text)) return { stop: false, spectators: 0 };
  const phone = inboundNumberToE164(sms.from);
  if (!phone) return { stop: true, spectators: 0 };
  const codec = await loadIdentityCodec(tx, tenantId, master);
  const bidx = codec.phoneIndex(phone);
  if (!bidx) return { stop: true, spectators: 0 };
  // The number is suppressed even when no spectator carries it (yet): a later import stays quiet.
  await tx.$executeRaw(Prisma.sql`INSERT INTO suppression (tenant_id, channel, bidx, reason)
    VALUES (${tenantId}::uuid, 'sms', ${bidx}, 'sms_stop') ON CONFLICT DO NOTHING`);
  const people = await tx.spectator.findMany({ where: { tenantId, phoneBidx: bidx }, select: { id: true } });
  for (const { id } of people) {
    const consent = { status: "withdrawn" as const, source: "sms:STOP", recordedAt: now };
    await tx.consent.upsert({
      where: { tenantId_spectatorId_channel: { tenantId, spectatorId: id, channel: "sms" } },
      create: { tenantId, spectatorId: id, channel: "sms", ...consent },
      update: consent,
    });
    await appendAuditEntry(tx, tenantId, {
      actorKind: "spectator", action: "consent.withdrawn", targetType: "spectator", targetId: id,
      details: { channel: "sms", via: "inbound SMS", keyword: sms.text.trim().slice(0, 40), shortCode: sms.to },
    }, now);
    const last = await tx.campaignDelivery.findFirst({
      where: { tenantId, spectatorId: id, channel: "sms", sentAt: { not: null } },
      orderBy: { sentAt: "desc" },
      select: { campaignId: true },
    });
    if (last) {
      await tx.campaignEvent.create({ data: { tenantId, campaignId: last.campaignId, spectatorId: id, kind: "unsubscribe", detail: "sms:STOP", occurredAt: now } });
    }
  }
  return { stop: true, spectators: people.length };
}
