// The tenant's survey keys, from its data key: the invitation-token key and the sealing of free
// text. Free-text answers may name or describe a person ("my neighbour Mrs Dupont in row F"), so
// they are personal data and stored only sealed (AES-256-GCM, same envelope as identifiers).
import { toBytes, type Tx } from "@rappel/db";
import { MissingDataKeyError, open, seal, unwrapStoredDataKey, type MasterKey } from "@rappel/personal-data";
import { deriveTokenKey } from "./token";

export interface SurveyKeys {
  tokenKey: Buffer;
  sealTexts(responseId: string, texts: Record<string, string>): Uint8Array<ArrayBuffer> | null;
  openTexts(responseId: string, sealed: Uint8Array | null): Record<string, string>;
}

export function createSurveyKeys(tenantId: string, dataKey: Buffer): SurveyKeys {
  const aad = (responseId: string) => `survey-response:${tenantId}:${responseId}:texts`;
  return {
    tokenKey: deriveTokenKey(dataKey),
    sealTexts(responseId, texts) {
      if (Object.keys(texts).length === 0) return null;
      return toBytes(seal(dataKey, JSON.stringify(texts), aad(responseId)));
    },
    openTexts(responseId, sealed) {
      if (!sealed) return {};
      return JSON.parse(open(dataKey, sealed, aad(responseId)).toString("utf8")) as Record<string, string>;
    },
  };
}

/** Loads the tenant's current data key inside a tenant-scoped transaction. */
export async function loadSurveyKeys(tx: Tx, tenantId: string, master: MasterKey): Promise<SurveyKeys> {
  const row = await tx.tenantDataKey.findFirst({ where: { tenantId, retiredAt: null }, orderBy: { createdAt: "desc" } });
  if (!row) throw new MissingDataKeyError(`tenant ${tenantId} has no active data key (destroyed or never created)`);
  // The keyring (current + previous master key) keeps surveys readable during a key rotation.
  return createSurveyKeys(tenantId, unwrapStoredDataKey(master, row, tenantId));
}
