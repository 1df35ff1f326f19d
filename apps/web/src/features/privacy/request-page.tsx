// One data-subject request: its clock, the action its kind calls for, and the outcome (for an
// erasure, the receipt: rows per table, re-queries by blind index returning zero, audit entry).
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { z } from "zod";
import { Button, buttonClasses, Card, Field, PageHeader, SelectField } from "@rappel/ui";
import type { ErasureReceipt } from "@rappel/privacy";
import { getDb } from "@/server/db";
import { requirePlatformPermission } from "@/server/guard";
import { requestActionAction } from "./actions";
import { Notice } from "./components/notice";
import { RectificationForms } from "./components/rectification-form";
import { RequestClocks } from "./components/request-clocks";
import { RectificationHistory, RequestHistory } from "./components/request-history";
import { TableCounts } from "./components/table-counts";
import { loadRequestView, resolveTenant } from "./lib/console";

const ZSearch = z.object({ done: z.string().max(40).optional().catch(undefined), error: z.string().max(500).optional().catch(undefined) });

export interface RequestPageProps {
  params: Promise<{ tenantId: string; requestId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const ACTION_BY_KIND = { erasure: "erase", restriction: "restrict", objection: "object" } as const;

export async function RequestPage({ params, searchParams }: RequestPageProps) {
  const { tenantId, requestId } = await params;
  const context = await requirePlatformPermission("platform.privacy.manage", `/admin/privacy/${tenantId}/requests/${requestId}`);
  const tenant = await resolveTenant(getDb(), tenantId);
  const search = ZSearch.parse(await searchParams);
  const [view, t, format] = await Promise.all([loadRequestView(getDb(), context, tenant.id, requestId), getTranslations("privacy"), getFormatter()]);
  const { request, email, name, details, activeRestrictions } = view;
  const forward = request.forward;
  const base = `/admin/privacy/${tenant.id}`;
  const open = request.status === "open";
  const hidden = (
    <>
      <input type="hidden" name="tenantId" value={tenant.id} />
      <input type="hidden" name="requestId" value={request.id} />
    </>
  );
  const action = ACTION_BY_KIND[request.kind as keyof typeof ACTION_BY_KIND];
  const receipt = request.kind === "erasure" && request.status === "completed" ? (request.outcome as unknown as ErasureReceipt) : null;

  return (
    <>
      <PageHeader
        eyebrow={<Link href={base} className="underline-offset-2 hover:underline">{tenant.name}</Link>}
        title={t("request.title", { kind: t(`kinds.${request.kind}`) })}
        description={t(`requestStatus.${request.status}`)}
      />
      <Notice done={search.done ? t(`done.${search.done}` as "done.planned") : null} error={search.error} />
      <Card title={t("request.clock")} id="clock" className="mb-6">
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium text-slate-900">{t("requests.email")}</dt>
          <dd className="text-slate-700">{email ?? t("request.erased")}</dd>
          {name ? (
            <>
              <dt className="font-medium text-slate-900">{t("requests.name")}</dt>
              <dd className="text-slate-700">{name}</dd>
            </>
          ) : null}
          {details ? (
            <>
              <dt className="font-medium text-slate-900">{t("requests.details")}</dt>
              <dd className="text-slate-700">{details}</dd>
            </>
          ) : null}
          <dt className="font-medium text-slate-900">{t("requests.received")}</dt>
          <dd className="text-slate-700">{format.dateTime(request.receivedAt, { dateStyle: "long", timeStyle: "short" })} ({t(`channels.${request.channel}` as "channels.staff")})</dd>
          <RequestClocks request={request} forward={forward} />
        </dl>
        {forward && (forward.status === "failed" || forward.status === "sending") ? (
          <form action={requestActionAction} className="mt-4">
            {hidden}
            <input type="hidden" name="action" value="retry-forward" />
            <Button type="submit" variant="secondary">{t("forward.retry")}</Button>
          </form>
        ) : null}
      </Card>
      {open && request.kind === "rectification" ? <RectificationForms tenantId={tenant.id} requestId={request.id} subjects={view.subjects} /> : null}
      <RectificationHistory entries={view.rectifications} />

      {open ? (
        <Card title={t("request.actions")} id="actions" className="mb-6">
          <div className="flex flex-wrap gap-3">
            {action ? (
              <form action={requestActionAction}>
                {hidden}
                <input type="hidden" name="action" value={action} />
                <Button type="submit" variant={action === "erase" ? "danger" : "primary"}>{t(`request.do.${action}`)}</Button>
              </form>
            ) : null}
            {request.kind === "access" || request.kind === "portability" ? (
              <a className={buttonClasses()} href={`${base}/requests/${request.id}/export`} download>{t("request.do.export")}</a>
            ) : null}
            {!action && request.kind !== "access" && request.kind !== "portability" ? (
              <form action={requestActionAction} className="flex flex-wrap items-end gap-2">
                {hidden}
                <input type="hidden" name="action" value="complete" />
                <Field id="complete-note" name="note" label={t("request.note")} required />
                <Button type="submit">{t("request.do.complete")}</Button>
              </form>
            ) : null}
            <form action={requestActionAction}>
              {hidden}
              <input type="hidden" name="action" value="reject" />
              <Button type="submit" variant="secondary">{t("request.do.reject")}</Button>
            </form>
          </div>
          <form action={requestActionAction} className="mt-6 grid gap-3 sm:grid-cols-[10rem_1fr_auto] sm:items-end">
            {hidden}
            <input type="hidden" name="action" value="extend" />
            <SelectField id="extend-months" name="months" label={t("request.extendMonths")} options={[{ value: "1", label: "1" }, { value: "2", label: "2" }]} />
            <Field id="extend-reason" name="reason" label={t("request.extendReason")} required minLength={10} />
            <Button type="submit" variant="secondary">{t("request.do.extend")}</Button>
          </form>
        </Card>
      ) : null}

      {request.kind === "restriction" && request.status === "completed" ? (
        <Card title={t("request.restriction.title")} id="restriction" className="mb-6">
          <p className="mb-3 text-sm text-slate-700" data-testid="active-restrictions">
            {activeRestrictions > 0 ? t("request.restriction.active", { count: activeRestrictions }) : t("request.restriction.none")}
          </p>
          {activeRestrictions > 0 ? (
            <form action={requestActionAction}>
              {hidden}
              <input type="hidden" name="action" value="lift" />
              <Button type="submit" variant="secondary">{t("request.do.lift")}</Button>
            </form>
          ) : null}
        </Card>
      ) : null}

      {receipt ? (
        <Card title={t("receipt.title")} id="receipt" className="mb-6">
          <p className="mb-3 text-sm text-slate-700">{t("receipt.summary", { count: receipt.spectators, at: format.dateTime(new Date(receipt.completedAt), { dateStyle: "long", timeStyle: "short" }) })}</p>
          <TableCounts caption={t("receipt.title")} rows={receipt.tables} labels={{ table: t("run.table"), action: t("run.action"), rows: t("run.rows") }} />
          <h3 className="mb-2 font-semibold text-slate-900">{t("receipt.verification")}</h3>
          <ul className="mb-4 list-inside list-disc text-sm text-slate-700" data-testid="receipt-verification">
            {receipt.verification.map((v) => (
              <li key={v.check}>
                <span className="font-mono">{v.check}</span> : {v.rows}
              </li>
            ))}
          </ul>
          <p className="text-sm text-slate-700">{t("receipt.suppression", { count: receipt.suppression.added })}</p>
          <p className="mt-2 text-sm text-slate-700">
            {t("receipt.audit")} <span className="font-mono">#{receipt.audit.seq}</span> — <span className="font-mono break-all">{receipt.audit.hash}</span>
          </p>
        </Card>
      ) : request.outcome && !open ? (
        <Card title={t("request.outcome")} id="outcome" className="mb-6">
          <pre className="overflow-x-auto text-sm text-slate-700">{JSON.stringify(request.outcome, null, 2)}</pre>
        </Card>
      ) : null}
      <RequestHistory events={view.events} />
    </>
  );
}
