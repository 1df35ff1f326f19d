// The tenant-scoped entry point. One interactive transaction per unit of work (request, job
// step) that first sets app.tenant_id, so every query in it runs under the tenant's row-level
// security policy. Per-query RLS extensions run each query in its own batch transaction, losing
// the caller's transaction (prisma/orm#20678); this keeps one transaction and one connection.
import type { Database, Tx } from "./client";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ScopeOptions {
  /** The signed-in user, when there is one (lets RLS show the user's own memberships). */
  userId?: string;
  /** Transaction timeout in ms (default 15 s); bulk work passes more. */
  timeoutMs?: number;
}

export class TenantScopeError extends Error {}

function assertUuid(value: string, what: string): void {
  if (!UUID.test(value)) throw new TenantScopeError(`${what} must be a UUID, got ${JSON.stringify(value)}`);
}

async function setScope(tx: Tx, settings: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(settings)) {
    // is_local = true: the setting ends with the transaction, never leaks to the pooled connection.
    await tx.$executeRaw`SELECT set_config(${name}, ${value}, true)`;
  }
}

/** Runs `work` in a transaction scoped to one tenant. */
export async function withTenant<T>(
  db: Database,
  tenantId: string,
  work: (tx: Tx) => Promise<T>,
  options: ScopeOptions = {},
): Promise<T> {
  assertUuid(tenantId, "tenantId");
  if (options.userId) assertUuid(options.userId, "userId");
  return db.$transaction(
    async (tx) => {
      await setScope(tx, {
        "app.tenant_id": tenantId,
        ...(options.userId ? { "app.user_id": options.userId } : {}),
      });
      return work(tx);
    },
    { timeout: options.timeoutMs ?? 15_000, maxWait: 10_000 },
  );
}

/** Runs `work` as a signed-in user with no tenant chosen: only their own memberships are visible. */
export async function withUser<T>(db: Database, userId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  assertUuid(userId, "userId");
  return db.$transaction(async (tx) => {
    await setScope(tx, { "app.user_id": userId });
    return work(tx);
  });
}
