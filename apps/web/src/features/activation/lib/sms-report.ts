// SMS counts for the campaign report. "Sent" is every message handed to the provider (a row
// committed with sent_at, including those a receipt later marked failed); "delivered" and
// "failed" come from the provider's receipts and refusals; "unsubscribed" from inbound STOPs.
import { Prisma, withTenant, type Database } from "@rappel/db";
import type { Scope } from "./segments";

export interface SmsCounts {
  sent: number;
  delivered: number;
  failed: number;
  unsubscribed: number;
}

export async function getSmsCounts(db: Database, scope: Scope, campaignId: string): Promise<SmsCounts> {
  return withTenant(db, scope.tenantId, async (tx) => {
    const t = scope.tenantId;
    const [row] = await tx.$queryRaw<{ sent: bigint; failed: bigint; delivered: bigint; unsubscribed: bigint }[]>(Prisma.sql`
      SELECT (SELECT count(*) FROM campaign_delivery WHERE tenant_id = ${t}::uuid AND campaign_id = ${campaignId}::uuid AND channel = 'sms' AND sent_at IS NOT NULL) AS sent,
             (SELECT count(*) FROM campaign_delivery WHERE tenant_id = ${t}::uuid AND campaign_id = ${campaignId}::uuid AND channel = 'sms' AND status = 'failed') AS failed,
             (SELECT count(DISTINCT spectator_id) FROM campaign_event WHERE tenant_id = ${t}::uuid AND campaign_id = ${campaignId}::uuid AND kind = 'delivered') AS delivered,
             (SELECT count(DISTINCT spectator_id) FROM campaign_event WHERE tenant_id = ${t}::uuid AND campaign_id = ${campaignId}::uuid AND kind = 'unsubscribe') AS unsubscribed`);
    return { sent: Number(row?.sent ?? 0), delivered: Number(row?.delivered ?? 0), failed: Number(row?.failed ?? 0), unsubscribed: Number(row?.unsubscribed ?? 0) };
  }, { userId: scope.userId });
}
