// The tenant's data key, for the two things an import seals: spectators' identifiers (through
// SpectatorIdentityCodec) and rejected raw rows (whole records, which may hold personal data).
// The codec keeps its key private, so the rejected-row sealer unwraps the same key the same way
// (current, non-retired key wrapped by the configured master key).
import { loadEnv } from "@rappel/config";
import type { Tx } from "@rappel/db";
import {
  loadIdentityCodec,
  masterKeyFromEnv,
  open,
  seal,
  unwrapDataKey,
  MissingDataKeyError,
  type MasterKey,
  type SpectatorIdentityCodec,
} from "@rappel/personal-data";

export interface TenantSealer {
  codec: SpectatorIdentityCodec;
  /** Seals one rejected raw row of an import. */
  sealRejected(importId: string, raw: Readonly<Record<string, string>>): Buffer;
  openRejected(importId: string, sealed: Uint8Array): Record<string, string>;
}

/** The configured master key (MASTER_KEY, MASTER_KEY_ID) when the caller passes none. */
export function configuredMasterKey(): MasterKey {
  return masterKeyFromEnv(loadEnv());
}

const rejectedAad = (tenantId: string, importId: string) => `import-rejected:${tenantId}:${importId}`;

export async function loadTenantSealer(tx: Tx, tenantId: string, master: MasterKey = configuredMasterKey()): Promise<TenantSealer> {
  const codec = await loadIdentityCodec(tx, tenantId, master);
  const row = await tx.tenantDataKey.findFirst({ where: { tenantId, id: codec.dataKeyId }, select: { wrappedKey: true } });
  if (!row) throw new MissingDataKeyError(`tenant ${tenantId} has no active data key`);
  const dataKey = unwrapDataKey(master.key, row.wrappedKey, tenantId);
  return {
    codec,
    sealRejected: (importId, raw) => seal(dataKey, JSON.stringify(raw), rejectedAad(tenantId, importId)),
    openRejected: (importId, sealed) => JSON.parse(open(dataKey, sealed, rejectedAad(tenantId, importId)).toString("utf8")) as Record<string, string>,
  };
}
