// Daily check that no tenant's audit log was edited or truncated: recompute each active tenant's
// hash chain. Reading the chain is platform access to the tenant, so it goes through the audited
// platform path (which appends its own entry). Idempotent: it changes nothing it verifies.
import { verifyAuditChain, withPlatformAccess } from "@rappel/db";
import { defineJobHandler, type JobContext } from "../job-handler";
import { errorFields } from "../logger";

export interface TenantChainReport {
  tenantId: string;
  ok: boolean;
  /** Entries verified before the first mismatch (all of them when ok). */
  checked: number;
  /** The seq of the first entry that does not match, as a string (JSON has no bigint). */
  brokenAtSeq: string | null;
  /** Set when the chain could not be read at all (the job is then retried). */
  error?: string;
}

export interface VerifyAuditChainsResult {
  startedAt: string;
  finishedAt: string;
  tenants: TenantChainReport[];
}

export class AuditVerificationError extends Error {
  constructor(public readonly tenantIds: string[]) {
    super(
      `could not verify the audit chain of ${tenantIds.length} tenant(s): ${tenantIds.join(", ")}`,
    );
    this.name = "AuditVerificationError";
  }
}

const REASON = "scheduled audit chain verification";
// A long chain is read in one transaction; give it more than the default 15 s.
const PER_TENANT_TIMEOUT_MS = 120_000;

async function verifyTenant(tenantId: string, context: JobContext): Promise<TenantChainReport> {
  try {
    const verdict = await withPlatformAccess(
      context.db,
      { userId: null, role: "system" },
      { tenantId, reason: REASON, timeoutMs: PER_TENANT_TIMEOUT_MS },
      (tx) => verifyAuditChain(tx, tenantId),
    );
    const report: TenantChainReport = {
      tenantId,
      ok: verdict.ok,
      checked: verdict.checked,
      brokenAtSeq: verdict.brokenAtSeq === undefined ? null : verdict.brokenAtSeq.toString(),
    };
    if (verdict.ok)
      context.logger.debug("audit chain intact", { tenantId, checked: verdict.checked });
    else context.logger.error("audit chain broken", { tenantId, brokenAtSeq: report.brokenAtSeq });
    return report;
  } catch (error) {
    context.logger.error("audit chain could not be verified", {
      tenantId,
      ...errorFields(error, { stack: true }),
    });
    return {
      tenantId,
      ok: false,
      checked: 0,
      brokenAtSeq: null,
      error: errorFields(error).error as string,
    };
  }
}

export async function verifyAuditChains(
  payload: { tenantId?: string | undefined },
  context: JobContext,
): Promise<VerifyAuditChainsResult> {
  const startedAt = context.clock.now();
  const tenants = await context.db.tenant.findMany({
    where: { status: "active", ...(payload.tenantId ? { id: payload.tenantId } : {}) },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  if (payload.tenantId && tenants.length === 0) {
    context.logger.warn("no active tenant to verify", { tenantId: payload.tenantId });
  }
  const reports: TenantChainReport[] = [];
  for (const tenant of tenants) {
    // Stop between tenants when the worker is shutting down; the whole job is retried later.
    context.signal.throwIfAborted();
    reports.push(await verifyTenant(tenant.id, context));
  }
  const broken = reports.filter((r) => r.brokenAtSeq !== null).length;
  const unreadable = reports.filter((r) => r.error !== undefined).map((r) => r.tenantId);
  context.logger.info("audit chains verified", {
    tenants: reports.length,
    broken,
    unreadable: unreadable.length,
  });
  if (unreadable.length > 0) throw new AuditVerificationError(unreadable);
  return {
    startedAt: startedAt.toISOString(),
    finishedAt: context.clock.now().toISOString(),
    tenants: reports,
  };
}

export const verifyAuditChainsHandler = defineJobHandler({
  kind: "verify-audit-chains",
  // One at a time: the job walks every tenant; parallel runs would only duplicate the work.
  concurrency: 1,
  schedules: [
    {
      id: "verify-audit-chains-daily",
      repeat: { pattern: "0 3 * * *", tz: "Europe/Paris" },
      payload: {},
    },
  ],
  handle: verifyAuditChains,
});
