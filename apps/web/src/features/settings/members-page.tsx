import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card, EmptyState, PageHeader } from "@rappel/ui";
import { requireTenantPermission } from "@/server/guard";
import type { TenantPageProps } from "../areas/area-page";
import { SettingsTabs } from "./components/settings-tabs";
import { listMembers } from "./lib/list-members";

const PERMISSION = "settings.members.manage" as const;

/** /t/[slug]/settings: the members page is the settings home for now. */
export async function SettingsIndexPage({ params }: TenantPageProps) {
  const { tenantSlug } = await params;
  const { tenant } = await requireTenantPermission(tenantSlug, PERMISSION, `/t/${tenantSlug}/settings`);
  redirect(`/t/${tenant.slug}/settings/members`);
}

export async function MembersPage({ params }: TenantPageProps) {
  const { tenantSlug } = await params;
  const { user, tenant } = await requireTenantPermission(tenantSlug, PERMISSION, `/t/${tenantSlug}/settings/members`);
  const [members, t, tr, format] = await Promise.all([
    listMembers(tenant.tenantId, user.id),
    getTranslations("members"),
    getTranslations("roles"),
    getFormatter(),
  ]);
  return (
    <>
      <PageHeader eyebrow={tenant.name} title={t("title")} description={t("description", { tenant: tenant.name })} />
      <SettingsTabs slug={tenant.slug} role={tenant.role} current="members" />
      {members.length === 0 ? (
        <EmptyState title={t("emptyTitle")} description={t("emptyBody")} />
      ) : (
        <Card padding="none" className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t("caption", { tenant: tenant.name })}</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-3 font-semibold">{t("name")}</th>
                {/* On a phone the e-mail goes under the name and the date is left out. */}
                <th scope="col" className="hidden px-4 py-3 font-semibold sm:table-cell">{t("email")}</th>
                <th scope="col" className="px-4 py-3 font-semibold">{t("role")}</th>
                <th scope="col" className="hidden px-4 py-3 font-semibold md:table-cell">{t("since")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {members.map((m) => (
                <tr key={m.userId}>
                  <th scope="row" className="px-4 py-3 font-medium text-slate-900">
                    {m.name}
                    <span className="block font-normal break-all text-slate-700 sm:hidden">{m.email}</span>
                  </th>
                  <td className="hidden px-4 py-3 text-slate-700 sm:table-cell">{m.email}</td>
                  <td className="px-4 py-3 text-slate-700">{tr(m.role)}</td>
                  <td className="hidden px-4 py-3 text-slate-700 md:table-cell">{format.dateTime(m.since, { dateStyle: "medium" })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
    </>
  );
}

export async function membersMetadata(): Promise<Metadata> {
  const t = await getTranslations("members");
  return { title: t("title") };
}
