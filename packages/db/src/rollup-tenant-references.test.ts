// Rollup rows check their tenant once per statement by triggers, not by per-row foreign keys
// (migration 20261201300000, decision 0022). Every rule the keys enforced must still hold.
import { randomBytes, randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type Database } from "./client";
import { provisionTenant } from "./tenants";

const appUrl = process.env.DATABASE_URL!;
const ownerUrl = process.env.MIGRATION_DATABASE_URL!;
let db: Database;
let app: pg.Client;
let owner: pg.Client;

const ROLLUPS = [
  "rollup_daily_sales", "rollup_audience", "rollup_performance_day", "rollup_performance", "rollup_order",
  "rollup_season_buyers", "rollup_audience_departement", "rollup_audience_channel",
] as const;

/** One row per rollup table for the tenant, one statement each (rollups reference only the tenant). */
function rollupInserts(tenantId: string): Record<(typeof ROLLUPS)[number], string> {
  const [t, p] = [`'${tenantId}'::uuid`, `'${randomUUID()}'::uuid`];
  return {
    rollup_daily_sales: `INSERT INTO rollup_daily_sales (tenant_id, day, performance_id, sales_channel, price_category, tickets, complimentary, revenue_cents, lead_days_sum)
      VALUES (${t}, '2026-01-10', ${p}, 'web', 'Plein', 2, 0, 4000, 20)`,
    rollup_audience: `INSERT INTO rollup_audience (tenant_id, performance_id, commune_code, departement, spectators, tickets, revenue_cents, distance_km_sum)
      VALUES (${t}, ${p}, '69123', '69', 1, 2, 4000, 3.5)`,
    rollup_performance_day: `INSERT INTO rollup_performance_day (tenant_id, performance_id, day, tickets, complimentary, revenue_cents, lead_days_sum)
      VALUES (${t}, ${p}, '2026-01-10', 2, 0, 4000, 20)`,
    rollup_performance: `INSERT INTO rollup_performance (tenant_id, performance_id, tickets, complimentary, revenue_cents, lead_days_sum, last_sale_day, top_price_cents)
      VALUES (${t}, ${p}, 2, 0, 4000, 20, '2026-01-10', 2000)`,
    rollup_order: `INSERT INTO rollup_order (tenant_id, performance_id, order_id, sales_channel, spectator_id, day, season, is_first_order)
      VALUES (${t}, ${p}, gen_random_uuid(), 'web', NULL, '2026-01-10', 2025, true)`,
    rollup_season_buyers: `INSERT INTO rollup_season_buyers (tenant_id, season, day, orders, buyers, new_buyers, repeat_buyers)
      VALUES (${t}, 2025, '2026-01-10', 1, 1, 1, 0)`,
    rollup_audience_departement: `INSERT INTO rollup_audience_departement (tenant_id, performance_id, departement, spectators, tickets, revenue_cents, distance_km_sum)
      VALUES (${t}, ${p}, '69', 1, 2, 4000, 3.5)`,
    rollup_audience_channel: `INSERT INTO rollup_audience_channel (tenant_id, performance_id, sales_channel, commune_code, departement, spectators, tickets, revenue_cents)
      VALUES (${t}, ${p}, 'web', '69123', '69', 1, 2, 4000)`,
  };
}

async function insertRollups(c: pg.ClientBase, tenantId: string): Promise<void> {
  for (const sql of Object.values(rollupInserts(tenantId))) await c.query(sql);
}

