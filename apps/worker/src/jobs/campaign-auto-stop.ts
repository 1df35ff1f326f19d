// Automatic stop: a campaign promoting a performance that is cancelled or sold out (valid
// tickets ≥ capacity, capacity > 0) must not keep inviting people to buy. Checked by every
// batch before it claims anything (one indexed count), at launch, and after each import of
// sales or performances. The rows not yet sent become "skipped" with the reason, the campaign
// is "cancelled" with its stop reason shown in the report, and the audit chain records it.
import { Prisma, appendAuditEntry, withTenant, type Database, type Tx } from "@rappel/db";

/** Why the promoted performance ends the campaign, or null while it can still be sold. */
export async function promotedPerformanceStop(tx: Tx, tenantId: string, performanceId: string | null): Promise<string | null> {
  if (!performanceId) return null;
  const [row] = await tx.$queryRaw<{ status: string; capacity: number; sold: bigint }[]>(Prisma.sql`
    SELECT p.status::text AS status, p.capacity,
           (SELECT count(*) FROM ticket t WHERE t.tenant_id = p.tenant_id AND t.performance_id = p.id AND t.status = 'valid') AS sold
      FROM performance p WHERE p.tenant_id = ${tenantId}::uuid AND p.id = ${performanceId}::uuid`);
  if (!row) return null;
  if (row.status === "cancelled") return "the promoted performance was cancelled";
  const sold = Number(row.sold);
  if (row.capacity > 0 && sold >= row.capacity) return `the promoted performance is sold out (${sold} tickets for ${row.capacity} seats)`;
  return null;
}

/** Stops a scheduled, sending or paused campaign; returns the number of deliveries skipped (null if it was not running). */
export async function stopCampaign(tx: Tx, tenantId: string, campaignId: string, reason: string, now: Date): Promise<number | null> {
  const stopped = await tx.campaign.updateMany({
    where: { tenantId, id: campaignId, status: { in: ["scheduled", "sending", "paused"] } },
    data: { status: "cancelled", stopReason: reason, finishedAt: now },
  });
  if (stopped.count === 0) return null;
  // Rows claimed right now ("sending") finish their SMTP transaction and keep its outcome.
  const skipped = await tx.$executeRaw(Prisma.sql`
    UPDATE campaign_delivery SET status = 'skipped', last_error = ${`campaign stopped: ${reason}`.slice(0, 500)},
           next_attempt_at = NULL, claimed_until = NULL
     WHERE tenant_id = ${tenantId}::uuid AND campaign_id = ${campaignId}::uuid AND status = 'pending'`);
  await appendAuditEntry(tx, tenantId, {
    actorKind: "system", action: "activation.campaign_stopped", targetType: "campaign", targetId: campaignId, details: { reason, skipped },
  }, now);
  return skipped;
}

/** Checks one campaign and stops it when its promoted performance calls for it; returns the reason. */
export async function autoStopIfNeeded(tx: Tx, tenantId: string, campaignId: string, now: Date): Promise<string | null> {
  const campaign = await tx.campaign.findUnique({ where: { tenantId_id: { tenantId, id: campaignId } }, select: { promotedPerformanceId: true } });
  const reason = await promotedPerformanceStop(tx, tenantId, campaign?.promotedPerformanceId ?? null);
  if (!reason) return null;
  await stopCampaign(tx, tenantId, campaignId, reason, now);
  return reason;
}

/** After an import (new sales, a cancelled performance): stops every running campaign that must stop. */
export async function autoStopTenantCampaigns(db: Database, tenantId: string, now: Date): Promise<{ campaignId: string; reason: string }[]> {
  return withTenant(db, tenantId, async (tx) => {
    const running = await tx.campaign.findMany({
      where: { tenantId, status: { in: ["scheduled", "sending", "paused"] }, promotedPerformanceId: { not: null } },
      select: { id: true },
    });
    const stopped: { campaignId: string; reason: string }[] = [];
    for (const c of running) {
      const reason = await autoStopIfNeeded(tx, tenantId, c.id, now);
      if (reason) stopped.push({ campaignId: c.id, reason });
    }
    return stopped;
  });
}
