// Whether a request presenting an API key may do what it asks. Pure (the caller loads the key's
// row inside the tenant named by the key), so each refusal is unit-tested. Every refusal of the
// key itself is the same 401 for the client: which check failed is only for the server's log.
import { parseApiKey, verifyApiKey, type TApiKeyScope } from "./key-format";

export interface StoredApiKey {
  id: string;
  tenantId: string;
  secretHash: string;
  scopes: readonly string[];
  revokedAt: Date | null;
}

export type ApiKeyRefusal = "missing" | "malformed" | "unknown" | "mismatch" | "revoked" | "tenant_inactive";

export type ApiKeyDecision =
  | { outcome: "granted"; tenantId: string; keyId: string }
  | { outcome: "unauthenticated"; reason: ApiKeyRefusal }
  | { outcome: "forbidden"; tenantId: string; keyId: string; missingScope: TApiKeyScope };

/** Extracts the key from `Authorization: Bearer <key>`; null when there is none. */
export function bearerToken(authorization: string | null): string | null {
  if (!authorization) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  return match ? match[1]! : null;
}

export function decideApiKeyAccess(input: {
  presented: string | null;
  /** The row found under (tenant from the key, prefix from the key); null if none. */
  stored: StoredApiKey | null;
  tenantActive: boolean;
  requiredScope: TApiKeyScope;
}): ApiKeyDecision {
  const { presented, stored, requiredScope } = input;
  if (!presented) return { outcome: "unauthenticated", reason: "missing" };
  const parsed = parseApiKey(presented);
  if (!parsed) return { outcome: "unauthenticated", reason: "malformed" };
  // The row must belong to the tenant the key names: a key whose tenant part was edited to
  // another tenant's id finds no row there, and this check holds even if a caller passed one.
  if (!stored || stored.tenantId !== parsed.tenantId) return { outcome: "unauthenticated", reason: "unknown" };
  if (!verifyApiKey(parsed.key, stored.secretHash)) return { outcome: "unauthenticated", reason: "mismatch" };
  if (stored.revokedAt) return { outcome: "unauthenticated", reason: "revoked" };
  if (!input.tenantActive) return { outcome: "unauthenticated", reason: "tenant_inactive" };
  if (!stored.scopes.includes(requiredScope)) {
    return { outcome: "forbidden", tenantId: stored.tenantId, keyId: stored.id, missingScope: requiredScope };
  }
  return { outcome: "granted", tenantId: stored.tenantId, keyId: stored.id };
}