async function rollupCounts(tenantId: string): Promise<number[]> {
  const counts: number[] = [];
  for (const table of ROLLUPS) {
    const { rows } = await owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1`, [tenantId]);
    counts.push(rows[0]!.n);
  }
  return counts;
}

const newTenant = async () => (await provisionTenant(db, { slug: `rollup-${randomBytes(4).toString("hex")}`, name: "Rollups", kind: "theatre" }, { userId: null })).id;

async function inTenant<T>(c: pg.ClientBase, tenantId: string, work: () => Promise<T>): Promise<T> {
  await c.query("BEGIN");
  await c.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
  return work();
}

/**
 * Drops the tenant's partitions (committed), as demo-data's reset does before deleting a tenant:
 * dropping them locks `tenant` exclusively (their keys reference it), which would wait for any
 * open transaction that read it.
 */
async function dropPartitions(tenantId: string): Promise<void> {
  await inTenant(owner, tenantId, () => owner.query(`SELECT drop_tenant_partitions($1::uuid)`, [tenantId]));
  await owner.query("COMMIT");
}

beforeAll(async () => {
  db = createDatabase(appUrl);
  app = new pg.Client({ connectionString: appUrl });
  owner = new pg.Client({ connectionString: ownerUrl });
  await Promise.all([app.connect(), owner.connect()]);
});
afterAll(async () => {
  await Promise.all([app.end(), owner.end()]);
  await db.$disconnect();
});

describe("rollup rows' tenant checked per statement", () => {
  it("accepts rows of the application's tenant in every rollup table", async () => {
    const tenantId = await newTenant();
    await inTenant(app, tenantId, () => insertRollups(app, tenantId));
    await app.query("COMMIT");
    expect(await rollupCounts(tenantId)).toEqual(ROLLUPS.map(() => 1));
  });

  it.each(ROLLUPS)("refuses a %s row of a tenant that does not exist, under the old key's name", async (table) => {
    const missing = randomUUID();
    await owner.query("BEGIN");
    await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [missing]);
    const error = await owner.query(rollupInserts(missing)[table]).then(() => null, (e: unknown) => e);
    await owner.query("ROLLBACK");
    expect(error).toMatchObject({ code: "23503", constraint: `${table}_tenant_id_fkey` });
  });

  it("refuses one orphan among many rows of one statement", async () => {
    const tenantId = await newTenant();
    await owner.query("BEGIN");
    const error = await owner
      .query(
        `INSERT INTO rollup_season_buyers (tenant_id, season, day, orders, buyers, new_buyers, repeat_buyers)
         SELECT CASE WHEN i = 500 THEN gen_random_uuid() ELSE $1::uuid END, 2025, date '2025-09-01' + i, 1, 1, 0, 0
           FROM generate_series(1, 1000) i`,
        [tenantId],
      )
      .then(() => null, (e: unknown) => e);
    await owner.query("ROLLBACK");
    expect(error).toMatchObject({ code: "23503", constraint: "rollup_season_buyers_tenant_id_fkey" });
  });

  it("deletes a tenant's rollup rows with the tenant, and only its rows", async () => {
    const [gone, kept] = [await newTenant(), await newTenant()];
    for (const t of [gone, kept]) {
      await inTenant(app, t, () => insertRollups(app, t));
      await app.query("COMMIT");
    }
    await dropPartitions(gone);
    await owner.query(`DELETE FROM tenant WHERE id = $1`, [gone]);
    expect(await rollupCounts(gone)).toEqual(ROLLUPS.map(() => 0));
    expect(await rollupCounts(kept)).toEqual(ROLLUPS.map(() => 1));
  });

  it("refuses to move a rollup row to another tenant, or to change the id of a tenant with rollups", async () => {
    const [t, other] = [await newTenant(), await newTenant()];
    await inTenant(app, t, () => insertRollups(app, t));
    await app.query("COMMIT");
    for (const table of ROLLUPS) {
      await owner.query("BEGIN");
      const error = await owner.query(`UPDATE ${table} SET tenant_id = $2 WHERE tenant_id = $1`, [t, other]).then(() => null, (e: unknown) => e);
      await owner.query("ROLLBACK");
      expect(error, table).toMatchObject({ code: "23503", constraint: `${table}_tenant_id_fkey` });
    }
    // Ordinary updates are not concerned.
    await inTenant(app, t, () => app.query(`UPDATE rollup_order SET is_first_order = false WHERE tenant_id = $1`, [t]));
    await app.query("COMMIT");
    await owner.query("BEGIN");
    const renamed = await owner.query(`UPDATE tenant SET id = gen_random_uuid() WHERE id = $1`, [t]).then(() => null, (e: unknown) => e);
    await owner.query("ROLLBACK");
    expect(renamed).toMatchObject({ code: "23503" });
  });

  it("locks like a foreign key: a tenant deletion waits for a refresh's transaction, then deletes its rows", async () => {
    const tenantId = await newTenant();
    const deleter = new pg.Client({ connectionString: ownerUrl });
    await deleter.connect();
    try {
      await dropPartitions(tenantId);
      await inTenant(app, tenantId, () => insertRollups(app, tenantId));
      await deleter.query("BEGIN");
      let settled = false;
      const deleting = deleter.query(`DELETE FROM tenant WHERE id = $1`, [tenantId]).then(
        () => { settled = true; return null; },
        (e: unknown) => { settled = true; return e; },
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(settled).toBe(false);
      await app.query("COMMIT");
      expect(await deleting).toBeNull();
      await deleter.query("COMMIT");
      expect(await rollupCounts(tenantId)).toEqual(ROLLUPS.map(() => 0));

      // The deletion first: the refresh waits for it, then is refused.
      const second = await newTenant();
      await dropPartitions(second);
      await deleter.query("BEGIN");
      await deleter.query(`DELETE FROM tenant WHERE id = $1`, [second]);
      const inserting = inTenant(app, second, () => insertRollups(app, second)).then(() => null, (e: unknown) => e);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await deleter.query("COMMIT");
      expect(await inserting).toMatchObject({ code: "23503", constraint: "rollup_daily_sales_tenant_id_fkey" });
      await app.query("ROLLBACK");
    } finally {
      await deleter.end();
    }
  });
});
