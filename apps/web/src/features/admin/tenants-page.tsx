import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card, EmptyState, PageHeader } from "@rappel/ui";
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
        <Card padding="none" className="overflow-x-auto">
          <table className="w-full min-w-[40rem] text-left text-sm">
            <caption className="sr-only">{t("caption")}</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-3 font-semibold">{t("name")}</th>
                <th scope="col" className="px-4 py-3 font-semibold">{t("slug")}</th>
                <th scope="col" className="px-4 py-3 font-semibold">{t("kind")}</th>
                <th scope="col" className="px-4 py-3 font-semibold">{t("status")}</th>
                <th scope="col" className="px-4 py-3 font-semibold">{t("created")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {tenants.map((tenant) => (
                <tr key={tenant.id}>
                  <th scope="row" className="px-4 py-3 font-medium text-slate-900">{tenant.name}</th>
                  <td className="px-4 py-3 font-mono text-slate-700">{tenant.slug}</td>
                  <td className="px-4 py-3 text-slate-700">{KNOWN_KINDS.includes(tenant.kind) ? tk(tenant.kind) : tenant.kind}</td>
                  <td className="px-4 py-3 text-slate-700">{ts(tenant.status)}</td>
                  <td className="px-4 py-3 text-slate-700">{format.dateTime(tenant.createdAt, { dateStyle: "medium" })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
    </>
  );
}

export async function tenantsMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.tenants"))("title") };
}
