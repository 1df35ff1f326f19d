// Tenant provisioning: the tenant row and its partitions in one transaction.
import type { Database, Tx } from "./client";
import type { Tenant } from "./generated/prisma/client";
import { appendAuditEntry } from "./audit";

export interface NewTenant {
  slug: string;
  name: string;
  kind: string;
  timezone?: string;
  defaultLocale?: string;
}

/**
 * Creates a tenant, its partitions and (through `provisionInTenant`, e.g. creating its data key)
 * whatever else must exist before the tenant is usable — all or nothing.
 */
export async function provisionTenant(
  db: Database,
  input: NewTenant,
  actor: { userId: string | null },
  provisionInTenant?: (tx: Tx, tenant: Tenant) => Promise<void>,
): Promise<Tenant> {
  return db.$transaction(async (tx) => {
    // Creating partitions locks every partitioned parent; two provisionings interleaving those
    // locks deadlock, so they take turns (provisioning is rare; the wait is milliseconds).
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('rappel:tenant-provisioning'))`;
    const tenant = await tx.tenant.create({ data: input });
    await tx.$executeRaw`SELECT set_config('app.tenant_id', ${tenant.id}, true)`;
    await tx.$executeRaw`SELECT create_tenant_partitions(${tenant.id}::uuid)`;
    await appendAuditEntry(tx, tenant.id, {
      actorUserId: actor.userId,
      actorKind: actor.userId ? "platform" : "system",
      action: "tenant.created",
      targetType: "tenant",
      targetId: tenant.id,
      details: { slug: tenant.slug },
    });
    if (provisionInTenant) await provisionInTenant(tx, tenant);
    return tenant;
  });
}

/**
 * Refreshes the planner's statistics for the tenant's partitions (and the small shared tables)
 * after a bulk write, through an owner-run function: the application role may not ANALYZE.
 * Must run inside withTenant for that same tenant.
 */
export async function analyzeTenantTables(tx: Tx, tenantId: string): Promise<void> {
  await tx.$executeRaw`SELECT analyze_tenant_tables(${tenantId}::uuid)`;
}
