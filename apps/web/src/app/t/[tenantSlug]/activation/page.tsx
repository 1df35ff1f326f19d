import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ActivationOverviewPage } from "@/features/activation/overview-page";

export default ActivationOverviewPage;
export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("activation"))("title") };
}
