// The automatic pause of a tenant's sending: when its hard-bounce rate (per campaign) or its
// complaint rate (over the last 30 days) crosses the limits of its sender identity, sending
// stops for the whole tenant, the campaign is paused, the audit chain records it, and the
// tenant's owners and admins get an e-mail. Mailbox providers throttle or block a sender whose
// rates stay high, for every venue sharing the relay: stopping early protects them all.
import { Prisma, appendAuditEntry, withTenant, type Tx } from "@rappel/db";
import { createMailTransport } from "@rappel/mail";
import type { JobContext } from "../job-handler";
import { countDeliveries } from "./campaign-ledger";

/** Below this many messages a rate says nothing (one bounce in ten is not 10 %). */
export const MIN_SENT_FOR_RATES = 100;
export const COMPLAINT_WINDOW_MS = 30 * 24 * 3_600_000;

export interface PauseAlertConfig {
  smtpUrl: string;
  appUrl: string;
  mailFrom?: string;
}

const percent = (x: number) => `${(100 * x).toFixed(1)} %`;

/** The campaign's hard-bounce rate, when it is above the limit; null otherwise. */
export async function bounceRateExcess(tx: Tx, tenantId: string, campaignId: string, limit: number): Promise<string | null> {
  const c = await countDeliveries(tx, tenantId, campaignId);
  const attempted = c.sent + c.bounced;
  if (attempted < MIN_SENT_FOR_RATES || c.bounced / attempted <= limit) return null;
  return `hard-bounce rate ${percent(c.bounced / attempted)} above the ${percent(limit)} limit`;
}

/** The tenant's complaint rate over the last 30 days, when it is above the limit; null otherwise. */
export async function complaintRateExcess(tx: Tx, tenantId: string, limit: number, now: Date): Promise<string | null> {
  const since = new Date(now.getTime() - COMPLAINT_WINDOW_MS);
  const [row] = await tx.$queryRaw<{ sent: bigint; complaints: bigint }[]>(Prisma.sql`
    SELECT (SELECT count(*) FROM campaign_delivery WHERE tenant_id = ${tenantId}::uuid
               AND status IN ('sent', 'bounced') AND sent_at >= ${since}) AS sent,
           (SELECT count(*) FROM campaign_event WHERE tenant_id = ${tenantId}::uuid
               AND kind = 'complaint' AND occurred_at >= ${since}) AS complaints`);
  const sent = Number(row?.sent ?? 0);
  const complaints = Number(row?.complaints ?? 0);
  if (sent < MIN_SENT_FOR_RATES || complaints / sent <= limit) return null;
  return `complaint rate ${percent(complaints / sent)} over 30 days above the ${percent(limit)} limit`;
}

/**
 * Pauses the tenant's sending (and the campaign, if it is running) for `reason`. Returns false
 * when sending was already paused: the alert and the audit entry are written once per pause.
 */
export async function pauseTenantSending(
  context: JobContext,
  p: { tenantId: string; campaignId: string },
  reason: string,
  alert: PauseAlertConfig | null,
): Promise<boolean> {
  const now = context.clock.now();
  const work = async (tx: Tx) => {
    const paused = await tx.senderIdentity.updateMany({ where: { tenantId: p.tenantId, pausedAt: null }, data: { pausedAt: now, pauseReason: reason } });
    await tx.campaign.updateMany({ where: { tenantId: p.tenantId, id: p.campaignId, status: "sending" }, data: { status: "paused", pauseReason: reason } });
    if (paused.count === 0) return null;
    await appendAuditEntry(tx, p.tenantId, {
      actorKind: "system", action: "activation.sending_paused", targetType: "campaign", targetId: p.campaignId, details: { reason },
    }, now);
    const admins = await tx.membership.findMany({
      where: { tenantId: p.tenantId, role: { in: ["owner", "admin"] } },
      select: { user: { select: { email: true } } },
    });
    const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: p.tenantId }, select: { slug: true, name: true } });
    return { to: admins.map((a) => a.user.email), tenant };
  };
  const recipients = await withTenant(context.db, p.tenantId, work);
  if (!recipients) return false;
  context.logger.warn("tenant sending paused", { tenantId: p.tenantId, campaignId: p.campaignId, reason });
  if (alert && recipients.to.length) {
    // After the commit: the pause stands even if the alert cannot be sent (it is then logged).
    await sendPauseAlert(alert, recipients.to, recipients.tenant, p.campaignId, reason).catch((error: unknown) =>
      context.logger.error("pause alert not sent", { tenantId: p.tenantId, campaignId: p.campaignId, error: String(error) }),
    );
  }
  return true;
}

async function sendPauseAlert(alert: PauseAlertConfig, to: string[], tenant: { slug: string; name: string }, campaignId: string, reason: string) {
  const transport = createMailTransport(alert.smtpUrl, { pool: false, ignoreTls: new URL(alert.smtpUrl).hostname === "127.0.0.1" });
  const link = `${alert.appUrl.replace(/\/$/, "")}/t/${tenant.slug}/activation/campaigns/${campaignId}/report`;
  try {
    await transport.send({
      from: alert.mailFrom ?? "Rappel <no-reply@rappel.localhost>",
      to: to.join(", "),
      subject: `Envois suspendus pour ${tenant.name} / Sending paused`,
      text:
        `Les envois de campagnes de ${tenant.name} sont suspendus automatiquement : ${reason}.\n` +
        `Vérifiez la qualité de vos listes avant de reprendre. Rapport : ${link}\n\n` +
        `Campaign sending for ${tenant.name} was paused automatically: ${reason}.\n` +
        `Check your lists before resuming. Report: ${link}\n`,
    });
  } finally {
    transport.close();
  }
}
