// One purge: its preview (counts and samples, no personal data), the DPO's decision, and once run
// its report (rule, rows per table, start and end, who approved), exportable as CSV or JSON.
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { z } from "zod";
import { Button, buttonClasses, Card, PageHeader } from "@rappel/ui";
import type { ResolvedRule } from "@rappel/privacy";
import { getDb } from "@/server/db";
import { requirePlatformPermission } from "@/server/guard";
import { decidePurgeAction } from "./actions";
import { Notice } from "./components/notice";
import { TableCounts } from "./components/table-counts";
import { loadPurgeRun, resolveTenant, runTables } from "./lib/console";

const ZSearch = z.object({ done: z.string().max(40).optional().catch(undefined), error: z.string().max(500).optional().catch(undefined) });

export interface PurgeRunPageProps {
  params: Promise<{ tenantId: string; runId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function PurgeRunPage({ params, searchParams }: PurgeRunPageProps) {
  const { tenantId, runId } = await params;
  const context = await requirePlatformPermission("platform.privacy.manage", `/admin/privacy/${tenantId}/purges/${runId}`);
  const tenant = await resolveTenant(getDb(), tenantId);
  const search = ZSearch.parse(await searchParams);
  const [run, t, format] = await Promise.all([loadPurgeRun(getDb(), context, tenant.id, runId), getTranslations("privacy"), getFormatter()]);
  const approver = run.approvedById ? await getDb().user.findUnique({ where: { id: run.approvedById }, select: { name: true } }) : null;
  const rule = run.rule as Partial<ResolvedRule>;
  const preview = run.preview as { due?: number; held?: number; samples?: { key: string; startEvent: string }[] };
  const base = `/admin/privacy/${tenant.id}`;
  const when = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "medium", timeStyle: "medium" }) : "—");
  const tables = runTables(run);
  const category = t(`categories.${run.category}` as "categories.customer");

  return (
    <>
      <PageHeader
        eyebrow={<Link href={base} className="underline-offset-2 hover:underline">{tenant.name}</Link>}
        title={t("run.title", { category })}
        description={t(`runStatus.${run.status}`)}
      />
      <Notice done={search.done ? t(`done.${search.done}` as "done.planned") : null} error={search.error} />
      <Card title={t("run.preview")} id="preview" className="mb-6">
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium text-slate-900">{t("run.rule")}</dt>
          <dd className="text-slate-700">
            {t("run.ruleText", { active: rule.activeMonths ?? 0, archive: rule.archiveMonths ?? 0, action: t(`endActions.${rule.endAction ?? "delete"}`) })}
          </dd>
          <dt className="font-medium text-slate-900">{t("retention.legalBasis")}</dt>
          <dd className="text-slate-700">{rule.legalBasis}</dd>
          <dt className="font-medium text-slate-900">{t("run.cutoff")}</dt>
          <dd className="text-slate-700">{when(run.cutoff)}</dd>
          <dt className="font-medium text-slate-900">{t("run.due")}</dt>
          <dd className="text-slate-700" data-testid="purge-due">{preview.due ?? 0}</dd>
          <dt className="font-medium text-slate-900">{t("run.held")}</dt>
          <dd className="text-slate-700">{preview.held ?? 0}</dd>
        </dl>
        {preview.samples?.length ? (
          <>
            <h3 className="mt-4 mb-2 font-semibold text-slate-900">{t("run.samples")}</h3>
            <ul className="list-inside list-disc text-sm text-slate-700">
              {preview.samples.map((s) => (
                <li key={s.key}>
                  <span className="font-mono">{s.key}</span> — {t("run.startEvent")} {format.dateTime(new Date(s.startEvent), { dateStyle: "medium" })}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {run.status === "awaiting_approval" ? (
          <div className="mt-4 flex flex-wrap gap-3">
            <form action={decidePurgeAction}>
              <input type="hidden" name="tenantId" value={tenant.id} />
              <input type="hidden" name="runId" value={run.id} />
              <input type="hidden" name="decision" value="approve" />
              <Button type="submit" variant="danger">{t("run.approve", { count: preview.due ?? 0 })}</Button>
            </form>
            <form action={decidePurgeAction}>
              <input type="hidden" name="tenantId" value={tenant.id} />
              <input type="hidden" name="runId" value={run.id} />
              <input type="hidden" name="decision" value="reject" />
              <Button type="submit" variant="secondary">{t("run.reject")}</Button>
            </form>
          </div>
        ) : null}
      </Card>
      <Card title={t("run.report")} id="report" className="mb-6">
        <dl className="mb-4 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium text-slate-900">{t("run.approvedBy")}</dt>
          <dd className="text-slate-700">{approver?.name ?? (run.mode === "automatic" ? t("purges.modes.automatic") : "—")}</dd>
          <dt className="font-medium text-slate-900">{t("run.approvedAt")}</dt>
          <dd className="text-slate-700">{when(run.approvedAt)}</dd>
          <dt className="font-medium text-slate-900">{t("run.startedAt")}</dt>
          <dd className="text-slate-700">{when(run.startedAt)}</dd>
          <dt className="font-medium text-slate-900">{t("run.finishedAt")}</dt>
          <dd className="text-slate-700">{when(run.finishedAt)}</dd>
          {run.error ? (
            <>
              <dt className="font-medium text-red-900">{t("run.error")}</dt>
              <dd className="text-red-900">{run.error}</dd>
            </>
          ) : null}
        </dl>
        {tables.length ? (
          <TableCounts caption={t("run.report")} rows={tables} labels={{ table: t("run.table"), action: t("run.action"), rows: t("run.rows") }} />
        ) : (
          <p className="mb-4 text-sm text-slate-600">{t("run.notRun")}</p>
        )}
        <div className="flex flex-wrap gap-3">
          <a className={buttonClasses("secondary")} href={`${base}/purges/${run.id}/report?format=csv`} download>{t("run.exportCsv")}</a>
          <a className={buttonClasses("secondary")} href={`${base}/purges/${run.id}/report?format=json`} download>{t("run.exportJson")}</a>
        </div>
      </Card>
    </>
  );
}
