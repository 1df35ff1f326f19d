// The structural promises of DESIGN.md §3, checked on the migrated database's catalog.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type Database } from "./client";
import { roleFromUrl } from "./migrate/app-role";
import { withTenant } from "./tenant-scope";
import { analyzeTenantTables } from "./tenants";
import { createTwoTenants, type TenantRows } from "./testing/two-tenants";

const appUrl = process.env.DATABASE_URL!;
const ownerUrl = process.env.MIGRATION_DATABASE_URL!;
const HIGH_VOLUME = ["spectator", "consent", "ticket_order", "ticket", "audit_entry"];

let owner: pg.Client;
let app: pg.Client;
let db: Database;
let a: TenantRows;
let tenantTables: string[];

beforeAll(async () => {
  db = createDatabase(appUrl);
  ({ a } = await createTwoTenants(db));
  owner = new pg.Client({ connectionString: ownerUrl });
  app = new pg.Client({ connectionString: appUrl });
  await Promise.all([owner.connect(), app.connect()]);
  const { rows } = await owner.query<{ table: string }>(`
    SELECT c.relname AS table FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
     WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r','p') AND a.attname = 'tenant_id' ORDER BY 1`);
  tenantTables = rows.map((r) => r.table);
});
afterAll(async () => {
  await Promise.all([owner.end(), app.end(), db.$disconnect()]);
});

describe("tenant-owned tables", () => {
  it("exist (the catalog query finds them)", () => {
    expect(tenantTables).toEqual(expect.arrayContaining(["venue", "spectator", "ticket", "audit_entry", "membership"]));
  });

  it("all have row-level security enabled and forced", async () => {
    const { rows } = await owner.query<{ relname: string; on: boolean; forced: boolean }>(
      `SELECT relname, relrowsecurity AS on, relforcerowsecurity AS forced FROM pg_class
        WHERE relnamespace = 'public'::regnamespace AND relname = ANY($1)`,
      [tenantTables],
    );
    expect(rows).toHaveLength(tenantTables.length);
    for (const r of rows) expect({ table: r.relname, on: r.on, forced: r.forced }).toEqual({ table: r.relname, on: true, forced: true });
  });

  it("all lead their primary key with tenant_id", async () => {
    const { rows } = await owner.query<{ table: string; first: string }>(
      `SELECT c.relname AS table, a.attname AS first FROM pg_constraint k
         JOIN pg_class c ON c.oid = k.conrelid
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.conkey[1]
        WHERE k.contype = 'p' AND c.relname = ANY($1) AND k.conparentid = 0`,
      [tenantTables],
    );
    expect(rows.map((r) => r.table).sort()).toEqual(tenantTables);
    for (const r of rows) expect(`${r.table}.${r.first}`).toBe(`${r.table}.tenant_id`);
  });

  it("lead every foreign key to another tenant-owned table with tenant_id on both sides", async () => {
    const { rows } = await owner.query<{ name: string; from_first: string; to_first: string }>(
      `SELECT k.conname AS name, fa.attname AS from_first, ta.attname AS to_first FROM pg_constraint k
         JOIN pg_class f ON f.oid = k.conrelid JOIN pg_class t ON t.oid = k.confrelid
         JOIN pg_attribute fa ON fa.attrelid = f.oid AND fa.attnum = k.conkey[1]
         JOIN pg_attribute ta ON ta.attrelid = t.oid AND ta.attnum = k.confkey[1]
        WHERE k.contype = 'f' AND k.conparentid = 0 AND f.relname = ANY($1) AND t.relname = ANY($1)`,
      [tenantTables],
    );
    expect(rows.length).toBeGreaterThanOrEqual(7);
    for (const r of rows) expect(`${r.name}: ${r.from_first}->${r.to_first}`).toBe(`${r.name}: tenant_id->tenant_id`);
  });

  it("partitions the high-volume tables by LIST (tenant_id)", async () => {
    const { rows } = await owner.query<{ table: string; def: string }>(
      `SELECT c.relname AS table, pg_get_partkeydef(c.oid) AS def FROM pg_class c
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'p'`,
    );
    expect(rows.map((r) => r.table).sort()).toEqual([...HIGH_VOLUME].sort());
    for (const r of rows) expect(r.def).toBe("LIST (tenant_id)");
  });

  it("gives each tenant its own partitions when the tenant is created", async () => {
    const { rows } = await owner.query<{ parent: string }>(
      `SELECT p.relname AS parent FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
         JOIN pg_class p ON p.oid = i.inhparent
        WHERE c.relname LIKE '%' || replace($1, '-', '')`,
      [a.tenantId],
    );
    expect(rows.map((r) => r.parent).sort()).toEqual([...HIGH_VOLUME].sort());
  });
});

