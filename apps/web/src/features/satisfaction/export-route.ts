// GET /t/[slug]/satisfaction/export?format=csv|xlsx&survey=…: every response with its ticketing
// context and answers (free text included: personal data, so the export is audited and needs the
// survey-management permission).
import { appendAuditEntry, withTenant } from "@rappel/db";
import { parseSurveyDefinition } from "@rappel/survey";
import { requireTenantPermission } from "@/server/guard";
import { getDb } from "@/server/db";
import { parseFilters } from "./components/filters";
import { listSurveys, loadResponses, openTexts } from "./lib/queries";
import { responsesToCsv, responsesToXlsx } from "./lib/export";

export async function exportResponses(request: Request, { params }: { params: Promise<{ tenantSlug: string }> }): Promise<Response> {
  const { tenantSlug } = await params;
  const ctx = await requireTenantPermission(tenantSlug, "satisfaction.surveys.manage", `/t/${tenantSlug}/satisfaction`);
  const url = new URL(request.url);
  const format = url.searchParams.get("format") === "xlsx" ? "xlsx" : "csv";
  const filters = parseFilters(Object.fromEntries(url.searchParams));
  const tenantId = ctx.tenant.tenantId;
  const result = await withTenant(getDb(), tenantId, async (tx) => {
    const surveys = await listSurveys(tx, tenantId);
    const survey = surveys.find((s) => s.id === filters.surveyId) ?? surveys[0];
    if (!survey) return null;
    const version = await tx.surveyVersion.findUniqueOrThrow({ where: { tenantId_surveyId_version: { tenantId, surveyId: survey.id, version: survey.currentVersion } } });
    const rows = await loadResponses(tx, tenantId, { ...filters, surveyId: survey.id });
    const opened = new Map((await openTexts(tx, tenantId, rows)).map((o) => [o.id, o.answers]));
    await appendAuditEntry(tx, tenantId, {
      actorUserId: ctx.user.id, actorKind: "staff", action: "survey.responses.export", targetType: "survey", targetId: survey.id,
      details: { format, rows: rows.length },
    });
    return { name: survey.name, def: parseSurveyDefinition(version.definition), rows: rows.map((r) => ({ ...r, answers: opened.get(r.id) ?? r.answers })) };
  }, { userId: ctx.user.id, timeoutMs: 60_000 });
  if (!result) return new Response("Aucune enquête / no survey", { status: 404 });
  const base = `reponses-${result.name.normalize("NFD").replace(/[^A-Za-z0-9]+/g, "-").toLowerCase()}`;
  const headers = { "Cache-Control": "no-store" };
  if (format === "xlsx") {
    return new Response(new Uint8Array(await responsesToXlsx(result.def, result.rows)), {
      headers: { ...headers, "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Content-Disposition": `attachment; filename="${base}.xlsx"` },
    });
  }
  return new Response(responsesToCsv(result.def, result.rows), {
    headers: { ...headers, "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${base}.csv"` },
  });
}
