import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card, DataTable, EmptyState, PageHeader } from "@rappel/ui";
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
        <Card padding="none">
          <DataTable
            caption={t("caption", { tenant: tenant.name })}
            hideCaption
            density="comfortable"
            rows={members}
            rowKey={(m) => m.userId}
            columns={[
              {
                header: t("name"),
                cell: (m) => (
                  <>
                    {m.name}
                    {/* On a phone the e-mail goes under the name and the date is left out. */}
                    <span className="block font-normal break-all text-slate-700 md:hidden">{m.email}</span>
                  </>
                ),
              },
              { header: t("email"), wide: true, cell: (m) => m.email },
              { header: t("role"), cell: (m) => tr(m.role) },
              { header: t("since"), wide: true, cell: (m) => format.dateTime(m.since, { dateStyle: "medium" }) },
            ]}
          />
        </Card>
      )}
    </>
  );
}

export async function membersMetadata(): Promise<Metadata> {
  const t = await getTranslations("members");
  return { title: t("title") };
}