describe("the application role", () => {
  it("is not a superuser, cannot bypass RLS and owns nothing", async () => {
    const { user } = roleFromUrl(appUrl);
    const { rows } = await owner.query(
      `SELECT r.rolsuper, r.rolbypassrls,
              (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid) AS owned
         FROM pg_roles r WHERE r.rolname = $1`,
      [user],
    );
    expect(rows[0]).toEqual({ rolsuper: false, rolbypassrls: false, owned: 0 });
  });

  it("sees zero rows in every tenant-owned table when no tenant is set", async () => {
    for (const table of tenantTables) {
      const owned = await owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
      expect(owned.rows[0]!.n, `owner sees rows in ${table}`).toBeGreaterThan(0);
      const seen = await app.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
      expect(seen.rows[0]!.n, `app role without tenant in ${table}`).toBe(0);
    }
  });

  it("cannot reach a tenant's partition directly, which the parent's policy would not protect", async () => {
    const partition = `tenant_partitions.spectator_${a.tenantId.replaceAll("-", "")}`;
    await expect(app.query(`SELECT count(*) FROM ${partition}`)).rejects.toThrow(/permission denied/);
    await expect(app.query(`DELETE FROM ${partition}`)).rejects.toThrow(/permission denied/);
  });

  it("cannot drop a tenant's partitions, update the audit log, or delete data keys", async () => {
    await expect(app.query(`SELECT drop_tenant_partitions($1)`, [a.tenantId])).rejects.toThrow(/permission denied/);
    await app.query("BEGIN");
    await app.query(`SELECT set_config('app.tenant_id', $1, true)`, [a.tenantId]);
    await expect(app.query(`UPDATE audit_entry SET action = 'x'`)).rejects.toThrow(/permission denied/);
    await app.query("ROLLBACK");
    await app.query("BEGIN");
    await app.query(`SELECT set_config('app.tenant_id', $1, true)`, [a.tenantId]);
    await expect(app.query(`DELETE FROM tenant_data_key`)).rejects.toThrow(/permission denied/);
    await app.query("ROLLBACK");
  });
});

describe("planner statistics after a bulk write", () => {
  it("the application refreshes its own tenant's partition statistics, and no other tenant's", async () => {
    const { a: mine, b: theirs } = await createTwoTenants(db);
    const partition = `spectator_${mine.tenantId.replaceAll("-", "")}`;
    await withTenant(db, mine.tenantId, (tx) => analyzeTenantTables(tx, mine.tenantId));
    const { rows } = await owner.query<{ analyzed: Date | null }>(
      "SELECT last_analyze AS analyzed FROM pg_stat_user_tables WHERE relname = $1",
      [partition],
    );
    expect(rows[0]?.analyzed).toBeInstanceOf(Date);
    await expect(withTenant(db, mine.tenantId, (tx) => analyzeTenantTables(tx, theirs.tenantId))).rejects.toThrow(
      /not the tenant of this transaction/,
    );
  });
});

describe("dropping a tenant's partitions (offboarding, owner only)", () => {
  it("removes that tenant's high-volume rows and leaves other tenants' rows", async () => {
    const fresh = await createTwoTenants(db);
    const before = await owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM ticket WHERE tenant_id = $1`, [fresh.b.tenantId]);
    expect(before.rows[0]!.n).toBe(1);
    const dropped = await owner.query<{ n: number }>(`SELECT drop_tenant_partitions($1) AS n`, [fresh.a.tenantId]);
    expect(dropped.rows[0]!.n).toBe(HIGH_VOLUME.length);
    const left = await owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM spectator WHERE tenant_id = $1`, [fresh.a.tenantId]);
    expect(left.rows[0]!.n).toBe(0);
    const other = await owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM ticket WHERE tenant_id = $1`, [fresh.b.tenantId]);
    expect(other.rows[0]!.n).toBe(1);
  });
});
