// The platform path (superadmin, DPO, platform jobs): acts on one named tenant at a time, under
// that tenant's RLS scope, and records who acted, on which tenant and why in the tenant's audit
// chain, in the same transaction as the work. RLS is never switched off.
import type { Database, Tx } from "./client";
import { appendAuditEntry } from "./audit";
import { withTenant } from "./tenant-scope";

export interface PlatformActor {
  /** The platform user, or null for a scheduled platform job. */
  userId: string | null;
  role: "superadmin" | "dpo" | "system";
}

export async function withPlatformAccess<T>(
  db: Database,
  actor: PlatformActor,
  access: { tenantId: string; reason: string; timeoutMs?: number },
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  if (!access.reason.trim()) throw new Error("platform access to a tenant needs a reason");
  return withTenant(
    db,
    access.tenantId,
    async (tx) => {
      await appendAuditEntry(tx, access.tenantId, {
        actorUserId: actor.userId,
        actorKind: actor.userId ? "platform" : "system",
        action: "platform.access",
        details: { role: actor.role, reason: access.reason },
      });
      return work(tx);
    },
    { ...(actor.userId ? { userId: actor.userId } : {}), ...(access.timeoutMs ? { timeoutMs: access.timeoutMs } : {}) },
  );
}
