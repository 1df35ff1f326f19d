// vitest globalSetup for packages whose tests need PostgreSQL: one migrated database per run,
// exposed to the test workers through the environment, dropped at the end.
import { createTestDatabase } from "./test-database";

export default async function setup(): Promise<() => Promise<void>> {
  const db = await createTestDatabase();
  process.env.DATABASE_URL = db.appUrl;
  process.env.MIGRATION_DATABASE_URL = db.ownerUrl;
  process.env.MASTER_KEY ??= Buffer.alloc(32, 1).toString("base64");
  process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret-0123";
  return async () => {
    // Keep the database when asked, to inspect a failing run.
    if (process.env.KEEP_TEST_DB) return;
    await db.drop();
  };
}
