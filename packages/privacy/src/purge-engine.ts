// The purge engine. Daily, per tenant and category: compute what is due at the tenant's rule,
// then either record a preview for the DPO to approve ("approval" mode) or run it ("automatic").
// A run deletes or anonymises in small batches, each its own short transaction, so normal reads
// never wait on it (row locks do not block readers in PostgreSQL; no table lock is taken).
import { appendAuditEntry, withPlatformAccess, withTenant, type Database, type PurgeRun, type Tx } from "@rappel/db";
import { addCounts, type TableCount } from "./personal-data-registry";
import { findPurgeStep, PURGE_STEPS } from "./purge-steps";
import { findCategory, purgeCutoff, resolveRule, type ResolvedRule } from "./retention-catalogue";

export interface PurgeActor {
  userId: string | null;
  role: "dpo" | "superadmin" | "system";
}

export interface PurgePreview {
  due: number;
  held: number;
  samples: { key: string; startEvent: string }[];
}

const SAMPLE_SIZE = 5;
const DEFAULT_BATCH = 1000;

export class PurgeRunError extends Error {
  constructor(
    message: string,
    readonly status = 409,
  ) {
    super(message);
  }
}

/** The tenant's rule for a category (default or override). */
export async function loadRule(tx: Tx, tenantId: string, category: string): Promise<ResolvedRule> {
  const definition = findCategory(category);
  if (!definition) throw new PurgeRunError(`unknown data category "${category}"`, 400);
  const override = await tx.retentionOverride.findUnique({ where: { tenantId_category: { tenantId, category } } });
  return resolveRule(definition, override);
}

/**
 * Computes what is due for every purgeable category of one tenant. In approval mode it records
 * one preview per category with something due (replacing an older unapproved preview); in
 * automatic mode the run is recorded as approved and returned for execution.
 */
export async function planPurges(db: Database, tenantId: string, now: Date, actor: PurgeActor): Promise<PurgeRun[]> {
  return withPlatformAccess(db, actor, { tenantId, reason: "retention purge planning", timeoutMs: 120_000 }, async (tx) => {
    const setting = await tx.privacySetting.findUnique({ where: { tenantId } });
    const mode = setting?.purgeMode ?? "approval";
    const runs: PurgeRun[] = [];
    const archive: Record<string, { archived: number; restored: number }> = {};
    for (const step of PURGE_STEPS) {
      const rule = await loadRule(tx, tenantId, step.category);
      const cutoff = purgeCutoff(rule, now);
      if (step.archive) {
        // Past the active period the record leaves normal use at once, whether an archive period
        // follows or the purge still awaits the DPO's approval.
        const changed = await step.archive(tx, tenantId, purgeCutoff({ activeMonths: rule.activeMonths, archiveMonths: 0 }, now), now);
        if (changed.archived + changed.restored > 0) archive[step.category] = changed;
      }
      const { due, held } = await step.listDue(tx, tenantId, cutoff);
      await tx.purgeRun.updateMany({
        where: { tenantId, category: step.category, status: "awaiting_approval" },
        data: { status: "superseded" },
      });
      if (due.length === 0) continue;
      const preview: PurgePreview = {
        due: due.length,
        held,
        samples: due.slice(0, SAMPLE_SIZE).map((d) => ({ key: d.key, startEvent: d.startEvent.toISOString() })),
      };
      runs.push(
        await tx.purgeRun.create({
          data: {
            tenantId,
            category: step.category,
            mode,
            status: mode === "automatic" ? "approved" : "awaiting_approval",
            cutoff,
            rule: rule as unknown as object,
            preview: preview as unknown as object,
            createdAt: now,
          },
        }),
      );
    }
    if (Object.keys(archive).length > 0) {
      await appendAuditEntry(tx, tenantId, { actorKind: "system", action: "privacy.archive.updated", details: archive }, now);
    }
    return runs;
  });
}

