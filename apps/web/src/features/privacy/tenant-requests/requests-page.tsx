// Settings → Data-subject requests, for the tenant's owners and admins: every request about the
// tenant's spectators (its own intake, the DPO's, the public form's) with both deadlines, the
// intake form for a request the staff received, and where forwarded requests are e-mailed.
import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { z } from "zod";
import { withTenant } from "@rappel/db";
import { listRequests, RECEIVED_VIA, REQUEST_KINDS } from "@rappel/privacy";
import { Button, Card, DataTable, EmptyState, Field, PageHeader, SelectField } from "@rappel/ui";
import { getDb } from "@/server/db";
import { requireTenantPermission } from "@/server/guard";
import type { TenantPageProps } from "../../areas/area-page";
import { SettingsTabs } from "../../settings/components/settings-tabs";
import { Notice } from "../components/notice";
import { createTenantRequestAction, setPrivacyContactAction } from "./actions";

const PERMISSION = "settings.privacy-requests.manage" as const;
const FIELDS = ["kind", "email", "name", "receivedVia", "details", "contactEmail"] as const;
const ZSearch = z.object({
  invalid: z.string().max(200).optional().catch(undefined),
  done: z.enum(["contact"]).optional().catch(undefined),
  email: z.string().max(320).optional().catch(undefined),
});


export async function TenantRequestsPage({ params, searchParams }: TenantPageProps & { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { tenantSlug } = await params;
  const { user, tenant } = await requireTenantPermission(tenantSlug, PERMISSION, `/t/${tenantSlug}/settings/privacy-requests`);
  const search = ZSearch.parse(await searchParams);
  const [{ requests, contact }, t, tp, format] = await Promise.all([
    withTenant(
      getDb(),
      tenant.tenantId,
      async (tx) => ({
        requests: await listRequests(tx, tenant.tenantId),
        contact: (await tx.privacySetting.findUnique({ where: { tenantId: tenant.tenantId } }))?.privacyContactEmail ?? null,
      }),
      { userId: user.id },
    ),
    getTranslations("privacy.tenantRequests"),
    getTranslations("privacy"),
    getFormatter(),
  ]);
  const invalid = new Set((search.invalid ?? "").split(",").filter((f) => (FIELDS as readonly string[]).includes(f)));
  const error = (field: (typeof FIELDS)[number]) => (invalid.has(field) ? t(`errors.${field}`) : null);
  const day = (d: Date | null | undefined) => (d ? format.dateTime(d, { dateStyle: "medium" }) : "—");
  return (
    <>
      <PageHeader eyebrow={tenant.name} title={t("title")} description={t("description")} />
      <SettingsTabs slug={tenant.slug} role={tenant.role} current="privacy-requests" />
      <Notice done={search.done ? t("done.contact") : null} error={invalid.size > 0 ? t("errors.summary") : null} />

      {requests.length === 0 ? (
        <div className="mb-6">
          <EmptyState title={t("empty")} description={t("emptyBody")} />
        </div>
      ) : (
        <Card padding="none" className="mb-6">
          <DataTable
            caption={t("title")}
            hideCaption
            tableClassName="min-w-[44rem]"
            testId="tenant-requests"
            rows={requests}
            rowKey={(r) => r.id}
            columns={[
              {
                header: tp("requests.kind"),
                cell: (r) => (
                  <>
                    <Link href={`/t/${tenant.slug}/settings/privacy-requests/${r.id}`} className="text-indigo-800 underline-offset-2 hover:underline">
                      {tp(`kinds.${r.kind}`)}
                    </Link>
                    <span className="block font-normal text-slate-600">{tp(`channels.${r.channel}` as "channels.staff")}</span>
                  </>
                ),
              },
              { header: tp("requests.status"), cell: (r) => tp(`requestStatus.${r.status}`) },
              { header: tp("requests.received"), cell: (r) => day(r.receivedAt) },
              // Received by Rappel: its clock and the organisation's own from the forward; received here: only the organisation's.
              { header: tp("forward.vendorDue"), cell: (r) => (r.forward ? (r.paused ? tp("requests.paused") : day(r.dueAt)) : "—") },
              {
                header: tp("forward.clientDue"),
                cell: (r) =>
                  r.forward
                    ? r.forward.clientDueAt
                      ? day(r.forward.clientDueAt)
                      : tp(`forward.status.${r.forward.status}` as "forward.status.sent")
                    : r.paused
                      ? tp("requests.paused")
                      : day(r.dueAt),
              },
            ]}
          />
        </Card>
      )}

      <Card title={t("newTitle")} id="new-request" className="mb-6">
        <form action={createTenantRequestAction} noValidate>
          <input type="hidden" name="tenantSlug" value={tenant.slug} />
          <fieldset className="grid gap-4 sm:grid-cols-2">
            <legend className="mb-2 text-sm text-slate-700">{t("newHint")}</legend>
            <SelectField id="intake-kind" name="kind" label={tp("requests.kind")} options={REQUEST_KINDS.map((k) => ({ value: k, label: tp(`kinds.${k}`) }))} />
            <SelectField id="intake-via" name="receivedVia" label={t("receivedVia")} options={RECEIVED_VIA.map((v) => ({ value: v, label: t(`via.${v}`) }))} />
            <Field id="intake-email" name="email" type="email" required autoComplete="off" label={tp("requests.email")} defaultValue={search.email ?? ""} error={error("email")} />
            <Field id="intake-name" name="name" autoComplete="off" label={tp("requests.name")} optionalLabel={tp("optional")} error={error("name")} />
            <div className="flex flex-col gap-1 sm:col-span-2">
              <label htmlFor="intake-details" className="text-sm font-medium text-slate-900">
                {tp("requests.details")} <span className="font-normal text-slate-600">({tp("optional")})</span>
              </label>
              <textarea
                id="intake-details"
                name="details"
                rows={3}
                maxLength={5000}
                aria-describedby={error("details") ? "intake-details-error" : undefined}
                className="rounded-md border border-slate-400 px-3 py-2 text-base text-slate-900"
              />
              {error("details") ? <p id="intake-details-error" className="text-sm font-medium text-red-700">{error("details")}</p> : null}
            </div>
            <p className="text-sm text-slate-600 sm:col-span-2">{t("identityNote")}</p>
            <div className="sm:col-span-2">
              <Button type="submit">{tp("requests.create")}</Button>
            </div>
          </fieldset>
        </form>
      </Card>

      <Card title={t("contactTitle")} id="contact">
        <form action={setPrivacyContactAction} className="grid max-w-xl gap-3" noValidate>
          <input type="hidden" name="tenantSlug" value={tenant.slug} />
          <Field id="contact-email" name="contactEmail" type="email" autoComplete="email" label={t("contactEmail")} hint={t("contactHint")} defaultValue={contact ?? ""} error={error("contactEmail")} />
          <div>
            <Button type="submit" variant="secondary">{t("contactSave")}</Button>
          </div>
        </form>
      </Card>
    </>
  );
}

export async function tenantRequestsMetadata(): Promise<Metadata> {
  const t = await getTranslations("privacy.tenantRequests");
  return { title: t("title") };
}
