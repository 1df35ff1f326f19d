// The first-use state: the tenant has no ticketing data yet (the friendly empty state of the area).
import { getTranslations } from "next-intl/server";
import { EmptyState, PageHeader } from "@rappel/ui";
import { AREA_ICONS } from "@/features/areas/area-icons";

export async function NoTicketingData({ tenantName }: { tenantName: string }) {
  const t = await getTranslations("areas.ignition");
  return (
    <>
      <PageHeader eyebrow={tenantName} title={t("title")} description={t("description")} />
      <EmptyState icon={AREA_ICONS.ignition} title={t("emptyTitle")} description={t("emptyBody")} />
    </>
  );
}
