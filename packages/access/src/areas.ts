// The staff UI's areas and the permission that opens each (navigation hides what a role may
// not open; the page itself checks again on the server).
import type { PlatformPermission, TenantPermission } from "./permissions";

export const TENANT_AREAS = [
  { id: "ignition", permission: "ignition.dashboards.view" },
  { id: "satisfaction", permission: "satisfaction.results.view" },
  { id: "activation", permission: "activation.reports.view" },
  { id: "data", permission: "data.imports.manage" },
  { id: "settings", permission: "settings.members.manage" },
] as const satisfies ReadonlyArray<{ id: string; permission: TenantPermission }>;
export type TenantAreaId = (typeof TENANT_AREAS)[number]["id"];

export const ADMIN_AREA = { id: "admin", permission: "platform.admin.access" } as const satisfies {
  id: string;
  permission: PlatformPermission;
};
