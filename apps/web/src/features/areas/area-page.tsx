// Shared pieces of the tenant areas' pages: their props and their page title.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import type { TenantAreaId } from "@rappel/access";

export interface TenantPageProps {
  params: Promise<{ tenantSlug: string }>;
}

export function areaMetadata(area: TenantAreaId) {
  return async function generateMetadata(): Promise<Metadata> {
    const t = await getTranslations(`areas.${area}`);
    return { title: t("title") };
  };
}
