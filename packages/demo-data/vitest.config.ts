import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // One migrated database per run (DATABASE_URL, MIGRATION_DATABASE_URL, MASTER_KEY set for the tests).
    globalSetup: ["../db/src/testing/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
