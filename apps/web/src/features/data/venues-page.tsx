// The tenant's venues (data.imports.manage): capacity and place, with what is missing shown, and
// a link to each one's edit screen.
import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { withTenant } from "@rappel/db";
import { listVenues } from "@rappel/ignition-import";
import { Card, DataTable, EmptyState, PageHeader } from "@rappel/ui";
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
        <Card padding="none">
          <DataTable
            caption={t("caption", { tenant: tenant.name })}
            hideCaption
            density="comfortable"
            rows={venues}
            rowKey={(v) => v.id}
            columns={[
              { header: t("venue"), cell: (v) => v.name },
              {
                header: t("capacity"),
                numeric: true,
                cell: (v) => (v.capacity > 0 ? format.number(v.capacity) : <span className={missing}>{t("unknownCapacity")}</span>),
              },
              {
                header: t("place"),
                cell: (v) => (v.latitude !== null ? [v.postalCode, v.city].filter(Boolean).join(" ") || t("coordinatesOnly") : <span className={missing}>{t("unknownPlace")}</span>),
              },
              { header: t("performances"), numeric: true, className: "whitespace-nowrap", cell: (v) => format.number(v.performances) },
              {
                header: <span className="sr-only">{t("actions")}</span>,
                cell: (v) => (
                  <a
                    href={`/t/${tenant.slug}/data/venues/${v.id}`}
                    className="text-indigo-800 underline underline-offset-2 hover:text-indigo-950 focus-visible:outline-2 focus-visible:outline-indigo-600"
                    aria-label={t("editLabel", { name: v.name })}
                  >
                    {t("edit")}
                  </a>
                ),
              },
            ]}
          />
        </Card>
      )}
    </>
  );
}

export async function venuesMetadata(): Promise<Metadata> {
  const t = await getTranslations("imports.venues");
  return { title: t("title") };
}
