// Starts a campaign: freezes its audience into the send ledger (one row per recipient, holdout
// rows included, batch numbers assigned) and queues its first batches. Idempotent: a second
// run finds the rows already there (primary key) and only re-queues.
import { withTenant } from "@rappel/db";
import type { TCampaignLaunchPayload } from "@rappel/jobs";
import { parseSegmentRules } from "@rappel/segments";
import { defineJobHandler, type JobContext } from "../job-handler";
import { chainNextBatches } from "./campaign-batch";
import { snapshotAudience } from "./campaign-ledger";
import { snapshotSmsAudience } from "./campaign-sms-ledger";

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
      const campaign = await tx.campaign.findUnique({ where: { tenantId_id: { tenantId: p.tenantId, id: p.campaignId } }, include: { segment: true } });
      if (!campaign) return "campaign not found";
      if (campaign.status !== "scheduled" && campaign.status !== "sending") return `campaign is ${campaign.status}`;
      if (!campaign.segment) return "the campaign has no segment";
      if (campaign.scheduledAt && campaign.scheduledAt > now) return "scheduled for later";
      const rules = parseSegmentRules(campaign.segment.rules);
      const snapshot = campaign.channel === "sms" ? snapshotSmsAudience : snapshotAudience;
      const inserted = await snapshot(tx, p.tenantId, p.campaignId, rules, campaign.holdoutPercent, now);
      if (campaign.status === "scheduled") {
        await tx.campaign.update({ where: { tenantId_id: { tenantId: p.tenantId, id: p.campaignId } }, data: { status: "sending", startedAt: now } });
      }
      return inserted;
    },
    { timeoutMs: 300_000 },
  );
  if (typeof prepared === "string") return { inserted: 0, queuedBatches: [], stopped: prepared };
  const queuedBatches = await chainNextBatches(context, p);
  context.logger.info("campaign launched", { tenantId: p.tenantId, campaignId: p.campaignId, inserted: prepared });
  return { inserted: prepared, queuedBatches };
}

export const campaignLaunchHandler = defineJobHandler({
  kind: "campaign-launch",
  handle: (payload, context) => launchCampaign(payload, context),
});
