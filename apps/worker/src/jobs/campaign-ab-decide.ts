// Decides a campaign's A/B subject test once its wait is over: reads each variant's sent count
// and distinct human openers or clickers from the ledger, picks the winner (ties → A), then
// releases the remainder of the audience to the batches — winner and release in ONE transaction
// that locks the campaign row. So a duplicate decision job waits for the first, finds the winner
// set and changes nothing; a crash before the commit leaves nothing decided (the sweep queues the
// decision again); a crash after it leaves released "pending" rows that the sweep's batches send,
// each exactly once through the ledger.
import { Prisma, appendAuditEntry, withTenant } from "@rappel/db";
import { abVariants, pickWinner, type TAbVariant, type VariantCounts } from "@rappel/campaigns";
import type { TCampaignAbDecidePayload } from "@rappel/jobs";
import { defineJobHandler, type JobContext } from "../job-handler";
import { countAbResults } from "@rappel/campaigns/ab-results";
import { campaignAbTest } from "./campaign-ab-test";
import { chainNextBatches } from "./campaign-batch";

export type AbDecision =
  | { decided: "now"; winner: TAbVariant; released: number; results: VariantCounts[] }
  | { decided: "before"; winner: TAbVariant }
  | { decided: "no"; reason: string };

export async function decideAbTest(p: TCampaignAbDecidePayload, context: JobContext): Promise<AbDecision> {
  const now = context.clock.now();
  const decision = await withTenant(context.db, p.tenantId, async (tx): Promise<AbDecision> => {
    const [campaign] = await tx.$queryRaw<{ status: string; ab_test: unknown; ab_decide_at: Date | null; ab_winner: TAbVariant | null }[]>(Prisma.sql`
      SELECT status::text AS status, ab_test, ab_decide_at, ab_winner::text AS ab_winner FROM campaign
       WHERE tenant_id = ${p.tenantId}::uuid AND id = ${p.campaignId}::uuid FOR UPDATE`);
    if (!campaign) return { decided: "no", reason: "campaign not found" };
    if (campaign.ab_winner) return { decided: "before", winner: campaign.ab_winner };
    const abTest = campaignAbTest(campaign.ab_test);
    if (abTest === null || abTest === "invalid") return { decided: "no", reason: "the campaign has no valid A/B test" };
    // A paused or cancelled campaign keeps its remainder waiting; the sweep decides once it sends again.
    if (campaign.status !== "sending") return { decided: "no", reason: `campaign is ${campaign.status}` };
    if (!campaign.ab_decide_at || campaign.ab_decide_at > now) return { decided: "no", reason: "not due yet" };
    const results = (await countAbResults(tx, p.tenantId, p.campaignId, abVariants(abTest))).variants;
    const winner = pickWinner(results, abTest.metric);
    await tx.campaign.update({ where: { tenantId_id: { tenantId: p.tenantId, id: p.campaignId } }, data: { abWinner: winner, abDecidedAt: now } });
    const released = await tx.$executeRaw(Prisma.sql`
      UPDATE campaign_delivery SET status = 'pending'
       WHERE tenant_id = ${p.tenantId}::uuid AND campaign_id = ${p.campaignId}::uuid AND status = 'awaiting_winner'`);
    await appendAuditEntry(tx, p.tenantId, {
      actorKind: "system", action: "campaign.ab_winner", targetType: "campaign", targetId: p.campaignId,
      details: { winner, metric: abTest.metric, results, released },
    }, now);
    return { decided: "now", winner, released, results };
  });
  // Also after "before": a decision whose batches were never queued (crash) gets them now.
  if (decision.decided !== "no") await chainNextBatches(context, p);
  context.logger.info("A/B test decision", { tenantId: p.tenantId, campaignId: p.campaignId, decided: decision.decided });
  return decision;
}

export const campaignAbDecideHandler = defineJobHandler({
  kind: "campaign-ab-decide",
  handle: (payload, context) => decideAbTest(payload, context),
});
