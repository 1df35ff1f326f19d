import { cpSync, mkdtempSync, appendFileSync, readdirSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { migrationsDir } from "../paths";
import { assertSafeAppRole } from "./app-role";
import { readMigrations, runMigrations } from "./run-migrations";

const ownerUrl = process.env.MIGRATION_DATABASE_URL!;
const appUrl = process.env.DATABASE_URL!;

function copyOfMigrations(): string {
  const dir = mkdtempSync(join(tmpdir(), "rappel-migrations-"));
  cpSync(migrationsDir, dir, { recursive: true });
  return dir;
}

describe("runMigrations", () => {
  it("applies nothing twice", async () => {
    const result = await runMigrations({ ownerUrl, appUrl, migrationsDir });
    expect(result.applied).toEqual([]);
    expect(result.alreadyApplied).toEqual(readMigrations(migrationsDir).map((m) => m.name));
  });

  it("records migrations in Prisma's _prisma_migrations layout", async () => {
    const client = new pg.Client({ connectionString: ownerUrl });
    await client.connect();
    const { rows } = await client.query("SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name");
    await client.end();
    expect(rows.map((r) => r.migration_name)).toEqual(readMigrations(migrationsDir).map((m) => m.name));
    for (const r of rows) expect(r.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses a migration edited after it was applied", async () => {
    const dir = copyOfMigrations();
    const first = readdirSync(dir).filter((d) => !d.endsWith(".toml")).sort()[0]!;
    appendFileSync(join(dir, first, "migration.sql"), "\n-- edited\n");
    await expect(runMigrations({ ownerUrl, appUrl, migrationsDir: dir })).rejects.toThrow(/was changed after it was applied/);
  });

  it("applies a new migration in a transaction, and rolls a failing one back entirely", async () => {
    const dir = copyOfMigrations();
    mkdirSync(join(dir, "29990101000000_good"));
    writeFileSync(join(dir, "29990101000000_good", "migration.sql"), "CREATE TABLE migration_probe (id int);");
    mkdirSync(join(dir, "29990101000001_bad"));
    writeFileSync(join(dir, "29990101000001_bad", "migration.sql"), "CREATE TABLE half_done (id int); SELECT no_such_function();");
    await expect(runMigrations({ ownerUrl, appUrl, migrationsDir: dir })).rejects.toThrow(/29990101000001_bad failed/);
    const client = new pg.Client({ connectionString: ownerUrl });
    await client.connect();
    const probe = await client.query("SELECT to_regclass('migration_probe') AS good, to_regclass('half_done') AS bad");
    await client.query("DROP TABLE migration_probe");
    await client.query("DELETE FROM _prisma_migrations WHERE migration_name = '29990101000000_good'");
    await client.end();
    expect(probe.rows[0]).toEqual({ good: "migration_probe", bad: null });
  });
});

describe("assertSafeAppRole", () => {
  it("accepts the application role", async () => {
    await expect(assertSafeAppRole(appUrl)).resolves.toBeUndefined();
  });

  it("refuses to run the application as the owner or a superuser", async () => {
    await expect(assertSafeAppRole(ownerUrl)).rejects.toThrow(/superuser, bypasses RLS or owns tables/);
  });
});
