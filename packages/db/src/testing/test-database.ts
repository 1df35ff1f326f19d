// A fresh database per test run, migrated, with its own application role; dropped afterwards.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { migrationsDir } from "../paths";
import { runMigrations } from "../migrate/run-migrations";

export interface TestDatabase {
  name: string;
  /** Owner connection (migrations, fixtures that need the owner, partition inspection). */
  ownerUrl: string;
  /** Application role connection: subject to RLS. */
  appUrl: string;
  drop(): Promise<void>;
}

/** The server to create test databases on; a superuser connection (trust auth here). */
function adminUrl(): string {
  return process.env.TEST_ADMIN_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
}

function withDatabase(url: string, database: string, user?: { name: string; password: string }): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  if (user) {
    u.username = user.name;
    u.password = user.password;
  }
  return u.toString();
}

export async function createTestDatabase(prefix = "rappel_test"): Promise<TestDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  await admin.end();
  const ownerUrl = withDatabase(adminUrl(), name);
  const appUrl = withDatabase(adminUrl(), name, { name: "rappel_test_app", password: "rappel_test_app" });
  await runMigrations({ ownerUrl, appUrl, migrationsDir });
  return {
    name,
    ownerUrl,
    appUrl,
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
      await client.end();
    },
  };
}
