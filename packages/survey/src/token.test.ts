import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createSurveyKeys } from "./survey-keys";
import { createInvitationToken, createShortCode, hashToken, readShortCodeLinkNumber, readTokenTenant } from "./token";

describe("invitation tokens", () => {
  const tenantId = randomUUID();
  const keys = createSurveyKeys(tenantId, randomBytes(32));

  it("name their tenant, are stable per invitation and differ between invitations", () => {
    const a = createInvitationToken(keys.tokenKey, tenantId, "11111111-1111-4111-8111-111111111111");
    expect(a).toMatch(/^[A-Za-z0-9_-]{46}$/);
    expect(readTokenTenant(a)).toBe(tenantId);
    expect(createInvitationToken(keys.tokenKey, tenantId, "11111111-1111-4111-8111-111111111111")).toBe(a);
    expect(createInvitationToken(keys.tokenKey, tenantId, "22222222-2222-4222-8222-222222222222")).not.toBe(a);
    expect(hashToken(a)).toHaveLength(32);
  });

  it("depend on the tenant's key", () => {
    const other = createSurveyKeys(tenantId, randomBytes(32));
    expect(createInvitationToken(other.tokenKey, tenantId, "x")).not.toBe(createInvitationToken(keys.tokenKey, tenantId, "x"));
  });

  it("reject malformed input", () => {
    expect(readTokenTenant("abc")).toBeNull();
    expect(readTokenTenant("../../etc/passwd")).toBeNull();
    expect(readTokenTenant("A".repeat(46))).not.toBeNull(); // well-formed: the lookup then finds nothing
  });

  it("seal free text so it can only be read back for the same response", () => {
    const sealed = keys.sealTexts("r1", { comment: "Ma voisine Mme Dupont a toussé" });
    expect(Buffer.from(sealed!).toString("utf8")).not.toMatch(/Dupont/);
    expect(keys.openTexts("r1", sealed)).toEqual({ comment: "Ma voisine Mme Dupont a toussé" });
    expect(() => keys.openTexts("r2", sealed)).toThrow();
    expect(keys.sealTexts("r1", {})).toBeNull();
  });
});

describe("short invitation codes", () => {
  const tenantId = randomUUID();
  const keys = createSurveyKeys(tenantId, randomBytes(32));

  it("are 12 base62 characters for the first 61 tenants, stable per invitation, and name the tenant's link number", () => {
    const a = createShortCode(keys.tokenKey, 7, "11111111-1111-4111-8111-111111111111");
    expect(a).toMatch(/^[0-9A-Za-z]{12}$/);
    expect(createShortCode(keys.tokenKey, 7, "11111111-1111-4111-8111-111111111111")).toBe(a);
    expect(createShortCode(keys.tokenKey, 7, "22222222-2222-4222-8222-222222222222")).not.toBe(a);
    expect(readShortCodeLinkNumber(a)).toBe(7);
    const big = createShortCode(keys.tokenKey, 200_000, "11111111-1111-4111-8111-111111111111");
    expect(big).toHaveLength(14);
    expect(big.slice(0, 11)).toBe(a.slice(0, 11));
    expect(readShortCodeLinkNumber(big)).toBe(200_000);
  });

  it("carry at least 64 bits of secret that depend on the tenant's key", () => {
    expect(Math.log2(62 ** 11)).toBeGreaterThan(64);
    const other = createSurveyKeys(tenantId, randomBytes(32));
    expect(createShortCode(other.tokenKey, 1, "x").slice(0, 11)).not.toBe(createShortCode(keys.tokenKey, 1, "x").slice(0, 11));
    // Spread over the alphabet (not padded with zeros): 200 codes use most of the 62 characters.
    const chars = new Set(Array.from({ length: 200 }, (_, i) => createShortCode(keys.tokenKey, 1, `inv-${i}`).slice(0, 11)).join(""));
    expect(chars.size).toBeGreaterThan(55);
  });

  it("are never mistaken for long tokens, and reject malformed input", () => {
    expect(readShortCodeLinkNumber(createInvitationToken(keys.tokenKey, tenantId, "x"))).toBeNull();
    expect(readTokenTenant(createShortCode(keys.tokenKey, 1, "x"))).toBeNull();
    expect(readShortCodeLinkNumber("abc")).toBeNull();
    expect(readShortCodeLinkNumber("abc/def-ghij")).toBeNull();
    expect(readShortCodeLinkNumber("A".repeat(11) + "0")).toBeNull(); // link number 0 names no tenant
    expect(() => createShortCode(keys.tokenKey, 0, "x")).toThrow();
  });
});
