// Starts a campaign: freezes its audience into the send ledger (one row per recipient, holdout
// rows included, batch numbers assigned) and queues its first batches. Idempotent: a second
// run finds the rows already there (primary key) and only re-queues.
import { Prisma, withTenant } from "@rappel/db";
import type { TCampaignLaunchPayload } from "@rappel/jobs";
import { enqueueJob } from "@rappel/jobs";
import { parseSegmentRules } from "@rappel/segments";
import { defineJobHandler, type JobContext } from "../job-handler";
import { autoStopIfNeeded } from "./campaign-auto-stop";
import { chainNextBatches } from "./campaign-batch";
import { campaignAbTest, startAbTest } from "./campaign-ab-test";
import { analyzeLedger, snapshotAudience } from "./campaign-ledger";

export interface LaunchResult {
  inserted: number;
  queuedBatches: number[];
  stopped?: string;
}

export async function launchCampaign(p: TCampaignLaunchPayload, context: JobContext): Promise<LaunchResult> {
  const now = context.clock.now();
  const prepared = await withTenant(
    context.db,
    p.tenantId,
    async (tx) => {
      // Locked like the web's reschedule/unschedule: either they commit first and are seen here, or
      // they wait and then find the campaign no longer "scheduled".
      await tx.$executeRaw(Prisma.sql`SELECT 1 FROM campaign WHERE tenant_id = ${p.tenantId}::uuid AND id = ${p.campaignId}::uuid FOR UPDATE`);
      const campaign = await tx.campaign.findUnique({ where: { tenantId_id: { tenantId: p.tenantId, id: p.campaignId } }, include: { segment: true } });
      if (!campaign) return "campaign not found";
      if (campaign.status !== "scheduled" && campaign.status !== "sending") return `campaign is ${campaign.status}`;
      if (!campaign.segment) return "the campaign has no segment";
      if (campaign.scheduledAt && campaign.scheduledAt > now) return "scheduled for later";
      const stopped = await autoStopIfNeeded(tx, p.tenantId, p.campaignId, now);
      if (stopped) return `campaign stopped: ${stopped}`;
      const abTest = campaignAbTest(campaign.abTest);
      if (abTest === "invalid") return "the A/B test settings are invalid";
      const rules = parseSegmentRules(campaign.segment.rules);
      const inserted = await snapshotAudience(tx, p.tenantId, p.campaignId, rules, campaign.holdoutPercent, now, campaign.channel);
      let abDecideAt: Date | null = campaign.abDecideAt;
      if (campaign.status === "scheduled") {
        // First run only (the snapshot above is in this transaction): split the A/B sample.
        // (A subject test is an e-mail matter: an SMS has no subject.)
        abDecideAt = abTest && campaign.channel === "email" ? await startAbTest(tx, p.tenantId, p.campaignId, abTest, now) : null;
        await tx.campaign.update({ where: { tenantId_id: { tenantId: p.tenantId, id: p.campaignId } }, data: { status: "sending", startedAt: now, abDecideAt } });
      }
      return { inserted, abDecideAt };
    },
    { timeoutMs: 300_000 },
  );
  if (typeof prepared === "string") return { inserted: 0, queuedBatches: [], stopped: prepared };
  if (prepared.inserted > 0) await withTenant(context.db, p.tenantId, (tx) => analyzeLedger(tx, p.tenantId), { timeoutMs: 120_000 });
  const queuedBatches = await chainNextBatches(context, p);
  if (prepared.abDecideAt && context.producer) {
    // The sweep also queues the decision once due; this delayed job is only the punctual path.
    const delayMs = Math.max(prepared.abDecideAt.getTime() - now.getTime(), 0);
    await enqueueJob(context.producer, "campaign-ab-decide", p, { jobId: `cad-${p.campaignId}`, delayMs });
  }
  context.logger.info("campaign launched", { tenantId: p.tenantId, campaignId: p.campaignId, inserted: prepared.inserted });
  return { inserted: prepared.inserted, queuedBatches };
}

export const campaignLaunchHandler = defineJobHandler({
  kind: "campaign-launch",
  handle: (payload, context) => launchCampaign(payload, context),
});
