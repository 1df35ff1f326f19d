import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // A migrated database per run (sets DATABASE_URL, MIGRATION_DATABASE_URL, MASTER_KEY).
    globalSetup: ["../db/src/testing/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
