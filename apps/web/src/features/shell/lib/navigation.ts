// The navigation model (server side): which links a user sees. It only hides what a role may not open; every
// page checks its permission again on the server.
import { platformRoleCan, type PlatformRole, type TenantRole } from "@rappel/access";
import { allowedAreas } from "@rappel/auth";

export interface NavItem {
  id: string;
  href: string;
  /** A key in the messages (e.g. "areas.ignition.label"). */
  labelKey: string;
}

export function tenantNavigation(slug: string, role: TenantRole): NavItem[] {
  return allowedAreas(role).map((id) => ({ id, href: `/t/${slug}/${id}`, labelKey: `areas.${id}.label` }));
}

export function adminNavigation(platformRole: PlatformRole | null): NavItem[] {
  const items: NavItem[] = [];
  if (platformRoleCan(platformRole, "platform.admin.access")) {
    items.push({ id: "tenants", href: "/admin", labelKey: "admin.tenants.label" });
  }
  if (platformRoleCan(platformRole, "platform.queues.view")) {
    items.push({ id: "queues", href: "/admin/queues", labelKey: "admin.queues.label" });
  }
  if (platformRoleCan(platformRole, "platform.privacy.manage")) {
    items.push({ id: "privacy", href: "/admin/privacy", labelKey: "privacy.nav" });
    items.push({ id: "dpo", href: "/admin/dpo", labelKey: "dpo.nav.label" });
  }
  return items;
}
