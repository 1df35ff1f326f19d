// Renders the permission matrix as a Markdown table, for docs/permissions.md.
import {
  PLATFORM_PERMISSIONS,
  PLATFORM_ROLES,
  PLATFORM_ROLE_PERMISSIONS,
  TENANT_PERMISSIONS,
  TENANT_ROLES,
  TENANT_ROLE_PERMISSIONS,
} from "./permissions";

function table(roles: readonly string[], permissions: readonly string[], has: (r: string, p: string) => boolean): string {
  const head = `| permission | ${roles.join(" | ")} |`;
  const rule = `|---|${roles.map(() => "---").join("|")}|`;
  const rows = permissions.map((p) => `| \`${p}\` | ${roles.map((r) => (has(r, p) ? "✓" : "")).join(" | ")} |`);
  return [head, rule, ...rows].join("\n");
}

export function renderPermissionMatrix(): string {
  return [
    "### Tenant roles",
    "",
    table(TENANT_ROLES, TENANT_PERMISSIONS, (r, p) =>
      TENANT_ROLE_PERMISSIONS[r as keyof typeof TENANT_ROLE_PERMISSIONS].has(p as never),
    ),
    "",
    "### Platform roles (TOTP second factor required)",
    "",
    table(PLATFORM_ROLES, PLATFORM_PERMISSIONS, (r, p) =>
      PLATFORM_ROLE_PERMISSIONS[r as keyof typeof PLATFORM_ROLE_PERMISSIONS].has(p as never),
    ),
  ].join("\n");
}
