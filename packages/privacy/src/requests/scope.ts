// Who acts on a tenant's data-subject requests: the tenant's own staff (tenant scope, their
// membership already checked by the caller), or the DPO / a platform job (audited platform path).
import { withPlatformAccess, withTenant, type Database, type Tx } from "@rappel/db";

export type RequestActor =
  | { kind: "staff"; userId: string }
  | { kind: "platform"; userId: string; role: "dpo" | "superadmin" }
  | { kind: "spectator" };

export function actorFields(actor: RequestActor): { actorUserId: string | null; actorKind: "staff" | "platform" | "spectator" } {
  return actor.kind === "spectator" ? { actorUserId: null, actorKind: "spectator" } : { actorUserId: actor.userId, actorKind: actor.kind };
}

export function runAs<T>(db: Database, actor: RequestActor, tenantId: string, reason: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  if (actor.kind === "platform") {
    return withPlatformAccess(db, { userId: actor.userId, role: actor.role }, { tenantId, reason, timeoutMs: 60_000 }, work);
  }
  return withTenant(db, tenantId, work, { ...(actor.kind === "staff" ? { userId: actor.userId } : {}), timeoutMs: 60_000 });
}

export class RequestError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}
