// The cost of an SMS campaign for its saved segment, message by message: each recipient's own
// text (merge tags filled with its names, mention appended) is measured, so a long name that
// pushes one SMS into a second segment is paid for. The editor's live figure uses the fallbacks
// only; this one opens the names (inside the tenant's scope) and is shown once the draft is saved.
import { estimateSmsCampaign, type SmsCampaignEstimate } from "@rappel/campaigns";
import { Prisma, withTenant, type Database } from "@rappel/db";
import { loadIdentityCodec, type MasterKey } from "@rappel/personal-data";
import { parseSegmentRules, segmentWhere } from "@rappel/segments";
import { loadSmsSettingsSummary } from "@rappel/sms";
import { SMS_SETTINGS_FALLBACK, getSmsCampaign } from "./sms-campaigns";
import type { Scope } from "./segments";

/** Recipients measured at most: a bound on the work of one save (larger SMS audiences are not expected). */
const MEASURED = 100_000;

export async function estimateSmsCampaignCost(db: Database, scope: Scope, master: MasterKey, campaignId: string, now = new Date()): Promise<SmsCampaignEstimate | null> {
  const campaign = await getSmsCampaign(db, scope, campaignId);
  if (!campaign.segmentId) return null;
  const segmentId = campaign.segmentId;
  return withTenant(db, scope.tenantId, async (tx) => {
    const segment = await tx.segment.findUnique({ where: { tenantId_id: { tenantId: scope.tenantId, id: segmentId } } });
    if (!segment) return null;
    const settings = (await loadSmsSettingsSummary(tx, scope.tenantId)) ?? SMS_SETTINGS_FALLBACK;
    // Only people an SMS can reach: a phone number (consent is re-checked at send time).
    const rows = await tx.$queryRaw<{ first_name_enc: Uint8Array | null; last_name_enc: Uint8Array | null }[]>(Prisma.sql`
      SELECT s.first_name_enc, s.last_name_enc FROM spectator s
       WHERE ${segmentWhere(scope.tenantId, parseSegmentRules(segment.rules), now)} AND s.phone_enc IS NOT NULL
       ORDER BY s.id LIMIT ${MEASURED}`);
    const codec = await loadIdentityCodec(tx, scope.tenantId, master);
    const values = rows.map((r) => ({ firstName: codec.openField("firstName", r.first_name_enc), lastName: codec.openField("lastName", r.last_name_enc) }));
    return estimateSmsCampaign(campaign.content.text, settings.optOutMention, values, settings.pricePerSegmentCents);
  }, { userId: scope.userId, timeoutMs: 30_000 });
}
