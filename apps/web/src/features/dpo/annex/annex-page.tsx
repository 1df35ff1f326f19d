// For a tenant's owners: the entry Rappel keeps for them in its processor register (ST), as an
// annex for their own register. Read in the tenant's own scope (RLS), never another tenant's.
import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card, EmptyState, PageHeader, buttonClasses } from "@rappel/ui";
import { readOwnProcessorRecord } from "@rappel/dpo-records";
import { getDb } from "@/server/db";
import { requireTenantPermission } from "@/server/guard";
import type { TenantPageProps } from "../../areas/area-page";
import { SettingsTabs } from "../../settings/components/settings-tabs";

export const ANNEX_PERMISSION = "settings.tenant.manage" as const;

export async function AnnexPage({ params }: TenantPageProps) {
  const { tenantSlug } = await params;
  const { user, tenant } = await requireTenantPermission(tenantSlug, ANNEX_PERMISSION, `/t/${tenantSlug}/settings/dpo-annex`);
  const [record, t, format] = await Promise.all([readOwnProcessorRecord(getDb(), tenant.tenantId, user.id), getTranslations("dpo.annex"), getFormatter()]);
  return (
    <>
      <PageHeader eyebrow={tenant.name} title={t("title")} description={t("description")} />
      <SettingsTabs slug={tenant.slug} role={tenant.role} current="dpo-annex" />
      {!record ? (
        <EmptyState title={t("emptyTitle")} description={t("emptyBody")} />
      ) : (
        <Card className="flex flex-wrap items-center justify-between gap-4">
          <p className="text-sm text-slate-700">{t("updated", { version: record.version, updated: format.dateTime(record.updatedAt, { dateStyle: "medium" }) })}</p>
          <div className="flex gap-2">
            <a href={`/t/${tenant.slug}/settings/dpo-annex/pdf`} download className={buttonClasses("primary")}>{t("download")} (PDF)</a>
            <a href={`/t/${tenant.slug}/settings/dpo-annex/xlsx`} download className={buttonClasses("secondary")}>XLSX</a>
          </div>
        </Card>
      )}
    </>
  );
}

export async function annexMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dpo.annex"))("title") };
}
