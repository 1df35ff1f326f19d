import { defineConfig } from "vitest/config";
import { databaseTestSettings } from "./src/testing/vitest-preset";

export default defineConfig({
  test: {
    ...databaseTestSettings,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