/** The DPO approves (or rejects) a preview. Only a run awaiting approval can change. */
export async function decidePurgeRun(
  db: Database,
  actor: PurgeActor & { userId: string },
  tenantId: string,
  runId: string,
  decision: "approve" | "reject",
  now: Date,
): Promise<PurgeRun> {
  return withPlatformAccess(db, actor, { tenantId, reason: `retention purge ${decision}` }, async (tx) => {
    const changed = await tx.purgeRun.updateMany({
      where: { tenantId, id: runId, status: "awaiting_approval" },
      data:
        decision === "approve"
          ? { status: "approved", approvedById: actor.userId, approvedAt: now }
          : { status: "rejected", approvedById: actor.userId, approvedAt: now },
    });
    if (changed.count === 0) throw new PurgeRunError("this purge is no longer awaiting approval (already decided or replaced by a newer preview)");
    await appendAuditEntry(
      tx,
      tenantId,
      {
        actorUserId: actor.userId,
        actorKind: "platform",
        action: decision === "approve" ? "privacy.purge.approved" : "privacy.purge.rejected",
        targetType: "purge_run",
        targetId: runId,
      },
      now,
    );
    return tx.purgeRun.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: runId } } });
  });
}

export interface ExecuteOptions {
  now: () => Date;
  batchSize?: number;
  signal?: AbortSignal;
}

/**
 * Runs an approved purge. Idempotent: a completed run is returned as it is; a run left "running"
 * by a crash resumes (what was purged is gone, the rest is listed again at the same cutoff).
 */
export async function executePurgeRun(db: Database, tenantId: string, runId: string, options: ExecuteOptions): Promise<PurgeRun> {
  const claimed = await withTenant(db, tenantId, async (tx) => {
    const run = await tx.purgeRun.findUnique({ where: { tenantId_id: { tenantId, id: runId } } });
    if (!run) throw new PurgeRunError(`purge run ${runId} not found`, 404);
    if (run.status !== "approved" && run.status !== "running") return { run, claimed: false };
    const started = await tx.purgeRun.update({
      where: { tenantId_id: { tenantId, id: runId } },
      data: { status: "running", startedAt: run.startedAt ?? options.now() },
    });
    return { run: started, claimed: true };
  });
  if (!claimed.claimed) return claimed.run;
  const run = claimed.run;
  const step = findPurgeStep(run.category);
  try {
    if (!step) throw new PurgeRunError(`no purge step for category "${run.category}"`, 500);
    // Listed again at execution: a legal hold placed after the preview is honoured.
    const { due } = await withTenant(db, tenantId, (tx) => step.listDue(tx, tenantId, run.cutoff), { timeoutMs: 300_000 });
    let counts: TableCount[] = [];
    const batchSize = options.batchSize ?? DEFAULT_BATCH;
    for (let i = 0; i < due.length; i += batchSize) {
      options.signal?.throwIfAborted();
      const keys = due.slice(i, i + batchSize).map((d) => d.key);
      counts = addCounts(counts, await withTenant(db, tenantId, (tx) => step.purgeBatch(tx, tenantId, keys, options.now()), { timeoutMs: 60_000 }));
    }
    return await withPlatformAccess(db, { userId: null, role: "system" }, { tenantId, reason: "retention purge" }, async (tx) => {
      const finishedAt = options.now();
      await appendAuditEntry(
        tx,
        tenantId,
        {
          actorKind: "system",
          action: "privacy.purge.completed",
          targetType: "purge_run",
          targetId: runId,
          details: { category: run.category, records: due.length, counts: counts as unknown as Record<string, unknown>[] },
        },
        finishedAt,
      );
      return tx.purgeRun.update({
        where: { tenantId_id: { tenantId, id: runId } },
        data: { status: "completed", finishedAt, counts: { records: due.length, tables: counts } as unknown as object },
      });
    });
  } catch (error) {
    await withTenant(db, tenantId, (tx) =>
      tx.purgeRun.update({
        where: { tenantId_id: { tenantId, id: runId } },
        data: { status: "failed", error: error instanceof Error ? error.message : String(error) },
      }),
    );
    throw error;
  }
}
