// Rebuilds the queue from PostgreSQL: every few seconds, for each running or due campaign, queue
// the batches that have claimable rows (new, due for retry, or claimed by a worker that died).
// Duplicate jobs are harmless (claims skip locked rows), so the job ids carry a time bucket.
import { withTenant } from "@rappel/db";
import { enqueueJob } from "@rappel/jobs";
import { defineJobHandler, type JobContext } from "../job-handler";
import { chainNextBatches } from "./campaign-batch";

export const SWEEP_EVERY_MS = 5_000;

export async function sweepCampaigns(context: JobContext): Promise<{ campaigns: number }> {
  const now = context.clock.now();
  const tenants = await context.db.tenant.findMany({ where: { status: "active" }, select: { id: true } });
  let campaigns = 0;
  for (const { id: tenantId } of tenants) {
    const running = await withTenant(context.db, tenantId, (tx) =>
      tx.campaign.findMany({
        where: { tenantId, OR: [{ status: "sending" }, { status: "scheduled", scheduledAt: { lte: now } }] },
        select: { id: true, status: true },
      }),
    );
    for (const c of running) {
      campaigns += 1;
      if (c.status === "scheduled") {
        if (context.producer) await enqueueJob(context.producer, "campaign-launch", { tenantId, campaignId: c.id }, { jobId: `cl-${c.id}` });
        continue;
      }
      await chainNextBatches(context, { tenantId, campaignId: c.id }, `-s${Math.floor(now.getTime() / SWEEP_EVERY_MS)}`);
    }
  }
  return { campaigns };
}

export const campaignSweepHandler = defineJobHandler({
  kind: "campaign-sweep",
  schedules: [{ id: "campaign-sweep", repeat: { every: SWEEP_EVERY_MS }, payload: {} }],
  handle: (_payload, context) => sweepCampaigns(context),
});
