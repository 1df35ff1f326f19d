// Moving a running A/B test's decision time (bring it forward or push it back). The change locks
// the campaign row and requires the winner still undecided; the worker's decision locks the same
// row and re-reads ab_decide_at, so a move either lands before the decision (which then honours
// it) or fails with "ab_decided" — never both. The sweep queues the decision once the new time
// is due; a delayed job at that time is the punctual path.
import { AB_LIMITS } from "@rappel/campaigns";
import { appendAuditEntry, Prisma, withTenant, type Database } from "@rappel/db";
import { enqueueJob, type JobProducer } from "@rappel/jobs";
import { CampaignError } from "./campaigns";
import type { Scope } from "./segments";

/** Where the decision may be moved: never before the minimum wait after launch, nor after the maximum. */
export function abDecisionBounds(startedAt: Date): { earliest: Date; latest: Date } {
  return {
    earliest: new Date(startedAt.getTime() + AB_LIMITS.minWaitMinutes * 60_000),
    latest: new Date(startedAt.getTime() + AB_LIMITS.maxWaitMinutes * 60_000),
  };
}

export async function moveAbDecision(db: Database, producer: JobProducer, scope: Scope, id: string, at: Date, now = new Date()): Promise<void> {
  if (at.getTime() <= now.getTime()) throw new CampaignError("schedule_past");
  await withTenant(db, scope.tenantId, async (tx) => {
    const [row] = await tx.$queryRaw<{ status: string; started_at: Date | null; ab_decide_at: Date | null; ab_winner: string | null }[]>(Prisma.sql`
      SELECT status::text AS status, started_at, ab_decide_at, ab_winner::text AS ab_winner FROM campaign
       WHERE tenant_id = ${scope.tenantId}::uuid AND id = ${id}::uuid FOR UPDATE`);
    if (!row) throw new CampaignError("not_found", 404);
    if (row.ab_winner) throw new CampaignError("ab_decided", 409);
    // A paused campaign's test is still undecided: its decision time may move too.
    if (!row.ab_decide_at || !row.started_at || (row.status !== "sending" && row.status !== "paused")) throw new CampaignError("ab_not_running", 409);
    const { earliest, latest } = abDecisionBounds(row.started_at);
    if (at < earliest) throw new CampaignError("ab_decide_too_early");
    if (at > latest) throw new CampaignError("ab_decide_too_late");
    await tx.campaign.update({ where: { tenantId_id: { tenantId: scope.tenantId, id } }, data: { abDecideAt: at } });
    await appendAuditEntry(tx, scope.tenantId, {
      actorUserId: scope.userId, actorKind: "staff", action: "campaign.ab_decide_moved", targetType: "campaign", targetId: id,
      details: { from: row.ab_decide_at.toISOString(), to: at.toISOString() },
    });
  }, { userId: scope.userId });
  // The move is committed; without this job (Redis unreachable) the sweep still decides on time.
  await enqueueJob(producer, "campaign-ab-decide", { tenantId: scope.tenantId, campaignId: id }, { jobId: `cad-${id}-m${at.getTime()}`, delayMs: at.getTime() - now.getTime() })
    .catch((error: unknown) => console.warn(JSON.stringify({ level: "warn", event: "ab_decide.enqueue_failed", message: error instanceof Error ? error.message : String(error) })));
}
