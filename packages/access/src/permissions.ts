// The permission matrix: which tenant role may do what, and what the platform roles may do.
// Every page, server action and API route checks one of these permissions on the server.
// Documented in docs/permissions.md (kept in step by permissions.test.ts).

export const TENANT_ROLES = ["owner", "admin", "analyst", "marketer", "survey_manager", "viewer"] as const;
export type TenantRole = (typeof TENANT_ROLES)[number];

export const PLATFORM_ROLES = ["superadmin", "dpo"] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];

export const TENANT_PERMISSIONS = [
  "ignition.dashboards.view", // aggregates: KPIs, curves, maps
  "reports.export", // export aggregate tables and charts
  "data.imports.manage", // upload ticketing files, mappings
  "spectators.read", // open an individual spectator's record (personal data)
  "spectators.export", // export personal data
  "satisfaction.results.view",
  "satisfaction.surveys.manage",
  "activation.reports.view",
  "activation.segments.manage",
  "activation.campaigns.manage",
  "activation.campaigns.send",
  "settings.members.manage",
  "settings.tenant.manage",
  "settings.api-keys.manage",
  "settings.privacy-requests.manage", // the tenant's data-subject requests: list, intake, follow-up
] as const;
export type TenantPermission = (typeof TENANT_PERMISSIONS)[number];

export const PLATFORM_PERMISSIONS = [
  "platform.admin.access",
  "platform.tenants.manage",
  "platform.users.manage",
  "platform.queues.view",
  "platform.privacy.manage", // registers, retention, purges, requests, breaches
  "platform.audit.view",
  "platform.offboarding.manage", // end-of-contract export, destruction and attestation
] as const;
export type PlatformPermission = (typeof PLATFORM_PERMISSIONS)[number];

const VIEW_AGGREGATES: TenantPermission[] = [
  "ignition.dashboards.view",
  "satisfaction.results.view",
  "activation.reports.view",
];

export const TENANT_ROLE_PERMISSIONS: Record<TenantRole, ReadonlySet<TenantPermission>> = {
  owner: new Set(TENANT_PERMISSIONS),
  admin: new Set(TENANT_PERMISSIONS.filter((p) => p !== "settings.tenant.manage")),
  analyst: new Set([...VIEW_AGGREGATES, "reports.export"]),
  marketer: new Set([
    ...VIEW_AGGREGATES,
    "spectators.read",
    "activation.segments.manage",
    "activation.campaigns.manage",
    "activation.campaigns.send",
  ]),
  survey_manager: new Set(["ignition.dashboards.view", "satisfaction.results.view", "satisfaction.surveys.manage"]),
  viewer: new Set(VIEW_AGGREGATES),
};

export const PLATFORM_ROLE_PERMISSIONS: Record<PlatformRole, ReadonlySet<PlatformPermission>> = {
  superadmin: new Set(["platform.admin.access", "platform.tenants.manage", "platform.users.manage", "platform.queues.view", "platform.audit.view", "platform.offboarding.manage"]),
  dpo: new Set(["platform.admin.access", "platform.privacy.manage", "platform.audit.view", "platform.offboarding.manage"]),
};

export function tenantRoleCan(role: TenantRole, permission: TenantPermission): boolean {
  return TENANT_ROLE_PERMISSIONS[role].has(permission);
}

export function platformRoleCan(role: PlatformRole | null | undefined, permission: PlatformPermission): boolean {
  return role ? PLATFORM_ROLE_PERMISSIONS[role].has(permission) : false;
}

/** Platform roles must sign in with a TOTP second factor. */
export function requiresSecondFactor(platformRole: PlatformRole | null | undefined): boolean {
  return platformRole != null;
}
