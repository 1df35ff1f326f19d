// The `campaign-batch` job: one queue for both channels (the sweep and the chaining are channel-
// blind), dispatched on the campaign's channel so e-mail needs no SMS provider and SMS no SMTP.
import { withTenant } from "@rappel/db";
import type { TCampaignBatchPayload } from "@rappel/jobs";
import { defineJobHandler, type JobContext } from "../job-handler";
import { runCampaignBatch } from "./campaign-batch";
import { runSmsCampaignBatch } from "./campaign-sms-batch";

export async function runCampaignBatchForChannel(payload: TCampaignBatchPayload, context: JobContext) {
  const campaign = await withTenant(context.db, payload.tenantId, (tx) =>
    tx.campaign.findUnique({ where: { tenantId_id: { tenantId: payload.tenantId, id: payload.campaignId } }, select: { channel: true } }),
  );
  if (campaign?.channel === "sms") return runSmsCampaignBatch(payload, context);
  return runCampaignBatch(payload, context);
}

export const campaignBatchHandler = defineJobHandler({
  kind: "campaign-batch",
  concurrency: 4,
  handle: runCampaignBatchForChannel,
});
