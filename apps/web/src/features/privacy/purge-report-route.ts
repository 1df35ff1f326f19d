// GET …/purges/<run>/report?format=csv|json — the purge report as a file, for the DPO only.
import { z } from "zod";
import { getDb } from "@/server/db";
import { requirePlatformPermission } from "@/server/guard";
import { loadPurgeRun, purgeReportCsv, resolveTenant } from "./lib/console";

export async function getPurgeReport(request: Request, { params }: { params: Promise<{ tenantId: string; runId: string }> }): Promise<Response> {
  const { tenantId, runId } = await params;
  const context = await requirePlatformPermission("platform.privacy.manage", `/admin/privacy/${tenantId}`);
  const tenant = await resolveTenant(getDb(), tenantId);
  const run = await loadPurgeRun(getDb(), context, tenant.id, runId);
  const format = z.enum(["csv", "json"]).catch("csv").parse(new URL(request.url).searchParams.get("format"));
  const approver = run.approvedById ? await getDb().user.findUnique({ where: { id: run.approvedById }, select: { name: true } }) : null;
  const name = `purge-${tenant.slug}-${run.category}-${run.id.slice(0, 8)}.${format}`;
  const body = format === "csv" ? purgeReportCsv(run, approver?.name ?? null) : JSON.stringify({ ...run, approvedBy: approver?.name ?? null }, null, 2);
  return new Response(body, {
    headers: {
      "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${name}"`,
      "cache-control": "no-store",
    },
  });
}
