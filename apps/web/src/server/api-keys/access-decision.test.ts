import { describe, expect, it } from "vitest";
import { bearerToken, decideApiKeyAccess, type StoredApiKey } from "./access-decision";
import { generateApiKey } from "./key-format";

const TENANT_A = "3f2b8c1e-7d4a-4e9b-a1c2-0d9e8f7a6b5c";
const TENANT_B = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";

function keyFor(tenantId: string, scopes: string[] = ["imports:write", "imports:read"], revokedAt: Date | null = null) {
  const generated = generateApiKey(tenantId);
  const stored: StoredApiKey = { id: "k1", tenantId, secretHash: generated.secretHash, scopes, revokedAt };
  return { key: generated.key, stored };
}

describe("bearerToken", () => {
  it("reads `Bearer <key>` only", () => {
    expect(bearerToken("Bearer abc")).toBe("abc");
    expect(bearerToken("bearer   abc  ")).toBe("abc");
    expect(bearerToken("Basic abc")).toBeNull();
    expect(bearerToken("Bearer")).toBeNull();
    expect(bearerToken("Bearer a b")).toBeNull();
    expect(bearerToken(null)).toBeNull();
  });
});

describe("decideApiKeyAccess", () => {
  it("grants a valid, active key that has the scope", () => {
    const { key, stored } = keyFor(TENANT_A);
    expect(decideApiKeyAccess({ presented: key, stored, tenantActive: true, requiredScope: "imports:write" })).toEqual({
      outcome: "granted",
      tenantId: TENANT_A,
      keyId: "k1",
    });
  });

  it("refuses a missing or malformed key", () => {
    expect(decideApiKeyAccess({ presented: null, stored: null, tenantActive: true, requiredScope: "imports:read" })).toEqual({
      outcome: "unauthenticated",
      reason: "missing",
    });
    expect(decideApiKeyAccess({ presented: "rpl_nope", stored: null, tenantActive: true, requiredScope: "imports:read" })).toMatchObject({
      reason: "malformed",
    });
  });

  it("refuses a key whose tenant part names another tenant", () => {
    const { key, stored } = keyFor(TENANT_A);
    const forged = key.replace(TENANT_A.replaceAll("-", ""), TENANT_B.replaceAll("-", ""));
    // Looked up in B, nothing is found…
    expect(decideApiKeyAccess({ presented: forged, stored: null, tenantActive: true, requiredScope: "imports:read" })).toMatchObject({
      outcome: "unauthenticated",
      reason: "unknown",
    });
    // …and even if A's row were handed over, it does not belong to the tenant the key names.
    expect(decideApiKeyAccess({ presented: forged, stored, tenantActive: true, requiredScope: "imports:read" })).toMatchObject({
      outcome: "unauthenticated",
      reason: "unknown",
    });
  });

  it("refuses a key whose secret does not match the stored hash", () => {
    const { stored } = keyFor(TENANT_A);
    const other = generateApiKey(TENANT_A).key;
    expect(decideApiKeyAccess({ presented: other, stored, tenantActive: true, requiredScope: "imports:read" })).toMatchObject({
      reason: "mismatch",
    });
  });

  it("refuses a revoked key, even with the right secret and scope", () => {
    const { key, stored } = keyFor(TENANT_A, ["imports:read"], new Date("2026-01-01"));
    expect(decideApiKeyAccess({ presented: key, stored, tenantActive: true, requiredScope: "imports:read" })).toMatchObject({
      outcome: "unauthenticated",
      reason: "revoked",
    });
  });

  it("refuses keys of a tenant that is no longer active", () => {
    const { key, stored } = keyFor(TENANT_A);
    expect(decideApiKeyAccess({ presented: key, stored, tenantActive: false, requiredScope: "imports:read" })).toMatchObject({
      reason: "tenant_inactive",
    });
  });

  it("forbids (403, not 401) a valid key without the scope", () => {
    const { key, stored } = keyFor(TENANT_A, ["imports:read"]);
    expect(decideApiKeyAccess({ presented: key, stored, tenantActive: true, requiredScope: "imports:write" })).toEqual({
      outcome: "forbidden",
      tenantId: TENANT_A,
      keyId: "k1",
      missingScope: "imports:write",
    });
    expect(decideApiKeyAccess({ presented: key, stored, tenantActive: true, requiredScope: "imports:read" }).outcome).toBe("granted");
  });
});
