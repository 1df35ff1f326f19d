// Per-tenant data keys: created with the tenant, loaded (unwrapped) when identifiers must be
// sealed or opened. Unwrapped keys stay in this process's memory only.
import { toBytes, type Tx } from "@rappel/db";
import { generateDataKey, unwrapDataKey, wrapDataKey } from "./envelope";
import { SpectatorIdentityCodec } from "./spectator-identity";

export interface MasterKey {
  id: string;
  key: Buffer;
  /**
   * During a key rotation, the master keys that may still wrap some data keys: readers fall back
   * to them (by the data key's master key id), writers always use `key`.
   */
  previous?: readonly MasterKey[];
}

export interface MasterKeyEnv {
  MASTER_KEY: string;
  MASTER_KEY_ID: string;
  MASTER_KEY_PREVIOUS?: string | undefined;
  MASTER_KEY_PREVIOUS_ID?: string | undefined;
}

/** The current master key, carrying the previous one (when configured) for reads during a rotation. */
export function masterKeyFromEnv(env: MasterKeyEnv): MasterKey {
  const previous = env.MASTER_KEY_PREVIOUS && env.MASTER_KEY_PREVIOUS_ID
    ? [{ id: env.MASTER_KEY_PREVIOUS_ID, key: Buffer.from(env.MASTER_KEY_PREVIOUS, "base64") }]
    : [];
  return { id: env.MASTER_KEY_ID, key: Buffer.from(env.MASTER_KEY, "base64"), ...(previous.length ? { previous } : {}) };
}

/** The keyring [current, previous…]: a master key and the previous keys it carries, flattened. */
export function masterKeyring(master: MasterKey | readonly MasterKey[]): MasterKey[] {
  const list = Array.isArray(master) ? (master as readonly MasterKey[]) : [master as MasterKey];
  const ring: MasterKey[] = [];
  for (const m of list) {
    for (const k of [m, ...(m.previous ?? [])]) if (!ring.some((r) => r.id === k.id)) ring.push({ id: k.id, key: k.key });
  }
  return ring;
}

/** Unwraps a stored data key with whichever master key of the ring wrapped it. */
export function unwrapStoredDataKey(master: MasterKey | readonly MasterKey[], row: { masterKeyId: string; wrappedKey: Uint8Array }, tenantId: string): Buffer {
  const ring = masterKeyring(master);
  const wrapping = ring.find((m) => m.id === row.masterKeyId);
  if (!wrapping) {
    throw new MissingDataKeyError(`tenant ${tenantId}'s data key is wrapped by master key ${row.masterKeyId}, not ${ring.map((m) => m.id).join(" or ")}`);
  }
  return unwrapDataKey(wrapping.key, row.wrappedKey, tenantId);
}

/** Creates the tenant's data key; run inside the tenant-scoped provisioning transaction. */
export async function createTenantDataKey(tx: Tx, tenantId: string, master: MasterKey): Promise<string> {
  const row = await tx.tenantDataKey.create({
    data: { tenantId, wrappedKey: toBytes(wrapDataKey(master.key, generateDataKey(), tenantId)), masterKeyId: master.id },
    select: { id: true },
  });
  return row.id;
}

export class MissingDataKeyError extends Error {}

/**
 * The codec for the tenant's current (non-retired) data key, in a tenant-scoped transaction.
 * `master` may be a keyring (the new master key first, the previous one after it) so processes
 * keep reading every tenant while a rotation re-wraps the data keys one tenant at a time.
 */
export async function loadIdentityCodec(tx: Tx, tenantId: string, master: MasterKey | readonly MasterKey[]): Promise<SpectatorIdentityCodec> {
  const row = await tx.tenantDataKey.findFirst({
    where: { tenantId, retiredAt: null },
    orderBy: { createdAt: "desc" },
  });
  if (!row) throw new MissingDataKeyError(`tenant ${tenantId} has no active data key (destroyed or never created)`);
  return new SpectatorIdentityCodec(tenantId, row.id, unwrapStoredDataKey(master, row, tenantId));
}

/**
 * Key rotation: re-wraps the tenant's data keys under a new master key. The data keys themselves
 * do not change, so no ciphertext or blind index is rewritten and nothing stops: each tenant's
 * rows are updated in one short transaction (row locks only). Run it inside withTenant /
 * withPlatformAccess for the tenant; returns how many keys were re-wrapped (0 when done already).
 */
export async function rewrapTenantDataKeys(tx: Tx, tenantId: string, from: MasterKey, to: MasterKey): Promise<number> {
  if (from.id === to.id) throw new Error("the new master key needs its own id (MASTER_KEY_ID)");
  const rows = await tx.tenantDataKey.findMany({ where: { tenantId, masterKeyId: from.id } });
  for (const row of rows) {
    const dataKey = unwrapDataKey(from.key, row.wrappedKey, tenantId);
    await tx.tenantDataKey.update({
      where: { tenantId_id: { tenantId, id: row.id } },
      data: { wrappedKey: toBytes(wrapDataKey(to.key, dataKey, tenantId)), masterKeyId: to.id },
    });
  }
  return rows.length;
}
