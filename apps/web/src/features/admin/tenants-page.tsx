import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card, DataTable, EmptyState, PageHeader } from "@rappel/ui";
import { requirePlatformPermission } from "@/server/guard";
import { listTenants } from "./lib/list-tenants";

const KNOWN_KINDS = ["theatre", "concert_hall", "festival", "producer", "ticketing_office"];

export async function TenantsPage() {
  await requirePlatformPermission("platform.admin.access", "/admin");
  const [tenants, t, tk, ts, format] = await Promise.all([
    listTenants(),
    getTranslations("admin.tenants"),
    getTranslations("tenantKinds"),
    getTranslations("tenantStatus"),
    getFormatter(),
  ]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {tenants.length === 0 ? (
        <EmptyState title={t("emptyTitle")} description={t("emptyBody")} />
      ) : (
        <Card padding="none">
          <DataTable
            caption={t("caption")}
            hideCaption
            density="comfortable"
            tableClassName="min-w-[40rem]"
            rows={tenants}
            rowKey={(tenant) => tenant.id}
            columns={[
              { header: t("name"), cell: (tenant) => tenant.name },
              { header: t("slug"), className: "font-mono", cell: (tenant) => tenant.slug },
              { header: t("kind"), cell: (tenant) => (KNOWN_KINDS.includes(tenant.kind) ? tk(tenant.kind) : tenant.kind) },
              { header: t("status"), cell: (tenant) => ts(tenant.status) },
              { header: t("created"), cell: (tenant) => format.dateTime(tenant.createdAt, { dateStyle: "medium" }) },
            ]}
          />
        </Card>
      )}
    </>
  );
}

export async function tenantsMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.tenants"))("title") };
}
