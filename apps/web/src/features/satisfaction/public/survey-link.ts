// What a public survey address (/s/<link>) names: a long token (46 characters, names its tenant,
// in e-mails sent before short links) or a short code (names its tenant's link number). Either
// way the tenant is known before any tenant-scoped query, and the invitation is then found by the
// link's SHA-256 inside that tenant's row-level-security scope.
import { Prisma, type Database } from "@rappel/db";
import { hashToken, readShortCodeLinkNumber, readTokenTenant } from "@rappel/survey";

export interface SurveyLink {
  tenantId: string;
  kind: "token" | "short";
  hash: Uint8Array<ArrayBuffer>;
}

// Link number → tenant id never changes once given: kept for the process (bounded; numbers that
// name no tenant are not kept, so probing cannot fill it).
const MAX_TENANTS = 10_000;
const tenantByNumber = new Map<number, string>();

async function tenantOfNumber(db: Database, linkNumber: number): Promise<string | null> {
  const hit = tenantByNumber.get(linkNumber);
  if (hit) return hit;
  // The tenant table is not tenant-owned (no row-level security): readable before a scope is set.
  const tenant = await db.tenant.findUnique({ where: { linkNumber }, select: { id: true } });
  if (!tenant) return null;
  if (tenantByNumber.size >= MAX_TENANTS) tenantByNumber.delete(tenantByNumber.keys().next().value!);
  tenantByNumber.set(linkNumber, tenant.id);
  return tenant.id;
}

/** The tenant and hash of a link, or null when it cannot name any invitation (→ "unknown link"). */
export async function resolveSurveyLink(db: Database, link: string): Promise<SurveyLink | null> {
  const tokenTenant = readTokenTenant(link);
  if (tokenTenant) return { tenantId: tokenTenant, kind: "token", hash: hashToken(link) };
  const linkNumber = readShortCodeLinkNumber(link);
  if (linkNumber === null) return null;
  const tenantId = await tenantOfNumber(db, linkNumber);
  return tenantId ? { tenantId, kind: "short", hash: hashToken(link) } : null;
}

/** SQL condition on survey_invitation (aliased `alias`) matching the link, within its tenant. */
export function invitationMatches(link: SurveyLink, alias: string): Prisma.Sql {
  const column = Prisma.raw(`${alias}.${link.kind === "short" ? "short_hash" : "token_hash"}`);
  return Prisma.sql`${Prisma.raw(alias)}.tenant_id = ${link.tenantId}::uuid AND ${column} = ${link.hash}`;
}
