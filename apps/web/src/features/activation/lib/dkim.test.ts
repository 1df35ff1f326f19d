// The DKIM setting against a real PostgreSQL (RLS applies): the key is validated and sealed
// (no PEM in the row), only its DNS record is read back, an empty key keeps the saved one, and
// one tenant's scope neither reads nor writes another's setting.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, withTenant, type Database } from "@rappel/db";
import { createTestDatabase, createTwoTenants, type TenantRows, type TestDatabase } from "@rappel/db/testing";
import { createTenantDataKey } from "@rappel/personal-data";
import { DkimSettingsError, getDkimSettings, removeDkimSettings, saveDkimSettings } from "./dkim";

let testDb: TestDatabase;
let db: Database;
let a: TenantRows;
let b: TenantRows;
const master = { id: "mk1", key: randomBytes(32) };
const pem = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();
const scopeOf = (t: TenantRows) => ({ tenantId: t.tenantId, userId: t.userId });

beforeAll(async () => {
  testDb = await createTestDatabase("rappel_web_dkim_test");
  db = createDatabase(testDb.appUrl, { max: 4 });
  ({ a, b } = await createTwoTenants(db));
  for (const t of [a, b]) await withTenant(db, t.tenantId, (tx) => createTenantDataKey(tx, t.tenantId, master));
});
afterAll(async () => {
  await db?.$disconnect();
  await testDb?.drop();
});

describe("DKIM setting", () => {
  it("seals a valid key and shows only the DNS record to publish", async () => {
    await saveDkimSettings(db, scopeOf(a), master, { domain: "lumiere.example", selector: "rappel2026", privateKey: pem });
    const row = await withTenant(db, a.tenantId, (tx) => tx.senderIdentity.findUniqueOrThrow({ where: { tenantId: a.tenantId } }));
    expect(Buffer.from(row.dkimPrivateKeyEnc!).toString("latin1")).not.toContain("PRIVATE KEY");
    const settings = await getDkimSettings(db, scopeOf(a), master);
    expect(settings).toMatchObject({ domain: "lumiere.example", selector: "rappel2026", record: { name: "rappel2026._domainkey.lumiere.example" } });
    expect(settings?.record.value).toMatch(/^v=DKIM1; k=rsa; p=/);
    expect(JSON.stringify(settings)).not.toContain("PRIVATE");
    const audit = await withTenant(db, a.tenantId, (tx) => tx.auditEntry.findFirst({ where: { tenantId: a.tenantId, action: "activation.dkim_updated" } }));
    expect(JSON.stringify(audit?.details)).not.toContain("PRIVATE");
  });

  it("keeps the saved key when the field is left empty, and refuses a bad key without changing anything", async () => {
    const before = await getDkimSettings(db, scopeOf(a), master);
    await saveDkimSettings(db, scopeOf(a), master, { domain: "lumiere.example", selector: "s2", privateKey: undefined });
    const after = await getDkimSettings(db, scopeOf(a), master);
    expect(after?.selector).toBe("s2");
    expect(after?.record.value).toBe(before?.record.value);
    await expect(saveDkimSettings(db, scopeOf(a), master, { domain: "lumiere.example", selector: "s3", privateKey: "not a key" })).rejects.toMatchObject({ code: "not_pem" });
    expect((await getDkimSettings(db, scopeOf(a), master))?.selector).toBe("s2");
  });

  it("keeps tenants apart: b's scope sees no setting of a's, and its first save needs a key", async () => {
    expect(await getDkimSettings(db, scopeOf(b), master)).toBeNull();
    await expect(saveDkimSettings(db, scopeOf(b), master, { domain: "other.example", selector: "x", privateKey: undefined })).rejects.toBeInstanceOf(DkimSettingsError);
    await removeDkimSettings(db, scopeOf(b));
    expect((await getDkimSettings(db, scopeOf(a), master))?.domain).toBe("lumiere.example");
  });
});
