// Migration 20261128300000 on a database that already holds DPO history: the versions written
// before it get their hash chain (in version order, per document, sub-processor and tenant — the
// ST versions behind forced RLS included), the sub-processors already registered get a first
// version, and everything verifies afterwards.
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, migrationsDir, runMigrations, type Database } from "@rappel/db";
import { verifyPlatformChains, verifyProcessorRecordChain } from "./version-chain";

const MIGRATION = "20261128300000_dpo_vendor_profile_and_version_chain";
const adminUrl = process.env.TEST_ADMIN_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const name = `rappel_test_backfill_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
const at = (database: string, user?: string) => {
  const u = new URL(adminUrl);
  u.pathname = `/${database}`;
  if (user) [u.username, u.password] = [user, user];
  return u.toString();
};
const ownerUrl = at(name);
const appUrl = at(name, "rappel_test_app");
let before: string;
let owner: pg.Client;
let db: Database;

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  await admin.end();
  // The migrations up to (not including) this one.
  before = mkdtempSync(join(tmpdir(), "rappel-before-chain-"));
  cpSync(migrationsDir, before, { recursive: true });
  for (const dir of readdirSync(before)) if (!dir.endsWith(".toml") && dir >= MIGRATION) rmSync(join(before, dir), { recursive: true });
  await runMigrations({ ownerUrl, appUrl, migrationsDir: before });
  owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  db = createDatabase(appUrl, { max: 2 });
});
afterAll(async () => {
  await db?.$disconnect();
  await owner?.end();
  rmSync(before, { recursive: true, force: true });
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  await admin.end();
});

describe("migration 20261128300000 on existing history", () => {
  it("chains the versions already written and seeds the vendor profile", async () => {
    // In SQL, not through provisionTenant: the Prisma client knows columns that later migrations add.
    const { rows: [tenant] } = await owner.query("INSERT INTO tenant (slug, name, kind) VALUES ($1, 'Salle existante', 'theatre') RETURNING id", [`bf-${randomBytes(3).toString("hex")}`]);
    await owner.query("SELECT create_tenant_partitions($1)", [tenant.id]);
    const { rows: [doc] } = await owner.query("INSERT INTO dpo_document (kind, reference, title, content, version) VALUES ('breach', 'VIO-2026-001', 'Ancienne', '{\"title\":\"v3\"}', 3) RETURNING id");
    for (const v of [1, 2, 3]) {
      await owner.query("INSERT INTO dpo_document_version (document_id, version, content, changes, note, created_at) VALUES ($1, $2, $3, '[]', 'old', now() - ($4 || ' hours')::interval)", [doc.id, v, JSON.stringify({ title: `v${v}` }), String(4 - v)]);
    }
    await owner.query("BEGIN");
    await owner.query("SELECT set_config('app.tenant_id', $1, true)", [tenant.id]);
    await owner.query("INSERT INTO dpo_processor_record (tenant_id, content, hand_edited, version) VALUES ($1, '{\"name\":\"v2\"}', '{}', 2)", [tenant.id]);
    for (const v of [1, 2]) await owner.query("INSERT INTO dpo_processor_record_version (tenant_id, version, content, changes) VALUES ($1, $2, $3, '[]')", [tenant.id, v, JSON.stringify({ name: `v${v}` })]);
    await owner.query("COMMIT");
    await owner.query("INSERT INTO dpo_subprocessor (name, service, data_categories, location, transfer_safeguards) VALUES ('Ancien hébergeur', 'Hébergement', '{}', 'FR', '')");

    const result = await runMigrations({ ownerUrl, appUrl, migrationsDir });
    expect(result.applied).toContain(MIGRATION);

    const { rows } = await owner.query("SELECT version, prev_hash, hash FROM dpo_document_version WHERE document_id = $1 ORDER BY version", [doc.id]);
    expect(rows.map((r) => /^[0-9a-f]{64}$/.test(r.hash))).toEqual([true, true, true]);
    expect(rows.map((r) => r.prev_hash)).toEqual([null, rows[0].hash, rows[1].hash]);
    const platform = await verifyPlatformChains(db);
    expect(platform.breaks).toEqual([]);
    // Three breach versions, the vendor profile's first version, the sub-processor's first version.
    expect(platform.checkedVersions).toBe(5);
    const dpo = await db.user.create({ data: { email: `dpo-${randomBytes(3).toString("hex")}@example.test`, name: "Dana", passwordHash: "x", platformRole: "dpo" } });
    const st = await verifyProcessorRecordChain(db, { userId: dpo.id }, tenant.id);
    expect(st).toEqual({ checkedVersions: 2, breaks: [] });
    // Forced RLS is back on the ST versions after the backfill.
    const { rows: [force] } = await owner.query("SELECT relforcerowsecurity FROM pg_class WHERE relname = 'dpo_processor_record_version'");
    expect(force.relforcerowsecurity).toBe(true);
  });
});
