import { defineConfig } from "vitest/config";
import { databaseTestSettings } from "../../packages/db/src/testing/vitest-preset";

export default defineConfig({
  test: {
    // A migrated database per test project (DATABASE_URL, MIGRATION_DATABASE_URL, MASTER_KEY).
    ...databaseTestSettings,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
