// One of the tenant's data-subject requests, for its owners and admins: who and what, both
// deadlines (the vendor's and the tenant's own once forwarded), the status history and, for a
// rectification, what was corrected. Read in the tenant's scope: another tenant's id is a 404.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { z } from "zod";
import { withTenant } from "@rappel/db";
import { listRectifications, loadRequestDetail, RequestError, type RequestDetail } from "@rappel/privacy";
import { Card, PageHeader } from "@rappel/ui";
import { getDb } from "@/server/db";
import { requireTenantPermission } from "@/server/guard";
import { SettingsTabs } from "../../settings/components/settings-tabs";
import { Notice } from "../components/notice";
import { RequestClocks } from "../components/request-clocks";
import { RectificationHistory, RequestHistory } from "../components/request-history";
import { masterKey } from "../lib/console";

interface Props {
  params: Promise<{ tenantSlug: string; requestId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function TenantRequestDetailPage({ params, searchParams }: Props) {
  const { tenantSlug, requestId } = await params;
  const { user, tenant } = await requireTenantPermission(tenantSlug, "settings.privacy-requests.manage", `/t/${tenantSlug}/settings/privacy-requests`);
  if (!z.uuid().safeParse(requestId).success) notFound();
  let detail: RequestDetail;
  try {
    detail = await withTenant(getDb(), tenant.tenantId, (tx) => loadRequestDetail(tx, tenant.tenantId, requestId, masterKey()), { userId: user.id });
  } catch (error) {
    if (error instanceof RequestError && error.status === 404) notFound();
    throw error;
  }
  const { request, email, name, details, events } = detail;
  const [rectifications, t, tp, format, search] = await Promise.all([
    request.kind === "rectification" ? listRectifications(getDb(), { kind: "staff", userId: user.id }, tenant.tenantId, request.id, masterKey()) : [],
    getTranslations("privacy.tenantRequests"),
    getTranslations("privacy"),
    getFormatter(),
    searchParams,
  ]);
  const base = `/t/${tenant.slug}/settings/privacy-requests`;
  return (
    <>
      <PageHeader
        eyebrow={<Link href={base} className="underline-offset-2 hover:underline">{t("title")}</Link>}
        title={tp("request.title", { kind: tp(`kinds.${request.kind}`) })}
        description={tp(`requestStatus.${request.status}`)}
      />
      <SettingsTabs slug={tenant.slug} role={tenant.role} current="privacy-requests" />
      <Notice done={search.done === "created" ? t("done.created") : null} />
      <Card title={tp("request.clock")} id="clock" className="mb-6">
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium text-slate-900">{tp("requests.email")}</dt>
          <dd className="text-slate-700">{email ?? tp("request.erased")}</dd>
          {name ? (
            <>
              <dt className="font-medium text-slate-900">{tp("requests.name")}</dt>
              <dd className="text-slate-700">{name}</dd>
            </>
          ) : null}
          {details ? (
            <>
              <dt className="font-medium text-slate-900">{tp("requests.details")}</dt>
              <dd className="text-slate-700">{details}</dd>
            </>
          ) : null}
          <dt className="font-medium text-slate-900">{tp("requests.received")}</dt>
          <dd className="text-slate-700">
            {format.dateTime(request.receivedAt, { dateStyle: "long", timeStyle: "short" })} ({tp(`channels.${request.channel}` as "channels.staff")}
            {request.receivedVia ? `, ${t(`via.${request.receivedVia}` as "via.email")}` : ""})
          </dd>
          <RequestClocks request={request} forward={request.forward} />
        </dl>
      </Card>
      <RectificationHistory entries={rectifications} />
      <RequestHistory events={events} />
    </>
  );
}

export async function tenantRequestDetailMetadata(): Promise<Metadata> {
  const t = await getTranslations("privacy.tenantRequests");
  return { title: t("title") };
}
