// The product areas' pages. Each checks its area's permission on the server; product issues
// replace the empty state with the real screens.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TENANT_AREAS, type TenantAreaId } from "@rappel/access";
import { EmptyState, PageHeader } from "@rappel/ui";
import { requireTenantPermission } from "@/server/guard";
import { AREA_ICONS } from "./area-icons";

export interface TenantPageProps {
  params: Promise<{ tenantSlug: string }>;
}

type ProductArea = Exclude<TenantAreaId, "settings">;

function areaPermission(area: TenantAreaId) {
  const found = TENANT_AREAS.find((a) => a.id === area);
  if (!found) throw new Error(`unknown area ${area}`);
  return found.permission;
}

export function createAreaPage(area: ProductArea) {
  const permission = areaPermission(area);
  return async function AreaPage({ params }: TenantPageProps) {
    const { tenantSlug } = await params;
    const { tenant } = await requireTenantPermission(tenantSlug, permission, `/t/${tenantSlug}/${area}`);
    const t = await getTranslations(`areas.${area}`);
    return (
      <>
        <PageHeader eyebrow={tenant.name} title={t("title")} description={t("description")} />
        <EmptyState icon={AREA_ICONS[area]} title={t("emptyTitle")} description={t("emptyBody")} />
      </>
    );
  };
}

export function areaMetadata(area: TenantAreaId) {
  return async function generateMetadata(): Promise<Metadata> {
    const t = await getTranslations(`areas.${area}`);
    return { title: t("title") };
  };
}
