// Master key rotation (DESIGN §4, decision 0007): every tenant's data key still wrapped by a
// non-current master key is re-wrapped under the current one, tenant by tenant, each in its own
// short transaction on the audited platform path. Readers hold the keyring [current, previous]
// the whole time, so nothing stops; running it again re-wraps nothing.
import { appendAuditEntry, withPlatformAccess, withTenant, type Database, type PlatformActor } from "@rappel/db";
import { masterKeyring, rewrapTenantDataKeys, type MasterKey } from "@rappel/personal-data";

/** How many tenants have a data key wrapped by each master key id (what the DPO console shows). */
export async function countTenantsByMasterKey(db: Database, options: { tenantIds?: string[] } = {}): Promise<{ masterKeyId: string; tenants: number }[]> {
  // RLS scopes data keys per tenant: read each tenant in its own scope (ids and counts only).
  const tenants = await db.tenant.findMany({ where: { status: { not: "closed" }, ...(options.tenantIds ? { id: { in: options.tenantIds } } : {}) }, select: { id: true } });
  const counts = new Map<string, number>();
  for (const { id } of tenants) {
    const ids = await withTenant(db, id, async (tx) =>
      (await tx.tenantDataKey.findMany({ where: { tenantId: id, retiredAt: null }, distinct: ["masterKeyId"], select: { masterKeyId: true } })).map((k) => k.masterKeyId),
    );
    for (const keyId of ids) counts.set(keyId, (counts.get(keyId) ?? 0) + 1);
  }
  return [...counts.entries()].map(([masterKeyId, n]) => ({ masterKeyId, tenants: n })).sort((a, b) => a.masterKeyId.localeCompare(b.masterKeyId));
}

export interface RotationSummary {
  tenantsChecked: number;
  tenantsRewrapped: number;
  keysRewrapped: number;
  /** Tenants whose data key is wrapped by a master key that is neither current nor previous. */
  unknownMasterKeys: { tenantId: string; masterKeyId: string }[];
}

/**
 * Re-wraps every data key under `master` (the current key); `master.previous` (or the other keys
 * of the ring) are the keys it may find. Audited per tenant that had something to re-wrap.
 */
export async function rotateMasterKey(
  db: Database,
  master: MasterKey,
  options: {
    actor?: PlatformActor;
    now?: () => Date;
    /** Limit the rotation to these tenants (default: every tenant not closed). */
    tenantIds?: string[];
    onTenant?: (tenantId: string, rewrapped: number) => void;
  } = {},
): Promise<RotationSummary> {
  const ring = masterKeyring(master);
  const current = ring[0]!;
  const actor: PlatformActor = options.actor ?? { userId: null, role: "system" };
  const tenants = await db.tenant.findMany({
    where: { status: { not: "closed" }, ...(options.tenantIds ? { id: { in: options.tenantIds } } : {}) },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  const summary: RotationSummary = { tenantsChecked: 0, tenantsRewrapped: 0, keysRewrapped: 0, unknownMasterKeys: [] };
  for (const { id: tenantId } of tenants) {
    summary.tenantsChecked += 1;
    const stale = await withTenant(db, tenantId, (tx) =>
      tx.tenantDataKey.findMany({ where: { tenantId, masterKeyId: { not: current.id } }, distinct: ["masterKeyId"], select: { masterKeyId: true } }),
    );
    if (stale.length === 0) continue;
    const known = stale.filter((s) => ring.some((m) => m.id === s.masterKeyId));
    for (const s of stale) if (!known.includes(s)) summary.unknownMasterKeys.push({ tenantId, masterKeyId: s.masterKeyId });
    if (known.length === 0) continue;
    const rewrapped = await withPlatformAccess(db, actor, { tenantId, reason: "master key rotation" }, async (tx) => {
      let n = 0;
      for (const s of known) {
        const from = ring.find((m) => m.id === s.masterKeyId)!;
        const count = await rewrapTenantDataKeys(tx, tenantId, from, current);
        if (count > 0) {
          await appendAuditEntry(tx, tenantId, {
            actorUserId: actor.userId,
            actorKind: actor.userId ? "platform" : "system",
            action: "privacy.master_key_rotated",
            targetType: "tenant_data_key",
            details: { from: from.id, to: current.id, keys: count },
          }, options.now?.());
        }
        n += count;
      }
      return n;
    });
    if (rewrapped > 0) summary.tenantsRewrapped += 1;
    summary.keysRewrapped += rewrapped;
    options.onTenant?.(tenantId, rewrapped);
  }
  return summary;
}
