// Rebuilds the queue from PostgreSQL: every few seconds, for each running or due campaign, queue
// the batches that have claimable rows (new, due for retry, or claimed by a worker that died).
// Duplicate jobs are harmless (claims skip locked rows), so the job ids carry a time bucket. It
// also launches scheduled campaigns once due and queues A/B decisions once due: a launch or a
// decision that found nothing to do earlier (rescheduled, paused) is thus retried under a new id.
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
        select: { id: true, status: true, abDecideAt: true, abWinner: true },
      }),
    );
    const bucket = `-s${Math.floor(now.getTime() / SWEEP_EVERY_MS)}`;
    for (const c of running) {
      campaigns += 1;
      if (c.status === "scheduled") {
        if (context.producer) await enqueueJob(context.producer, "campaign-launch", { tenantId, campaignId: c.id }, { jobId: `cl-${c.id}${bucket}` });
        continue;
      }
      if (c.abDecideAt && !c.abWinner && c.abDecideAt <= now && context.producer) {
        await enqueueJob(context.producer, "campaign-ab-decide", { tenantId, campaignId: c.id }, { jobId: `cad-${c.id}${bucket}` });
      }
      await chainNextBatches(context, { tenantId, campaignId: c.id }, bucket);
    }
  }
  return { campaigns };
}

export const campaignSweepHandler = defineJobHandler({
  kind: "campaign-sweep",
  schedules: [{ id: "campaign-sweep", repeat: { every: SWEEP_EVERY_MS }, payload: {} }],
  handle: (_payload, context) => sweepCampaigns(context),
});
