// One tenant in the DPO console: the retention reference table (defaults and the tenant's
// overrides), the purge mode, purge previews and reports, and data-subject requests.
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { z } from "zod";
import { Button, Card, DataTable, EmptyState, Field, PageHeader, SelectField } from "@rappel/ui";
import { REQUEST_KINDS } from "@rappel/privacy";
import { getDb } from "@/server/db";
import { requirePlatformPermission } from "@/server/guard";
import { createRequestAction, planPurgesAction, setPurgeModeAction, setRetentionOverrideAction } from "./actions";
import { Notice } from "./components/notice";
import { loadTenantPrivacy, resolveTenant } from "./lib/console";

const ZSearch = z.object({ done: z.string().max(40).optional().catch(undefined), error: z.string().max(500).optional().catch(undefined) });

export interface TenantPrivacyPageProps {
  params: Promise<{ tenantId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** What the intermediate archive means for a category (the flag exists for people only). */
function archiveNote(category: string): "people" | "tickets_orders" | "consent_proofs" | "audit_entries" | "other" {
  if (category === "customer" || category === "prospect") return "people";
  if (category === "tickets_orders" || category === "consent_proofs" || category === "audit_entries") return category;
  return "other";
}

export async function TenantPrivacyPage({ params, searchParams }: TenantPrivacyPageProps) {
  const { tenantId } = await params;
  const context = await requirePlatformPermission("platform.privacy.manage", `/admin/privacy/${tenantId}`);
  const tenant = await resolveTenant(getDb(), tenantId);
  // A destroyed tenant has no data (nor audit chain) left: only its offboarding record remains.
  if (tenant.status === "closed") redirect(`/admin/privacy/${tenant.id}/offboarding`);
  const search = ZSearch.parse(await searchParams);
  const [view, t, format] = await Promise.all([loadTenantPrivacy(getDb(), context, tenant.id), getTranslations("privacy"), getFormatter()]);
  const base = `/admin/privacy/${tenant.id}`;
  const hidden = <input type="hidden" name="tenantId" value={tenant.id} />;

  return (
    <>
      <PageHeader
        eyebrow={t("home.title")}
        title={tenant.name}
        description={t("tenant.description")}
        actions={
          <Link href={`${base}/offboarding`} className="font-medium text-indigo-800 underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-indigo-600">
            {t("offboarding.link")}
          </Link>
        }
      />
      <Notice done={search.done ? t(`done.${search.done}` as "done.planned") : null} error={search.error} />

      <Card title={t("purges.title")} id="purges" className="mb-6">
        <div className="mb-4 flex flex-wrap items-end gap-4">
          <form action={setPurgeModeAction} className="flex items-end gap-2">
            {hidden}
            <SelectField
              id="purge-mode"
              name="mode"
              label={t("purges.mode")}
              defaultValue={view.mode}
              options={[
                { value: "approval", label: t("purges.modes.approval") },
                { value: "automatic", label: t("purges.modes.automatic") },
              ]}
            />
            <Button type="submit" variant="secondary">{t("purges.saveMode")}</Button>
          </form>
          <form action={planPurgesAction}>
            {hidden}
            <Button type="submit">{t("purges.planNow")}</Button>
          </form>
          <p className="text-sm text-slate-600">{t("purges.holds", { count: view.holds })}</p>
        </div>
        {view.runs.length === 0 ? (
          <EmptyState title={t("purges.emptyTitle")} description={t("purges.emptyBody")} />
        ) : (
          <DataTable
            caption={t("purges.title")}
            hideCaption
            tableClassName="min-w-[36rem]"
            rows={view.runs}
            rowKey={(run) => run.id}
            columns={[
              {
                header: t("purges.category"),
                cell: (run) => (
                  <Link href={`${base}/purges/${run.id}`} className="text-indigo-800 underline-offset-2 hover:underline">
                    {t(`categories.${run.category}` as "categories.customer")}
                  </Link>
                ),
              },
              { header: t("purges.status"), cell: (run) => t(`runStatus.${run.status}`) },
              { header: t("purges.due"), cell: (run) => (run.preview as { due?: number }).due ?? 0 },
              { header: t("purges.created"), cell: (run) => format.dateTime(run.createdAt, { dateStyle: "medium", timeStyle: "short" }) },
            ]}
          />
        )}
      </Card>

      <Card title={t("requests.title")} id="requests" className="mb-6">
        {view.requests.length === 0 ? (
          <p className="mb-4 text-sm text-slate-600">{t("requests.empty")}</p>
        ) : (
          <div className="mb-4">
            <DataTable
              caption={t("requests.title")}
              hideCaption
              tableClassName="min-w-[36rem]"
              rows={view.requests}
              rowKey={(r) => r.id}
              columns={[
                {
                  header: t("requests.kind"),
                  cell: (r) => (
                    <Link href={`${base}/requests/${r.id}`} className="text-indigo-800 underline-offset-2 hover:underline">
                      {t(`kinds.${r.kind}`)}
                    </Link>
                  ),
                },
                { header: t("requests.status"), cell: (r) => t(`requestStatus.${r.status}`) },
                { header: t("requests.received"), cell: (r) => format.dateTime(r.receivedAt, { dateStyle: "medium" }) },
                { header: t("requests.due"), cell: (r) => (r.paused ? t("requests.paused") : r.dueAt ? format.dateTime(r.dueAt, { dateStyle: "medium" }) : "—") },
              ]}
            />
          </div>
        )}
        <form action={createRequestAction} className="grid gap-3 sm:grid-cols-2">
          {hidden}
          <h3 className="font-semibold text-slate-900 sm:col-span-2">{t("requests.newTitle")}</h3>
          <SelectField id="request-kind" name="kind" label={t("requests.kind")} options={REQUEST_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} />
          <Field id="request-email" name="email" type="email" required autoComplete="off" label={t("requests.email")} />
          <Field id="request-details" name="details" label={t("requests.details")} optionalLabel={t("optional")} className="sm:col-span-2" />
          <label className="flex items-center gap-2 text-sm text-slate-900 sm:col-span-2">
            <input type="checkbox" name="identityVerified" defaultChecked className="size-5" />
            {t("requests.identityVerified")}
          </label>
          <div className="sm:col-span-2">
            <Button type="submit">{t("requests.create")}</Button>
          </div>
        </form>
      </Card>

      <Card title={t("retention.title")} id="retention" padding="none" className="mb-6">
        <p className="px-4 pb-3 text-sm text-slate-700" data-testid="retention-engine-note">
          {t("retention.engineNote", { engine: view.rules.filter((r) => r.enforcement === "engine").length, total: view.rules.length })}{" "}
          {t(`enforcement.${view.mode}`)}
        </p>
        <DataTable
          caption={t("retention.title")}
          hideCaption
          tableClassName="min-w-[56rem]"
          rows={view.rules}
          rowKey={(rule) => rule.category}
          columns={[
            { header: t("retention.category"), cell: (rule) => t(`categories.${rule.category}` as "categories.customer") },
            { header: t("retention.startEvent"), cell: (rule) => t(`startEvents.${rule.category}` as "startEvents.customer") },
            {
              header: t("retention.active"),
              cell: (rule) => (
                <>
                  {t("retention.months", { count: rule.activeMonths })}
                  {rule.overridden ? <span className="ml-1 text-xs font-semibold text-amber-800">{t("retention.overridden")}</span> : null}
                </>
              ),
            },
            {
              header: t("retention.archive"),
              className: "max-w-xs",
              cell: (rule) => (
                <>
                  {rule.archiveMonths > 0 ? t("retention.months", { count: rule.archiveMonths }) : t("archiveNote.none")}
                  {rule.archiveMonths > 0 ? <p className="mt-1 text-xs text-slate-600">{t(`archiveNote.${archiveNote(rule.category)}`)}</p> : null}
                </>
              ),
            },
            { header: t("retention.endAction"), cell: (rule) => t(`endActions.${rule.endAction}`) },
            {
              header: t("retention.legalBasis"),
              className: "max-w-md",
              cell: (rule) => (
                <>
                  {rule.legalBasis}
                  {rule.overrideReason ? <p className="mt-1 text-xs text-amber-900">{t("retention.reason")} : {rule.overrideReason}</p> : null}
                </>
              ),
            },
            {
              header: t("retention.enforcement"),
              cell: (rule) => (
                <span className={rule.enforcement === "engine" ? "font-medium text-emerald-800" : "font-medium text-amber-800"}>
                  {t(`enforcement.${rule.enforcement}`)}
                </span>
              ),
            },
          ]}
        />
        <form action={setRetentionOverrideAction} className="grid gap-3 border-t border-slate-200 p-4 sm:grid-cols-4">
          {hidden}
          <h3 className="font-semibold text-slate-900 sm:col-span-4">{t("retention.overrideTitle")}</h3>
          <SelectField id="override-category" name="category" label={t("retention.category")} options={view.rules.map((r) => ({ value: r.category, label: t(`categories.${r.category}` as "categories.customer") }))} />
          <Field id="override-active" name="activeMonths" type="number" min={0} max={600} required label={t("retention.activeMonths")} />
          <Field id="override-archive" name="archiveMonths" type="number" min={0} max={600} required defaultValue={0} label={t("retention.archiveMonths")} />
          <Field id="override-reason" name="reason" label={t("retention.reason")} hint={t("retention.reasonHint")} optionalLabel={t("optional")} />
          <div className="sm:col-span-4">
            <Button type="submit" variant="secondary">{t("retention.saveOverride")}</Button>
          </div>
        </form>
      </Card>
    </>
  );
}

export async function tenantPrivacyMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("privacy"))("home.title") };
}
