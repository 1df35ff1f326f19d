import { getTranslations } from "next-intl/server";
import { LinkTabs } from "@rappel/ui";

export async function SatisfactionNav({ tenantSlug, current }: { tenantSlug: string; current: "overview" | "compare" | "surveys" | "verbatims" }) {
  const t = await getTranslations("satisfaction.nav");
  const base = `/t/${tenantSlug}/satisfaction`;
  return (
    <LinkTabs
      label={t("overview")}
      tabs={[
        { href: base, label: t("overview"), current: current === "overview" },
        { href: `${base}/compare`, label: t("compare"), current: current === "compare" },
        { href: `${base}/verbatims`, label: t("verbatims"), current: current === "verbatims" },
        { href: `${base}/surveys`, label: t("surveys"), current: current === "surveys" },
      ]}
    />
  );
}
