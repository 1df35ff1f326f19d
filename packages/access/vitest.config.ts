import { defineConfig } from "vitest/config";

// Pure unit tests: no database. (Its own file, so `vitest run` here does not pick up the root
// workspace config with its relative project paths.)
export default defineConfig({ test: {} });
