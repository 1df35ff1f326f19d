// The survey jobs on the "survey-dispatch" queue:
// - survey-plan (every minute): syncs each tenant's dispatch plans with its performances, then
//   runs the plans that are due. The plan is in PostgreSQL, so a lost Redis or a restarted worker
//   loses nothing: the next tick finds the same due plans.
// - survey-dispatch: runs one plan now (used by the planner, the benchmark and tests).
// E-mails are sent from this job directly through the pooled SMTP transport, not as one
// "email-send" job per message: a performance's 10,000 invitations then cost one job and a few
// batched claims instead of 10,000 queue round trips, and the exactly-once guarantee comes from
// the claim in PostgreSQL either way.
import { randomUUID } from "node:crypto";
import { withTenant, type Database } from "@rappel/db";
import { loadIdentityCodec } from "@rappel/personal-data";
import { createInvitationToken, createShortCode, DEFAULT_RECIPIENT_RULES, hashToken, isQuietTime, selectRecipients, ZBranding } from "@rappel/survey";
import { loadSurveyKeys } from "@rappel/survey/store";
import { defineJobHandler, type JobContext } from "../job-handler";
import { errorFields } from "../logger";
import { checkSurveyAlerts } from "./survey-alerts";
import { findDuePlans, syncDispatchPlans } from "./survey-planning";
import { dedupeByEmail, loadCandidates } from "./survey-recipients";
import { sendPlanInvitations, type SendReport } from "./survey-sending";
import { getSurveyServices, type SurveyServices } from "./survey-services";

export class SurveyDispatchRetryError extends Error {
  constructor(public readonly retryLater: number) {
    super(`${retryLater} invitation(s) hit a temporary SMTP failure; the plan stays due and is retried`);
    this.name = "SurveyDispatchRetryError";
  }
}

export type DispatchOutcome =
  | { status: "not-found" | "not-due" | "already-done" }
  | { status: "cancelled" | "skipped"; reason: string }
  | { status: "done"; invited: number; excluded: Record<string, number>; send: SendReport };

export async function dispatchPlan(
  db: Database,
  services: SurveyServices,
  input: { tenantId: string; planId: string },
  context: Pick<JobContext, "clock" | "logger">,
): Promise<DispatchOutcome> {
  const { tenantId, planId } = input;
  const now = context.clock.now();
  const prepared = await withTenant(db, tenantId, async (tx) => {
    const plan = await tx.surveyDispatchPlan.findUnique({
      where: { tenantId_id: { tenantId, id: planId } },
      include: {
        performance: { select: { id: true, endsAt: true, status: true } },
        survey: { include: { dispatchRules: { where: { active: true }, orderBy: { createdAt: "asc" }, take: 1 } } },
      },
    });
    if (!plan) return { outcome: { status: "not-found" } as DispatchOutcome };
    if (plan.status !== "planned") return { outcome: { status: "already-done" } as DispatchOutcome };
    if (plan.plannedFor > now) return { outcome: { status: "not-due" } as DispatchOutcome };
    const close = async (status: "cancelled" | "skipped", reason: string) => {
      await tx.surveyDispatchPlan.update({ where: { tenantId_id: { tenantId, id: planId } }, data: { status, processedAt: now, summary: { reason } } });
      return { outcome: { status, reason } as DispatchOutcome };
    };
    if (plan.performance.status === "cancelled") return close("cancelled", "performance cancelled");
    if (plan.survey.status !== "active") return close("skipped", `survey is ${plan.survey.status}`);
    if (plan.survey.closesAt && plan.survey.closesAt <= now) return close("skipped", "survey closed");
    const rule = plan.survey.dispatchRules[0];
    // A plan that became due during quiet hours (the worker was down, or a reminder) waits too.
    if (isQuietTime(now, { startHour: rule?.quietStartHour ?? 21, endHour: rule?.quietEndHour ?? 9 }))
      return { outcome: { status: "not-due" } as DispatchOutcome };
    const version = await tx.surveyVersion.findUnique({
      where: { tenantId_surveyId_version: { tenantId, surveyId: plan.surveyId, version: plan.survey.currentVersion } },
      select: { definition: true },
    });
    const branding = ZBranding.safeParse((version?.definition as { branding?: unknown } | undefined)?.branding);
    const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { name: true, slug: true, linkNumber: true } });
    const codec = await loadIdentityCodec(tx, tenantId, services.master);
    const keys = await loadSurveyKeys(tx, tenantId, services.master);
    let invited = 0;
    let excluded: Record<string, number> = {};
    if (plan.kind === "initial") {
      const rules = rule
        ? {
            fatigueDays: rule.fatigueDays,
            sampleEvery: rule.sampleEvery,
            frequentThreshold: rule.frequentThreshold,
            festivalWindowHours: rule.festivalWindowHours,
            excludeStaff: rule.excludeStaff,
            excludeComplimentary: rule.excludeComplimentary,
          }
        : DEFAULT_RECIPIENT_RULES;
      const candidates = dedupeByEmail(
        await loadCandidates(tx, {
          tenantId, surveyId: plan.surveyId, performanceId: plan.performanceId, endsAt: plan.performance.endsAt, now,
          festivalWindowHours: rules.festivalWindowHours,
        }),
      );
      const selection = selectRecipients({ performanceId: plan.performanceId, endsAt: plan.performance.endsAt }, candidates, rules, now);
      const language = new Map(candidates.map((c) => [c.spectatorId, c.language]));
      const rows = selection.recipients.map((r) => {
        const id = randomUUID();
        return {
          id, spectator_id: r.spectatorId, performance_ids: r.performanceIds,
          token_hash: Buffer.from(hashToken(createInvitationToken(keys.tokenKey, tenantId, id))).toString("hex"),
          short_hash: Buffer.from(hashToken(createShortCode(keys.tokenKey, tenant.linkNumber, id))).toString("hex"),
          language: language.get(r.spectatorId) === "en" ? "en" : "fr",
        };
      });
      // One JSON parameter per chunk rather than createMany: Prisma builds a query plan sized by
      // the rows (~0.2 ms of CPU per invitation), PostgreSQL unpacks the JSON for nothing.
      for (let i = 0; i < rows.length; i += 5_000) {
        invited += await tx.$executeRaw`
          INSERT INTO survey_invitation (tenant_id, id, survey_id, spectator_id, performance_id, performance_ids, token_hash, short_hash, language, scheduled_for)
          SELECT ${tenantId}::uuid, r.id, ${plan.surveyId}::uuid, r.spectator_id, ${plan.performanceId}::uuid, r.performance_ids,
                 decode(r.token_hash, 'hex'), decode(r.short_hash, 'hex'), r.language, ${now}
            FROM json_to_recordset(${JSON.stringify(rows.slice(i, i + 5_000))}::json)
                 AS r(id uuid, spectator_id uuid, performance_ids uuid[], token_hash text, short_hash text, language text)
          ON CONFLICT DO NOTHING`;
      }
      excluded = selection.excluded as Record<string, number>;
    }
    return {
      outcome: null,
      plan, codec, keys, invited, excluded,
      tenantName: tenant.name,
      tenantSlug: tenant.slug,
      linkNumber: tenant.linkNumber,
      brandColour: branding.success ? branding.data.colour : "#1f3a68",
    };
  }, { timeoutMs: 120_000 });
  if (prepared.outcome) return prepared.outcome;
  const { plan } = prepared;

  const send = await sendPlanInvitations(
    {
      db, services, codec: prepared.codec, keys: prepared.keys, tenantId, tenantName: prepared.tenantName, tenantSlug: prepared.tenantSlug, linkNumber: prepared.linkNumber,
      surveyId: plan.surveyId, performanceId: plan.performanceId, brandColour: prepared.brandColour, now, logger: context.logger,
    },
    plan.kind,
  );
  const summary = { invited: prepared.invited, excluded: prepared.excluded, ...send };
  context.logger.info("survey plan dispatched", { tenantId, planId, kind: plan.kind, ...summary, excluded: JSON.stringify(prepared.excluded) });
  if (send.retryLater > 0) {
    await withTenant(db, tenantId, (tx) =>
      tx.surveyDispatchPlan.update({ where: { tenantId_id: { tenantId, id: planId } }, data: { summary } }),
    );
    throw new SurveyDispatchRetryError(send.retryLater);
  }
  await withTenant(db, tenantId, (tx) =>
    tx.surveyDispatchPlan.update({ where: { tenantId_id: { tenantId, id: planId } }, data: { status: "done", processedAt: now, summary } }),
  );
  return { status: "done", invited: prepared.invited, excluded: prepared.excluded, send };
}

