// Per-tenant data keys: created with the tenant, loaded (unwrapped) when identifiers must be
// sealed or opened. Unwrapped keys stay in this process's memory only.
import { toBytes, type Tx } from "@rappel/db";
import { generateDataKey, unwrapDataKey, wrapDataKey } from "./envelope";
import { SpectatorIdentityCodec } from "./spectator-identity";

export interface MasterKey {
  id: string;
  key: Buffer;
}

export function masterKeyFromEnv(env: { MASTER_KEY: string; MASTER_KEY_ID: string }): MasterKey {
  return { id: env.MASTER_KEY_ID, key: Buffer.from(env.MASTER_KEY, "base64") };
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

/** The codec for the tenant's current (non-retired) data key, in a tenant-scoped transaction. */
export async function loadIdentityCodec(tx: Tx, tenantId: string, master: MasterKey): Promise<SpectatorIdentityCodec> {
  const row = await tx.tenantDataKey.findFirst({
    where: { tenantId, retiredAt: null },
    orderBy: { createdAt: "desc" },
  });
  if (!row) throw new MissingDataKeyError(`tenant ${tenantId} has no active data key (destroyed or never created)`);
  if (row.masterKeyId !== master.id) {
    throw new MissingDataKeyError(`tenant ${tenantId}'s data key is wrapped by master key ${row.masterKeyId}, not ${master.id}`);
  }
  return new SpectatorIdentityCodec(tenantId, row.id, unwrapDataKey(master.key, row.wrappedKey, tenantId));
}
