// Turns access decisions into Next's interrupts: notFound() → 404 page, forbidden() → 403 page.
// Separate from guard.ts (which reads the session) so the mapping is testable on its own.
import { forbidden, notFound } from "next/navigation";
import { decidePlatformAccess, decideTenantAccess, type StaffUser, type TenantMembershipView } from "@rappel/auth";
import type { PlatformPermission, PlatformRole, TenantPermission } from "@rappel/access";

/** Returns the membership for `slug` when `permission` is granted; otherwise throws 404 or 403. */
export function enforceTenantAccess(
  memberships: TenantMembershipView[],
  slug: string,
  permission: TenantPermission | null,
): TenantMembershipView {
  const access = decideTenantAccess(memberships, slug, permission);
  if (access.outcome === "not_found") notFound();
  if (access.outcome === "forbidden") forbidden();
  return access.membership;
}

/** Returns the platform role when it grants `permission`; otherwise throws 403. */
export function enforcePlatformAccess(user: Pick<StaffUser, "platformRole">, permission: PlatformPermission): PlatformRole {
  if (!user.platformRole || !decidePlatformAccess(user, permission)) forbidden();
  return user.platformRole;
}
