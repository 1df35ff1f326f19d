// The settings sub-pages as link tabs; a tab appears only when the role may open its page (the
// page checks again on the server).
import { getTranslations } from "next-intl/server";
import { tenantRoleCan, type TenantRole } from "@rappel/access";
import { LinkTabs, type LinkTab } from "@rappel/ui";

export type SettingsTab = "members" | "api-keys" | "api" | "dpo-annex" | "subprocessors" | "privacy-requests";

export async function SettingsTabs({ slug, role, current }: { slug: string; role: TenantRole; current: SettingsTab }) {
  const t = await getTranslations("apiKeys.tabs");
  const tabs: LinkTab[] = [];
  if (tenantRoleCan(role, "settings.members.manage")) {
    tabs.push({ href: `/t/${slug}/settings/members`, label: t("members"), current: current === "members" });
  }
  if (tenantRoleCan(role, "settings.api-keys.manage")) {
    tabs.push({ href: `/t/${slug}/settings/api-keys`, label: t("apiKeys"), current: current === "api-keys" });
    tabs.push({ href: `/t/${slug}/settings/api`, label: t("api"), current: current === "api" });
  }
  if (tenantRoleCan(role, "settings.privacy-requests.manage")) {
    tabs.push({ href: `/t/${slug}/settings/privacy-requests`, label: (await getTranslations("privacy.tenantRequests"))("tab"), current: current === "privacy-requests" });
  }
  if (tenantRoleCan(role, "settings.tenant.manage")) {
    tabs.push({ href: `/t/${slug}/settings/dpo-annex`, label: (await getTranslations("dpo.annex"))("tab"), current: current === "dpo-annex" });
    tabs.push({ href: `/t/${slug}/settings/subprocessors`, label: (await getTranslations("dpo.subprocessors.tenantPage"))("tab"), current: current === "subprocessors" });
  }
  return <LinkTabs label={t("label")} tabs={tabs} className="mb-6" />;
}
