// The DPO console's sections as link tabs.
import { getTranslations } from "next-intl/server";
import { LinkTabs } from "@rappel/ui";

export type DpoSection = "registers" | "breaches" | "subprocessors" | "dpias" | "vendor";
const SECTIONS: DpoSection[] = ["registers", "breaches", "subprocessors", "dpias", "vendor"];

export async function DpoTabs({ current }: { current: DpoSection }) {
  const t = await getTranslations("dpo.tabs");
  return (
    <LinkTabs
      label={t("label")}
      className="mb-6"
      tabs={SECTIONS.map((s) => ({ href: `/admin/dpo/${s}`, label: t(s), current: s === current }))}
    />
  );
}
