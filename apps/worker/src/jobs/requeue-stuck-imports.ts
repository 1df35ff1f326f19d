// Sweep for imports that wait forever: the web app marks an import "queued" in PostgreSQL, then
// tells the queue; when Redis was unavailable at that moment (or lost its data since), the import
// stays "queued" with no job. Every few minutes this finds such imports in every active tenant and
// enqueues them again, with the job id the web app would have used (`enqueueImportFile`: the
// first run, or the run of a staff retry), so an enqueue racing with the web app's is the same job
// and an import never runs twice at once. A job of that id that already ended (failed after its
// attempts while the import still says "queued") is removed first, else the enqueue is a no-op.
import { withTenant } from "@rappel/db";
import { enqueueImportFile } from "@rappel/jobs";
import { defineJobHandler, type JobContext } from "../job-handler";

const LIVE_STATES = new Set(["waiting", "active", "delayed", "prioritized", "waiting-children", "paused"]);

export interface RequeueStuckImportsResult {
  tenants: number;
  queued: number;
  requeued: { tenantId: string; importId: string; jobId: string }[];
}

export class MissingProducerError extends Error {
  constructor() {
    super("requeue-stuck-imports needs the worker's job producer (JobDependencies.producer)");
    this.name = "MissingProducerError";
  }
}

/** The job id enqueueImportFile gives an import's current run (see retryImport's run number). */
function currentRun(job: { finishedAt: Date | null }): number | undefined {
  return job.finishedAt ? job.finishedAt.getTime() : undefined;
}

export async function requeueStuckImports(context: JobContext): Promise<RequeueStuckImportsResult> {
  const producer = context.producer;
  if (!producer) throw new MissingProducerError();
  const queue = producer.queue("imports");
  const tenants = await context.db.tenant.findMany({ where: { status: "active" }, select: { id: true }, orderBy: { id: "asc" } });
  const result: RequeueStuckImportsResult = { tenants: tenants.length, queued: 0, requeued: [] };
  for (const tenant of tenants) {
    context.signal.throwIfAborted();
    const queued = await withTenant(context.db, tenant.id, (tx) =>
      tx.importJob.findMany({ where: { tenantId: tenant.id, status: "queued" }, select: { id: true, finishedAt: true }, orderBy: { createdAt: "asc" } }),
    );
    result.queued += queued.length;
    for (const job of queued) {
      const run = currentRun(job);
      const jobId = `import-${job.id}${run ? `-run${run}` : ""}`;
      const existing = await queue.getJob(jobId);
      if (existing) {
        const state = await existing.getState();
        if (LIVE_STATES.has(state)) continue;
        await existing.remove();
      }
      const enqueued = await enqueueImportFile(producer, { tenantId: tenant.id, importId: job.id }, run ? { run } : {});
      result.requeued.push({ tenantId: tenant.id, importId: job.id, jobId: enqueued.id });
      context.logger.warn("stuck import re-enqueued", { tenantId: tenant.id, importId: job.id, jobId: enqueued.id, previousJobState: existing ? "ended" : "missing" });
    }
  }
  context.logger.info("stuck imports swept", { tenants: result.tenants, queued: result.queued, requeued: result.requeued.length });
  return result;
}

export const requeueStuckImportsHandler = defineJobHandler({
  kind: "requeue-stuck-imports",
  concurrency: 1,
  schedules: [{ id: "requeue-stuck-imports-5min", repeat: { every: 5 * 60_000 }, payload: {} }],
  handle: (_payload, context) => requeueStuckImports(context),
});
