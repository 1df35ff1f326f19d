// The screens load an import only through the tenant from the URL (resolved by the guard): an id
// of another tenant is "not found", exactly like an id that does not exist.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, withTenant, type Database } from "@rappel/db";
import { createTestDatabase, createTwoTenants, type TenantRows, type TestDatabase } from "@rappel/db/testing";
import { ImportNotFoundError } from "@rappel/ignition-import";
import { loadImportStatus } from "./import-status";

let testDb: TestDatabase;
let db: Database;
let a: TenantRows;
let b: TenantRows;

beforeAll(async () => {
  testDb = await createTestDatabase("rappel_web_imports_test");
  db = createDatabase(testDb.appUrl, { max: 2 });
  ({ a, b } = await createTwoTenants(db));
});

afterAll(async () => {
  await db?.$disconnect();
  await testDb?.drop();
});

describe("loadImportStatus", () => {
  it("loads the tenant's own import", async () => {
    const view = await withTenant(db, a.tenantId, (tx) => loadImportStatus(tx, a.tenantId, a.importId));
    expect(view).toMatchObject({ id: a.importId, status: "uploaded", source: "ui", fileSize: 10 });
  });

  it("does not find another tenant's import, whichever scope it is asked from", async () => {
    await expect(withTenant(db, b.tenantId, (tx) => loadImportStatus(tx, b.tenantId, a.importId))).rejects.toBeInstanceOf(ImportNotFoundError);
    // Even inside A's scope, asking with B's id as the explicit tenant finds nothing.
    await expect(withTenant(db, a.tenantId, (tx) => loadImportStatus(tx, b.tenantId, a.importId))).rejects.toBeInstanceOf(ImportNotFoundError);
    await expect(withTenant(db, a.tenantId, (tx) => loadImportStatus(tx, a.tenantId, "not-a-uuid"))).rejects.toBeInstanceOf(ImportNotFoundError);
  });
});