export function createSurveyHandlers(services: () => SurveyServices = getSurveyServices) {
  const plan = defineJobHandler({
    kind: "survey-plan",
    concurrency: 1,
    schedules: [{ id: "survey-plan-every-minute", repeat: { every: 60_000 }, payload: {} }],
    async handle(payload, context) {
      const tenants = await context.db.tenant.findMany({
        where: { status: "active", ...(payload.tenantId ? { id: payload.tenantId } : {}) },
        select: { id: true },
      });
      const now = context.clock.now();
      let dispatched = 0;
      const failures: string[] = [];
      for (const { id: tenantId } of tenants) {
        const due = await withTenant(context.db, tenantId, async (tx) => {
          // Cheap check first: most tenants have no active survey.
          if (!(await tx.survey.count({ where: { tenantId, status: "active" } }))) return [];
          const sync = await syncDispatchPlans(tx, tenantId, now);
          if (sync.created || sync.moved || sync.cancelled || sync.skipped) context.logger.info("survey plans synced", { tenantId, ...sync });
          return findDuePlans(tx, tenantId, now);
        });
        for (const { id: planId } of due) {
          try {
            await dispatchPlan(context.db, services(), { tenantId, planId }, context);
            dispatched += 1;
          } catch (error) {
            failures.push(planId);
            context.logger.error("survey plan failed", { tenantId, planId, ...errorFields(error) });
          }
        }
      }
      let alerts = 0;
      for (const { id: tenantId } of tenants) {
        try {
          alerts += await checkSurveyAlerts(context.db, services(), tenantId, now, context.logger);
        } catch (error) {
          context.logger.error("survey alerts failed", { tenantId, ...errorFields(error) });
        }
      }
      // Failed plans stay due and are picked up by the next tick; the job itself succeeds.
      return { tenants: tenants.length, dispatched, failed: failures.length, alerts };
    },
  });
  const dispatch = defineJobHandler({
    kind: "survey-dispatch",
    async handle(payload, context) {
      return dispatchPlan(context.db, services(), payload, context);
    },
  });
  return { plan, dispatch };
}

export const surveyHandlers = createSurveyHandlers();
