// The A/B part of a campaign's report: per variant (sample rows of the ledger) its subject,
// messages sent, distinct human openers and clickers; the remainder (sent with the winner's
// subject once decided); and the decision's state. Same counting as the worker's decision
// (apps/worker/src/jobs/campaign-ab-test.ts): distinct people among those sent, machine opens apart.
import { AB_VARIANTS, ZAbTestConfig, abVariants, subjectForVariant, type TAbMetric, type TAbVariant } from "@rappel/campaigns";
import { Prisma, withTenant, type Database } from "@rappel/db";
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
    const rows = await tx.$queryRaw<{ variant: TAbVariant | null; total: bigint; waiting: bigint; sent: bigint; opens: bigint; clicks: bigint }[]>(Prisma.sql`
      SELECT d.variant::text AS variant, count(*) AS total,
             count(*) FILTER (WHERE d.status = 'awaiting_winner') AS waiting,
             count(*) FILTER (WHERE d.status = 'sent') AS sent,
             count(*) FILTER (WHERE d.status = 'sent' AND EXISTS (SELECT 1 FROM campaign_event e WHERE e.tenant_id = d.tenant_id
                      AND e.campaign_id = d.campaign_id AND e.spectator_id = d.spectator_id AND e.kind = 'open')) AS opens,
             count(*) FILTER (WHERE d.status = 'sent' AND EXISTS (SELECT 1 FROM campaign_event e WHERE e.tenant_id = d.tenant_id
                      AND e.campaign_id = d.campaign_id AND e.spectator_id = d.spectator_id AND e.kind = 'click')) AS clicks
        FROM campaign_delivery d
       WHERE d.tenant_id = ${scope.tenantId}::uuid AND d.campaign_id = ${campaignId}::uuid AND d.status <> 'holdout'
       GROUP BY d.variant`);
    const rest = rows.find((r) => r.variant === null);
    return {
      metric: config.data.metric,
      samplePercent: config.data.samplePercent,
      waitMinutes: config.data.waitMinutes,
      decideAt: campaign.abDecideAt,
      winner: campaign.abWinner && (AB_VARIANTS as readonly string[]).includes(campaign.abWinner) ? campaign.abWinner : null,
      decidedAt: campaign.abDecidedAt,
      variants: abVariants(config.data).map((variant) => {
        const r = rows.find((x) => x.variant === variant);
        return {
          variant, subject: subjectForVariant(campaign.subject, config.data, variant),
          sent: Number(r?.sent ?? 0), humanOpens: Number(r?.opens ?? 0), clicks: Number(r?.clicks ?? 0),
        };
      }),
      remainder: { total: Number(rest?.total ?? 0), waiting: Number(rest?.waiting ?? 0), sent: Number(rest?.sent ?? 0) },
    };
  }, { userId: scope.userId });
}
