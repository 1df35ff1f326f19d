// The A/B part of a campaign's report: per variant (sample rows of the ledger) its subject,
// messages sent, distinct human openers and clickers; the remainder (sent with the winner's
// subject once decided); and the decision's state. The counting is the worker's decision's own
// (countAbResults): distinct people among those sent, machine opens apart.
import { AB_VARIANTS, ZAbTestConfig, abVariants, subjectForVariant, type TAbMetric, type TAbVariant } from "@rappel/campaigns";
import { countAbResults } from "@rappel/campaigns/ab-results";
import { withTenant, type Database } from "@rappel/db";
import type { Scope } from "./segments";

export interface VariantRow {
  variant: TAbVariant;
  subject: string;
  sent: number;
  humanOpens: number;
  clicks: number;
}

export interface AbReport {
  metric: TAbMetric;
  samplePercent: number;
  waitMinutes: number;
  decideAt: Date | null;
  winner: TAbVariant | null;
  decidedAt: Date | null;
  variants: VariantRow[];
  remainder: { total: number; waiting: number; sent: number };
}

export async function getAbReport(db: Database, scope: Scope, campaignId: string): Promise<AbReport | null> {
  return withTenant(db, scope.tenantId, async (tx) => {
    const campaign = await tx.campaign.findUnique({ where: { tenantId_id: { tenantId: scope.tenantId, id: campaignId } } });
    const config = ZAbTestConfig.safeParse(campaign?.abTest);
    if (!campaign || !config.success) return null;
    const counts = await countAbResults(tx, scope.tenantId, campaignId, abVariants(config.data));
    return {
      metric: config.data.metric,
      samplePercent: config.data.samplePercent,
      waitMinutes: config.data.waitMinutes,
      decideAt: campaign.abDecideAt,
      winner: campaign.abWinner && (AB_VARIANTS as readonly string[]).includes(campaign.abWinner) ? campaign.abWinner : null,
      decidedAt: campaign.abDecidedAt,
      variants: counts.variants.map((c) => ({ ...c, subject: subjectForVariant(campaign.subject, config.data, c.variant) })),
      remainder: counts.remainder,
    };
  }, { userId: scope.userId });
}
