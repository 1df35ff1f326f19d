// The tenant's venues (data.imports.manage): capacity and place, with what is missing shown, and
// a link to each one's edit screen.
import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { withTenant } from "@rappel/db";
import { listVenues } from "@rappel/ignition-import";
import { Card, EmptyState, PageHeader } from "@rappel/ui";
import { getDb } from "@/server/db";
import { requireTenantPermission } from "@/server/guard";
import { DATA_PERMISSION, type SearchParamsProps } from "./lib/page-props";

export async function VenuesPage({ params }: SearchParamsProps) {
  const { tenantSlug } = await params;
  const { user, tenant } = await requireTenantPermission(tenantSlug, DATA_PERMISSION, `/t/${tenantSlug}/data/venues`);
  const [t, format] = await Promise.all([getTranslations("imports.venues"), getFormatter()]);
  const venues = await withTenant(getDb(), tenant.tenantId, (tx) => listVenues(tx, tenant.tenantId), { userId: user.id });
  const missing = "font-medium text-amber-900";
  return (
    <>
      <PageHeader eyebrow={tenant.name} title={t("title")} description={t("description")} />
      {venues.length === 0 ? (
        <EmptyState title={t("emptyTitle")} description={t("emptyBody")} />
      ) : (
        <Card padding="none" className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t("caption", { tenant: tenant.name })}</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-3 font-semibold">{t("venue")}</th>
                <th scope="col" className="px-4 py-3 font-semibold">{t("capacity")}</th>
                <th scope="col" className="px-4 py-3 font-semibold">{t("place")}</th>
                <th scope="col" className="px-4 py-3 font-semibold whitespace-nowrap">{t("performances")}</th>
                <th scope="col" className="px-4 py-3 font-semibold"><span className="sr-only">{t("actions")}</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {venues.map((v) => (
                <tr key={v.id}>
                  <th scope="row" className="px-4 py-3 font-semibold text-slate-900">{v.name}</th>
                  <td className="px-4 py-3 tabular-nums">{v.capacity > 0 ? format.number(v.capacity) : <span className={missing}>{t("unknownCapacity")}</span>}</td>
                  <td className="px-4 py-3">
                    {v.latitude !== null ? [v.postalCode, v.city].filter(Boolean).join(" ") || t("coordinatesOnly") : <span className={missing}>{t("unknownPlace")}</span>}
                  </td>
                  <td className="px-4 py-3 tabular-nums">{format.number(v.performances)}</td>
                  <td className="px-4 py-3">
                    <a
                      href={`/t/${tenant.slug}/data/venues/${v.id}`}
                      className="text-indigo-800 underline underline-offset-2 hover:text-indigo-950 focus-visible:outline-2 focus-visible:outline-indigo-600"
                      aria-label={t("editLabel", { name: v.name })}
                    >
                      {t("edit")}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
    </>
  );
}

export async function venuesMetadata(): Promise<Metadata> {
  const t = await getTranslations("imports.venues");
  return { title: t("title") };
}
