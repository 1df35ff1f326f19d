// Keeps each survey's dispatch plan in step with the performances: one "initial" (and optionally
// one "reminder") plan per survey × performance, planned from the performance's real end time.
// A moved performance moves its plans; a cancelled one cancels them and any invitation not sent
// yet. The plan lives in PostgreSQL, so nothing is lost with Redis: every tick re-reads it.
import type { Tx } from "@rappel/db";
import { planSendTimes } from "@rappel/survey";

// Performances further back than this are not planned when a survey is switched on late.
const LOOKBACK_MS = 2 * 24 * 3_600_000;
const LOOKAHEAD_MS = 120 * 24 * 3_600_000;

export interface PlanSyncReport {
  created: number;
  moved: number;
  cancelled: number;
  skipped: number;
}

interface RuleRow {
  surveyId: string;
  closesAt: Date | null;
  showIds: string[];
  venueIds: string[];
  genres: string[];
  delayMinutes: number;
  reminderAfterDays: number | null;
  quietStartHour: number;
  quietEndHour: number;
}

export async function syncDispatchPlans(tx: Tx, tenantId: string, now: Date): Promise<PlanSyncReport> {
  const report: PlanSyncReport = { created: 0, moved: 0, cancelled: 0, skipped: 0 };
  const rules: RuleRow[] = await tx.surveyDispatchRule.findMany({
    where: { tenantId, active: true, survey: { status: "active" } },
    select: {
      surveyId: true, showIds: true, venueIds: true, genres: true, delayMinutes: true, reminderAfterDays: true,
      quietStartHour: true, quietEndHour: true,
      survey: { select: { closesAt: true } },
    },
    orderBy: { createdAt: "asc" },
  }).then((rows) => rows.map((r) => ({ ...r, closesAt: r.survey.closesAt })));

  const seen = new Set<string>();
  for (const rule of rules) {
    const performances = await tx.performance.findMany({
      where: {
        tenantId,
        endsAt: { gte: new Date(now.getTime() - LOOKBACK_MS), lte: new Date(now.getTime() + LOOKAHEAD_MS) },
        ...(rule.showIds.length ? { showId: { in: rule.showIds } } : {}),
        ...(rule.venueIds.length ? { venueId: { in: rule.venueIds } } : {}),
        ...(rule.genres.length ? { show: { genre: { in: rule.genres } } } : {}),
      },
      select: { id: true, endsAt: true, status: true },
    });
    const existing = await tx.surveyDispatchPlan.findMany({
      where: { tenantId, surveyId: rule.surveyId, performanceId: { in: performances.map((p) => p.id) } },
    });
    const byKey = new Map(existing.map((p) => [`${p.performanceId}:${p.kind}`, p]));
    for (const perf of performances) {
      if (seen.has(`${rule.surveyId}:${perf.id}`)) continue; // an earlier rule of the survey covers it
      seen.add(`${rule.surveyId}:${perf.id}`);
      const times = planSendTimes(perf.endsAt, {
        delayMinutes: rule.delayMinutes,
        reminderAfterDays: rule.reminderAfterDays,
        closesAt: rule.closesAt,
        quietHours: { startHour: rule.quietStartHour, endHour: rule.quietEndHour },
      });
      const wanted = { initial: times.initialAt, reminder: times.reminderAt } as const;
      for (const kind of ["initial", "reminder"] as const) {
        const plan = byKey.get(`${perf.id}:${kind}`);
        const at = wanted[kind];
        if (perf.status === "cancelled") {
          if (plan?.status === "planned") {
            await tx.surveyDispatchPlan.update({
              where: { tenantId_id: { tenantId, id: plan.id } },
              data: { status: "cancelled", processedAt: now, summary: { reason: "performance cancelled" } },
            });
            report.cancelled += 1;
          }
          continue;
        }
        if (!plan) {
          // A send time already long past (survey switched on late) is not worth an e-mail.
          if (!at || (kind === "initial" && at.getTime() < now.getTime() - LOOKBACK_MS)) continue;
          await tx.surveyDispatchPlan.create({
            data: { tenantId, surveyId: rule.surveyId, performanceId: perf.id, kind, plannedFor: at, performanceEndsAt: perf.endsAt },
          });
          report.created += 1;
          continue;
        }
        if (plan.status !== "planned" && !(plan.status === "cancelled" && at)) continue;
        const moved = plan.performanceEndsAt.getTime() !== perf.endsAt.getTime();
        if (plan.status === "cancelled") {
          // The performance was cancelled, then reinstated.
          await tx.surveyDispatchPlan.update({
            where: { tenantId_id: { tenantId, id: plan.id } },
            data: { status: "planned", plannedFor: at!, performanceEndsAt: perf.endsAt, processedAt: null },
          });
          report.moved += 1;
        } else if (!at) {
          await tx.surveyDispatchPlan.update({
            where: { tenantId_id: { tenantId, id: plan.id } },
            data: { status: "skipped", processedAt: now, summary: { reason: "survey closes before the send time" } },
          });
          report.skipped += 1;
        } else if (moved || plan.plannedFor.getTime() !== at.getTime()) {
          await tx.surveyDispatchPlan.update({
            where: { tenantId_id: { tenantId, id: plan.id } },
            data: { plannedFor: at, performanceEndsAt: perf.endsAt },
          });
          report.moved += 1;
        }
      }
      if (perf.status === "cancelled") {
        const { count } = await tx.surveyInvitation.updateMany({
          where: { tenantId, surveyId: rule.surveyId, performanceId: perf.id, status: "scheduled" },
          data: { status: "cancelled" },
        });
        report.cancelled += count;
      }
    }
  }
  return report;
}

/** Plans due at `now`, oldest first. */
export async function findDuePlans(tx: Tx, tenantId: string, now: Date): Promise<{ id: string }[]> {
  return tx.surveyDispatchPlan.findMany({
    where: { tenantId, status: "planned", plannedFor: { lte: now } },
    orderBy: [{ plannedFor: "asc" }, { kind: "asc" }],
    select: { id: true },
  });
}
