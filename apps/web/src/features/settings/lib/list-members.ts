// The tenant's members, read inside the tenant's scope (RLS) and filtered by tenant explicitly.
import { withTenant, type TenantRole } from "@rappel/db";
import { getDb } from "@/server/db";

export interface MemberRow {
  userId: string;
  name: string;
  email: string;
  role: TenantRole;
  since: Date;
}

export async function listMembers(tenantId: string, actorUserId: string): Promise<MemberRow[]> {
  const rows = await withTenant(
    getDb(),
    tenantId,
    (tx) =>
      tx.membership.findMany({
        where: { tenantId },
        select: { userId: true, role: true, createdAt: true, user: { select: { name: true, email: true } } },
      }),
    { userId: actorUserId },
  );
  return rows
    .map((r) => ({ userId: r.userId, name: r.user.name, email: r.user.email, role: r.role, since: r.createdAt }))
    .sort((a, b) => a.name.localeCompare(b.name, "fr"));
}
