// For a tenant's owners: the sub-processor changes notified to them, with the objection form
// while their 8-day window is open. Read and written in the tenant's own scope.
import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { Button, Card, EmptyState, PageHeader } from "@rappel/ui";
import { canObject, listTenantNotices, windowEndFor } from "@rappel/dpo-records";
import { getDb } from "@/server/db";
import { requireTenantPermission } from "@/server/guard";
import type { TenantPageProps } from "../../areas/area-page";
import { SettingsTabs } from "../../settings/components/settings-tabs";
import { objectToChangeAction } from "./actions";

export async function TenantSubprocessorsPage({ params, searchParams }: TenantPageProps & { searchParams: Promise<Record<string, string | undefined>> }) {
  const { tenantSlug } = await params;
  const { user, tenant } = await requireTenantPermission(tenantSlug, "settings.tenant.manage", `/t/${tenantSlug}/settings/subprocessors`);
  const [notices, t, format, query] = await Promise.all([listTenantNotices(getDb(), tenant.tenantId, user.id), getTranslations("dpo.subprocessors.tenantPage"), getFormatter(), searchParams]);
  const now = new Date();
  const when = (d: Date) => format.dateTime(d, { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Paris" });
  const sent = notices.filter((n) => n.sentAt);
  return (
    <>
      <PageHeader eyebrow={tenant.name} title={t("title")} description={t("description")} />
      <SettingsTabs slug={tenant.slug} role={tenant.role} current="subprocessors" />
      {query.outcome === "objected" ? <p role="status" className="mb-4 rounded-md border border-green-300 bg-green-50 p-3 text-sm font-medium text-green-900">{t("objectedDone")}</p> : null}
      {query.outcome === "error" ? <p role="status" className="mb-4 rounded-md border border-red-300 bg-red-50 p-3 text-sm font-medium text-red-900">{t("error", { message: query.message ?? "" })}</p> : null}
      {sent.length === 0 ? <EmptyState title={t("empty")} /> : (
        <div className="flex flex-col gap-4">
          {sent.map((n) => {
            const state = { windowEndsAt: n.change.windowEndsAt, notice: n };
            const end = windowEndFor(state);
            return (
              <Card key={n.changeId} className="flex flex-col gap-2">
                <h2 className="text-base font-semibold text-slate-900">{n.change.subprocessor.name} — {n.change.subprocessor.service}</h2>
                <p className="text-sm text-slate-800">{n.change.description}</p>
                <p className="text-sm text-slate-600">{n.change.subprocessor.location} · {n.change.subprocessor.dataCategories.join(", ")}</p>
                {n.objectedAt ? (
                  <p className="text-sm font-medium text-slate-900">{t("objected", { date: when(n.objectedAt), reason: n.objectionReason ?? "" })}</p>
                ) : canObject(state, now) ? (
                  <form action={objectToChangeAction} className="flex flex-col gap-2">
                    <p className="text-sm text-slate-700">{t("open", { date: end ? when(end) : "" })}</p>
                    <input type="hidden" name="tenantSlug" value={tenant.slug} />
                    <input type="hidden" name="changeId" value={n.changeId} />
                    <label htmlFor={`reason-${n.changeId}`} className="text-sm font-medium text-slate-900">{t("reason")}</label>
                    <textarea id={`reason-${n.changeId}`} name="reason" required rows={2} className="rounded-md border border-slate-400 p-2" />
                    <div><Button type="submit" variant="danger">{t("object")}</Button></div>
                  </form>
                ) : (
                  <p className="text-sm text-slate-600">{t("closed")}</p>
                )}
              </Card>
            );
          })}
        </div>
      )}
    </>
  );
}

export async function tenantSubprocessorsMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dpo.subprocessors.tenantPage"))("title") };
}
