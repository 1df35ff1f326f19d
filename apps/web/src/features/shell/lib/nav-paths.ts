// Path helpers used by client components (no server-only imports here).
import { TENANT_AREAS, type TenantAreaId } from "@rappel/access";

const AREA_IDS: readonly string[] = TENANT_AREAS.map((a) => a.id);

/**
 * Where the tenant switcher sends the user: the same area in the other tenant when their role
 * there may open it, else that tenant's home.
 */
export function switchTarget(pathname: string, target: { slug: string; areas: readonly TenantAreaId[] }): string {
  const area = /^\/t\/[^/]+\/([^/?#]+)/.exec(pathname)?.[1];
  if (area && AREA_IDS.includes(area) && (target.areas as readonly string[]).includes(area)) {
    return `/t/${target.slug}/${area}`;
  }
  return `/t/${target.slug}`;
}

/** Whether a nav link is the current page (or a page below it). */
export function isCurrent(pathname: string, href: string): boolean {
  if (href === "/admin") return pathname === "/admin";
  return pathname === href || pathname.startsWith(`${href}/`);
}
