import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createSurveyKeys } from "./survey-keys";
import { createInvitationToken, hashToken, readTokenTenant } from "./token";

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
