// API keys against a real, migrated PostgreSQL through the application role (RLS applies):
// creation returns the key once and stores its hash, authentication reads the key inside the
// tenant it names, revocation and scopes are enforced, and both actions land in the audit chain.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, verifyAuditChain, withTenant, type Database } from "@rappel/db";
import { createTestDatabase, createTwoTenants, type TenantRows, type TestDatabase } from "@rappel/db/testing";
import { authenticateApiKey } from "@/server/api-keys/authenticate";
import { hashApiKey } from "@/server/api-keys/key-format";
import { ApiKeyNotFoundError, createApiKey, listApiKeys, revokeApiKey, ZCreateApiKeyInput } from "./api-keys";

let testDb: TestDatabase;
let db: Database;
let a: TenantRows;
let b: TenantRows;

beforeAll(async () => {
  testDb = await createTestDatabase("rappel_web_test");
  db = createDatabase(testDb.appUrl, { max: 4 });
  ({ a, b } = await createTwoTenants(db));
});

afterAll(async () => {
  await db?.$disconnect();
  await testDb?.drop();
});

const bearer = (key: string) => `Bearer ${key}`;

describe("API keys", () => {
  it("validates the creation form", () => {
    expect(ZCreateApiKeyInput.safeParse({ name: "  ", scopes: ["imports:read"] }).success).toBe(false);
    expect(ZCreateApiKeyInput.safeParse({ name: "ERP", scopes: [] }).success).toBe(false);
    expect(ZCreateApiKeyInput.safeParse({ name: "ERP", scopes: ["admin"] }).success).toBe(false);
    expect(ZCreateApiKeyInput.parse({ name: " ERP ", scopes: ["imports:read", "imports:write", "imports:read"] })).toEqual({
      name: "ERP",
      scopes: ["imports:write", "imports:read"],
    });
  });

  it("returns the key once, stores only its hash, and audits the creation", async () => {
    const created = await createApiKey(db, { tenantId: a.tenantId, userId: a.userId }, { name: "Billetterie", scopes: ["imports:write", "imports:read"] });
    expect(created.key.startsWith(`rpl_${a.tenantId.replaceAll("-", "")}_${created.prefix}_`)).toBe(true);
    const row = await withTenant(db, a.tenantId, (tx) => tx.apiKey.findUniqueOrThrow({ where: { tenantId_id: { tenantId: a.tenantId, id: created.id } } }));
    expect(row.secretHash).toBe(hashApiKey(created.key));
    expect(JSON.stringify(row)).not.toContain(created.key.split("_")[3]);
    const audit = await withTenant(db, a.tenantId, (tx) =>
      tx.auditEntry.findFirst({ where: { tenantId: a.tenantId, action: "api_key.created", targetId: created.id } }),
    );
    expect(audit?.actorUserId).toBe(a.userId);
    expect(audit?.details).toMatchObject({ name: "Billetterie", prefix: created.prefix });
    expect(JSON.stringify(audit?.details)).not.toContain(created.key);
    expect((await withTenant(db, a.tenantId, (tx) => verifyAuditChain(tx, a.tenantId))).ok).toBe(true);
  });

  it("authenticates a key in its own tenant and records when it was last used", async () => {
    const created = await createApiKey(db, { tenantId: a.tenantId, userId: a.userId }, { name: "Lecture", scopes: ["imports:read"] });
    const now = new Date("2026-11-23T10:00:00Z");
    expect(await authenticateApiKey(db, bearer(created.key), "imports:read", now)).toEqual({
      outcome: "granted",
      tenantId: a.tenantId,
      keyId: created.id,
    });
    const listed = (await listApiKeys(db, { tenantId: a.tenantId, userId: a.userId })).find((k) => k.id === created.id);
    expect(listed?.lastUsedAt?.toISOString()).toBe(now.toISOString());
    expect(listed?.createdBy).toBe("Owner a");
    // A read-only key may not write.
    expect(await authenticateApiKey(db, bearer(created.key), "imports:write", now)).toMatchObject({ outcome: "forbidden" });
  });

  it("refuses a key whose tenant part was changed to another tenant's id", async () => {
    const created = await createApiKey(db, { tenantId: a.tenantId, userId: a.userId }, { name: "ERP", scopes: ["imports:read"] });
    const forged = created.key.replace(a.tenantId.replaceAll("-", ""), b.tenantId.replaceAll("-", ""));
    expect(await authenticateApiKey(db, bearer(forged), "imports:read")).toEqual({ outcome: "unauthenticated", reason: "unknown" });
  });

  it("refuses a missing, malformed or wrong key", async () => {
    const created = await createApiKey(db, { tenantId: a.tenantId, userId: a.userId }, { name: "ERP 2", scopes: ["imports:read"] });
    expect(await authenticateApiKey(db, null, "imports:read")).toMatchObject({ reason: "missing" });
    expect(await authenticateApiKey(db, "Bearer nope", "imports:read")).toMatchObject({ reason: "malformed" });
    const wrongSecret = `${created.key.slice(0, -4)}${created.key.endsWith("aaaa") ? "bbbb" : "aaaa"}`;
    expect(await authenticateApiKey(db, bearer(wrongSecret), "imports:read")).toMatchObject({ reason: "mismatch" });
  });

  it("revokes a key (audited, idempotent) after which it no longer authenticates", async () => {
    const actor = { tenantId: a.tenantId, userId: a.userId };
    const created = await createApiKey(db, actor, { name: "Ancien ERP", scopes: ["imports:write"] });
    expect((await authenticateApiKey(db, bearer(created.key), "imports:write")).outcome).toBe("granted");
    expect(await revokeApiKey(db, actor, created.id)).toEqual({ alreadyRevoked: false });
    expect(await revokeApiKey(db, actor, created.id)).toEqual({ alreadyRevoked: true });
    expect(await authenticateApiKey(db, bearer(created.key), "imports:write")).toEqual({ outcome: "unauthenticated", reason: "revoked" });
    const audits = await withTenant(db, a.tenantId, (tx) =>
      tx.auditEntry.count({ where: { tenantId: a.tenantId, action: "api_key.revoked", targetId: created.id } }),
    );
    expect(audits).toBe(1);
  });

  it("cannot revoke or list another tenant's key", async () => {
    const created = await createApiKey(db, { tenantId: a.tenantId, userId: a.userId }, { name: "Privée", scopes: ["imports:read"] });
    await expect(revokeApiKey(db, { tenantId: b.tenantId, userId: b.userId }, created.id)).rejects.toBeInstanceOf(ApiKeyNotFoundError);
    await expect(revokeApiKey(db, { tenantId: b.tenantId, userId: b.userId }, "not-a-uuid")).rejects.toBeInstanceOf(ApiKeyNotFoundError);
    const bKeys = await listApiKeys(db, { tenantId: b.tenantId, userId: b.userId });
    expect(bKeys.map((k) => k.id)).not.toContain(created.id);
    expect((await authenticateApiKey(db, bearer(created.key), "imports:read")).outcome).toBe("granted");
  });
});
