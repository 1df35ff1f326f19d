// enable_tenant_rls(table), the SQL helper future migrations call on a new tenant-owned table:
// tried on a throw-away table inside a transaction that is rolled back (other tests list the
// catalog's tables), as the owner for the catalog, then as the application's role for the policy.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let owner: pg.Client;

beforeAll(async () => {
  owner = new pg.Client({ connectionString: process.env.MIGRATION_DATABASE_URL! });
  await owner.connect();
});
afterAll(async () => {
  await owner.end();
});

async function inRolledBackTransaction(work: () => Promise<void>) {
  await owner.query("BEGIN");
  try {
    await work();
  } finally {
    await owner.query("ROLLBACK");
  }
}

describe("enable_tenant_rls", () => {
  it("enables and forces RLS with the standard policy, once, and the policy isolates tenants", async () => {
    await inRolledBackTransaction(async () => {
      await owner.query(`CREATE TABLE "rls probe" (tenant_id uuid NOT NULL, note text NOT NULL, PRIMARY KEY (tenant_id, note))`);
      await owner.query(`SELECT enable_tenant_rls('"rls probe"')`);
      await owner.query(`SELECT enable_tenant_rls('"rls probe"')`); // a second call changes nothing
      const { rows: table } = await owner.query(`SELECT relrowsecurity AS on, relforcerowsecurity AS forced FROM pg_class WHERE oid = '"rls probe"'::regclass`);
      expect(table).toEqual([{ on: true, forced: true }]);
      const { rows: policies } = await owner.query(`SELECT policyname, cmd, qual, with_check FROM pg_policies WHERE tablename = 'rls probe'`);
      expect(policies).toEqual([
        { policyname: "tenant_isolation", cmd: "ALL", qual: "(tenant_id = ( SELECT app_current_tenant_id() AS app_current_tenant_id))", with_check: "(tenant_id = ( SELECT app_current_tenant_id() AS app_current_tenant_id))" },
      ]);

      // As the application's role: its own tenant's rows only, and no write into another tenant.
      const [mine, theirs] = [randomUUID(), randomUUID()];
      await owner.query(`GRANT SELECT, INSERT ON "rls probe" TO rappel_app_access`);
      await owner.query("SET LOCAL ROLE rappel_app_access");
      await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [mine]);
      await owner.query(`INSERT INTO "rls probe" VALUES ($1, 'mine')`, [mine]);
      await owner.query("SAVEPOINT foreign_write");
      await expect(owner.query(`INSERT INTO "rls probe" VALUES ($1, 'theirs')`, [theirs])).rejects.toThrow(/row-level security/);
      await owner.query("ROLLBACK TO SAVEPOINT foreign_write");
      expect((await owner.query(`SELECT note FROM "rls probe"`)).rows).toEqual([{ note: "mine" }]);
      await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [theirs]);
      expect((await owner.query(`SELECT note FROM "rls probe"`)).rows).toEqual([]);
    });
  });

  it("refuses a table without tenant_id, and the application's role may not call it", async () => {
    await inRolledBackTransaction(async () => {
      await owner.query(`CREATE TABLE rls_probe_platform (id uuid PRIMARY KEY)`);
      await expect(owner.query(`SELECT enable_tenant_rls('rls_probe_platform')`)).rejects.toThrow(/has no tenant_id column/);
    });
    const { rows } = await owner.query(`SELECT has_function_privilege('rappel_app_access', 'enable_tenant_rls(regclass)', 'EXECUTE') AS allowed`);
    expect(rows).toEqual([{ allowed: false }]);
  });
});
