// The one place pages, server actions and route handlers establish who is calling and check a
// permission. Every check runs on the server and fails closed:
// - signed out → the sign-in page (coming back here afterwards);
// - unknown tenant slug or not a member → 404 (a tenant's existence is not revealed);
// - a member whose role lacks the permission, or a non-platform user in the admin area → 403.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { safeCallbackPath, type StaffUser, type TenantMembershipView } from "@rappel/auth";
import type { PlatformPermission, PlatformRole, TenantPermission } from "@rappel/access";
import { REQUEST_PATH_HEADER } from "./request-path";
import { enforcePlatformAccess, enforceTenantAccess } from "./access-enforcement";
import { getCurrentUser, getMemberships } from "./session";

export interface TenantContext {
  user: StaffUser;
  tenant: TenantMembershipView;
  memberships: TenantMembershipView[];
}

export interface PlatformContext {
  user: StaffUser & { platformRole: PlatformRole };
  memberships: TenantMembershipView[];
}

export function signInPath(returnTo?: string): string {
  const target = safeCallbackPath(returnTo, "");
  return target ? `/sign-in?callbackUrl=${encodeURIComponent(target)}` : "/sign-in";
}

/** The signed-in user; signed-out visitors go to the sign-in page, then back to this page. */
export async function requireUser(returnTo?: string): Promise<StaffUser> {
  const user = await getCurrentUser();
  if (!user) {
    // The exact page requested (set by proxy.ts), else the caller's idea of where it is.
    const requested = (await headers()).get(REQUEST_PATH_HEADER);
    redirect(signInPath(requested ?? returnTo));
  }
  return user;
}

/**
 * Resolves the (untrusted) tenant slug against the user's memberships and checks `permission`
 * (null: membership only, for the tenant's layout). Page data access then runs in
 * withTenant(db, ctx.tenant.tenantId, …, { userId: ctx.user.id }).
 */
export async function requireTenantPermission(
  slug: string,
  permission: TenantPermission | null,
  returnTo?: string,
): Promise<TenantContext> {
  const user = await requireUser(returnTo ?? `/t/${slug}`);
  const memberships = await getMemberships(user.id);
  const tenant = enforceTenantAccess(memberships, slug, permission);
  return { user, tenant, memberships };
}

/** Platform permissions (admin area): needs a platform role, confirmed by TOTP at sign-in. */
export async function requirePlatformPermission(permission: PlatformPermission, returnTo = "/admin"): Promise<PlatformContext> {
  const user = await requireUser(returnTo);
  const platformRole = enforcePlatformAccess(user, permission);
  return { user: { ...user, platformRole }, memberships: await getMemberships(user.id) };
}
