// Who the signed-in user is and what they may open, decided on the server from the database on
// every request (a session only carries the user id and whether a second factor was checked, so
// a disabled account or a removed membership takes effect at once). Framework-free: the web
// app maps the outcomes to redirects, 404 and 403 pages.
import { z } from "zod";
import { withUser, type Database } from "@rappel/db";
import {
  TENANT_AREAS,
  platformRoleCan,
  requiresSecondFactor,
  tenantRoleCan,
  type PlatformPermission,
  type PlatformRole,
  type TenantAreaId,
  type TenantPermission,
  type TenantRole,
} from "@rappel/access";

/** What the session token carries about the user. */
export const ZSessionClaims = z.object({
  userId: z.uuid(),
  secondFactor: z.boolean().default(false),
});
export type TSessionClaims = z.infer<typeof ZSessionClaims>;

/** Tenant slugs as they may appear in URLs; anything else is not a tenant. */
export const ZTenantSlug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/);

export interface StaffUser {
  id: string;
  email: string;
  name: string;
  locale: string;
  /** The platform role in effect for this session: null unless a second factor was checked. */
  platformRole: PlatformRole | null;
}

export interface TenantMembershipView {
  tenantId: string;
  slug: string;
  name: string;
  kind: string;
  role: TenantRole;
}

/** Loads the session's user; null when the account is gone or disabled. */
export async function loadStaffUser(db: Database, claims: TSessionClaims): Promise<StaffUser | null> {
  const user = await db.user.findUnique({
    where: { id: claims.userId },
    select: { id: true, email: true, name: true, locale: true, platformRole: true, disabledAt: true },
  });
  if (!user || user.disabledAt) return null;
  // A platform role without the second factor at sign-in grants nothing (fail closed).
  const platformRole = requiresSecondFactor(user.platformRole) && !claims.secondFactor ? null : user.platformRole;
  return { id: user.id, email: user.email, name: user.name, locale: user.locale, platformRole };
}

/** The user's memberships in tenants that are still open, in a stable order. */
export async function listTenantMemberships(db: Database, userId: string): Promise<TenantMembershipView[]> {
  // RLS shows a user their own memberships when app.user_id is set and no tenant is chosen.
  const rows = await withUser(db, userId, (tx) =>
    tx.membership.findMany({ where: { userId }, include: { tenant: true } }),
  );
  return rows
    .filter((m) => m.tenant.status !== "closed")
    .map((m) => ({ tenantId: m.tenantId, slug: m.tenant.slug, name: m.tenant.name, kind: m.tenant.kind, role: m.role }))
    .sort((a, b) => a.name.localeCompare(b.name, "fr"));
}

export type TenantAccess =
  | { outcome: "allowed"; membership: TenantMembershipView; memberships: TenantMembershipView[] }
  /** Unknown slug, or not a member: indistinguishable on purpose. */
  | { outcome: "not_found" }
  | { outcome: "forbidden"; membership: TenantMembershipView; memberships: TenantMembershipView[] };

/** Decides whether the user may use `permission` in the tenant named by an (untrusted) URL slug. */
export function decideTenantAccess(
  memberships: TenantMembershipView[],
  slug: string,
  permission: TenantPermission | null,
): TenantAccess {
  if (!ZTenantSlug.safeParse(slug).success) return { outcome: "not_found" };
  const membership = memberships.find((m) => m.slug === slug);
  if (!membership) return { outcome: "not_found" };
  if (permission && !tenantRoleCan(membership.role, permission)) return { outcome: "forbidden", membership, memberships };
  return { outcome: "allowed", membership, memberships };
}

export async function resolveTenantAccess(
  db: Database,
  userId: string,
  slug: string,
  permission: TenantPermission | null,
): Promise<TenantAccess> {
  if (!ZTenantSlug.safeParse(slug).success) return { outcome: "not_found" };
  return decideTenantAccess(await listTenantMemberships(db, userId), slug, permission);
}

export function decidePlatformAccess(user: Pick<StaffUser, "platformRole">, permission: PlatformPermission): boolean {
  return platformRoleCan(user.platformRole, permission);
}

/** The tenant areas a role may open, in navigation order. */
export function allowedAreas(role: TenantRole): TenantAreaId[] {
  return TENANT_AREAS.filter((area) => tenantRoleCan(role, area.permission)).map((area) => area.id);
}

/** Where `/` sends a signed-in user: their first tenant, else the admin area, else nowhere. */
export function homePath(user: Pick<StaffUser, "platformRole">, memberships: TenantMembershipView[]): string | null {
  const first = memberships[0];
  if (first) return `/t/${first.slug}`;
  if (platformRoleCan(user.platformRole, "platform.admin.access")) return "/admin";
  return null;
}
