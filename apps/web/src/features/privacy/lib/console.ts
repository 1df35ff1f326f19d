// Server-side reads for the DPO console. Every read of a tenant's data goes through the audited
// platform path (withPlatformAccess), naming the DPO and the reason.
import { loadEnv } from "@rappel/config";
import { withPlatformAccess, type Database, type DataSubjectRequest, type PurgeRun } from "@rappel/db";
import { masterKeyFromEnv, type MasterKey } from "@rappel/personal-data";
import {
  computeDeadline,
  countActiveRestrictions,
  listRectifications,
  loadRectificationSubjects,
  loadRequestDetail,
  RequestError,
  RETENTION_CATEGORIES,
  resolveRule,
  type RectificationEntry,
  type RequestActor,
  type RequestDetail,
  type ResolvedRule,
  type SpectatorFields,
} from "@rappel/privacy";
import { notFound } from "next/navigation";
import { z } from "zod";
import type { PlatformContext } from "@/server/guard";

export function masterKey(): MasterKey {
  return masterKeyFromEnv(loadEnv());
}

export function dpoActor(context: PlatformContext): RequestActor & { kind: "platform" } {
  return { kind: "platform", userId: context.user.id, role: context.user.platformRole };
}

export const ZTenantId = z.uuid();

/** The tenant named in the URL (untrusted): must be a UUID of an existing tenant, else 404. */
export async function resolveTenant(db: Database, raw: string): Promise<{ id: string; name: string; slug: string; status: string }> {
  const parsed = ZTenantId.safeParse(raw);
  if (!parsed.success) notFound();
  const tenant = await db.tenant.findUnique({ where: { id: parsed.data }, select: { id: true, name: true, slug: true, status: true } });
  if (!tenant) notFound();
  return tenant;
}

export interface TenantPrivacyView {
  mode: "approval" | "automatic";
  rules: (ResolvedRule & { enforcement: "engine" | "manual"; setAt: Date | null })[];
  runs: PurgeRun[];
  requests: (DataSubjectRequest & { paused: boolean })[];
  holds: number;
}

export async function loadTenantPrivacy(db: Database, context: PlatformContext, tenantId: string): Promise<TenantPrivacyView> {
  return withPlatformAccess(db, { userId: context.user.id, role: context.user.platformRole }, { tenantId, reason: "DPO console: tenant privacy overview" }, async (tx) => {
    const [setting, overrides, runs, requests, holds] = await Promise.all([
      tx.privacySetting.findUnique({ where: { tenantId } }),
      tx.retentionOverride.findMany({ where: { tenantId } }),
      tx.purgeRun.findMany({ where: { tenantId }, orderBy: { createdAt: "desc" }, take: 30 }),
      tx.dataSubjectRequest.findMany({ where: { tenantId }, orderBy: { receivedAt: "desc" }, take: 50 }),
      tx.legalHold.count({ where: { tenantId, releasedAt: null } }),
    ]);
    const byCategory = new Map(overrides.map((o) => [o.category, o]));
    return {
      mode: setting?.purgeMode ?? "approval",
      rules: RETENTION_CATEGORIES.map((c) => {
        const o = byCategory.get(c.id);
        return { ...resolveRule(c, o), enforcement: c.enforcement, setAt: o?.setAt ?? null };
      }),
      runs,
      requests: requests.map((r) => ({ ...r, paused: computeDeadline(r).paused })),
      holds,
    };
  });
}

export async function loadPurgeRun(db: Database, context: PlatformContext, tenantId: string, runId: string): Promise<PurgeRun> {
  if (!ZTenantId.safeParse(runId).success) notFound();
  const run = await withPlatformAccess(db, { userId: context.user.id, role: context.user.platformRole }, { tenantId, reason: "DPO console: purge report" }, (tx) =>
    tx.purgeRun.findUnique({ where: { tenantId_id: { tenantId, id: runId } } }),
  );
  if (!run) notFound();
  return run;
}

export interface RequestView extends RequestDetail {
  rectifications: RectificationEntry[];
  /** For an open rectification request: the people it is about, with their current fields. */
  subjects: { spectatorId: string; fields: SpectatorFields }[];
  /** For a restriction request: how many of its restrictions are still in force. */
  activeRestrictions: number;
}

/** Everything the DPO's request page shows (reads of personal data, on the audited path). */
export async function loadRequestView(db: Database, context: PlatformContext, tenantId: string, requestId: string): Promise<RequestView> {
  if (!ZTenantId.safeParse(requestId).success) notFound();
  const actor = dpoActor(context);
  let detail: RequestDetail & { activeRestrictions: number };
  try {
    detail = await withPlatformAccess(db, { userId: actor.userId, role: actor.role }, { tenantId, reason: "DPO console: data-subject request" }, async (tx) => {
      const found = await loadRequestDetail(tx, tenantId, requestId, masterKey());
      // For a restriction request: how many of its restrictions still hold (same audited read).
      const activeRestrictions = found.request.kind === "restriction" ? await countActiveRestrictions(tx, tenantId, requestId) : 0;
      return { ...found, activeRestrictions };
    });
  } catch (error) {
    if (error instanceof RequestError && error.status === 404) notFound();
    throw error;
  }
  const rectifying = detail.request.kind === "rectification";
  const [rectifications, subjects] = await Promise.all([
    rectifying ? listRectifications(db, actor, tenantId, requestId, masterKey()) : [],
    rectifying && detail.request.status === "open" ? loadRectificationSubjects(db, actor, tenantId, requestId, masterKey()) : [],
  ]);
  return { ...detail, rectifications, subjects };
}

export interface TableCountView {
  table: string;
  action: string;
  rows: number;
}

export function runTables(run: PurgeRun): TableCountView[] {
  const counts = run.counts as { tables?: TableCountView[] } | null;
  return counts?.tables ?? [];
}

/** The purge report as CSV (one line per table) — what the DPO files or sends. */
export function purgeReportCsv(run: PurgeRun, approver: string | null): string {
  const rule = run.rule as Partial<ResolvedRule>;
  const head = [
    ["run", run.id],
    ["tenant", run.tenantId],
    ["category", run.category],
    ["mode", run.mode],
    ["status", run.status],
    ["rule", `${rule.activeMonths ?? "?"} + ${rule.archiveMonths ?? "?"} months, ${rule.endAction ?? "?"}`],
    ["legal_basis", rule.legalBasis ?? ""],
    ["cutoff", run.cutoff.toISOString()],
    ["approved_by", approver ?? (run.mode === "automatic" ? "automatic" : "")],
    ["approved_at", run.approvedAt?.toISOString() ?? ""],
    ["started_at", run.startedAt?.toISOString() ?? ""],
    ["finished_at", run.finishedAt?.toISOString() ?? ""],
  ];
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [...head.map((r) => r.map(quote).join(",")), "", "table,action,rows", ...runTables(run).map((c) => `${c.table},${c.action},${c.rows}`)].join("\n") + "\n";
}
