// One vitest run over every package (each keeps its own vitest.config.ts, e.g. the globalSetup
// that creates a migrated test database). `pnpm test` uses it for a single summary;
// `turbo run test` runs the same tests package by package.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: ["packages/*", "apps/worker", "apps/web"],
  },
});
