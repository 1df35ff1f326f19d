// Retention purges. Daily, "privacy-purge-plan" computes what each active tenant's rules make due:
// in approval mode it leaves a preview for the DPO; in automatic mode it runs the purge at once.
// "privacy-purge-run" runs one purge the DPO approved (enqueued by the console). The daily run
// also anonymises disabled staff accounts no tenant holds any more.
import { anonymiseDisabledStaffAccounts, executePurgeRun, planPurges } from "@rappel/privacy";
import { defineJobHandler, type JobContext } from "../job-handler";
import { errorFields } from "../logger";

export class PurgePlanningError extends Error {
  constructor(readonly tenantIds: string[]) {
    super(`retention purge planning failed for ${tenantIds.length} tenant(s): ${tenantIds.join(", ")}`);
    this.name = "PurgePlanningError";
  }
}

export async function planTenantPurges(payload: { tenantId?: string | undefined }, context: JobContext) {
  const tenants = await context.db.tenant.findMany({
    where: { status: "active", ...(payload.tenantId ? { id: payload.tenantId } : {}) },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  const summary: { tenantId: string; previews: number; executed: number }[] = [];
  const failed: string[] = [];
  for (const tenant of tenants) {
    context.signal.throwIfAborted();
    try {
      const runs = await planPurges(context.db, tenant.id, context.clock.now(), { userId: null, role: "system" });
      let executed = 0;
      for (const run of runs.filter((r) => r.status === "approved")) {
        await executePurgeRun(context.db, tenant.id, run.id, { now: () => context.clock.now(), signal: context.signal });
        executed += 1;
      }
      summary.push({ tenantId: tenant.id, previews: runs.length - executed, executed });
      context.logger.info("retention purges planned", { tenantId: tenant.id, previews: runs.length - executed, executed });
    } catch (error) {
      failed.push(tenant.id);
      context.logger.error("retention purge planning failed", { tenantId: tenant.id, ...errorFields(error, { stack: true }) });
    }
  }
  // Staff accounts are platform-wide: once no tenant holds them, anonymise them (daily run only).
  const staffAccounts = payload.tenantId ? null : await anonymiseDisabledStaffAccounts(context.db, context.clock.now());
  if (staffAccounts) context.logger.info("disabled staff accounts anonymised", staffAccounts);
  if (failed.length > 0) throw new PurgePlanningError(failed);
  return { tenants: summary, staffAccounts };
}

export const privacyPurgePlanHandler = defineJobHandler({
  kind: "privacy-purge-plan",
  concurrency: 1,
  schedules: [
    { id: "privacy-purge-plan-daily", repeat: { pattern: "30 2 * * *", tz: "Europe/Paris" }, payload: {} },
  ],
  handle: planTenantPurges,
});

export const privacyPurgeRunHandler = defineJobHandler({
  kind: "privacy-purge-run",
  concurrency: 1,
  async handle(payload, context) {
    const run = await executePurgeRun(context.db, payload.tenantId, payload.runId, {
      now: () => context.clock.now(),
      signal: context.signal,
    });
    context.logger.info("retention purge finished", { tenantId: payload.tenantId, runId: run.id, status: run.status });
    return { runId: run.id, status: run.status, counts: run.counts };
  },
});
