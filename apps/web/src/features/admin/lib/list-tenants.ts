// The platform's tenant list. `tenant` is a platform table (no personal data, no RLS), so this
// needs no per-tenant platform access; anything reading tenant-owned tables must go through
// withPlatformAccess (audited) instead.
import { getDb } from "@/server/db";

export async function listTenants() {
  return getDb().tenant.findMany({
    select: { id: true, name: true, slug: true, kind: true, status: true, createdAt: true },
    orderBy: { name: "asc" },
  });
}
