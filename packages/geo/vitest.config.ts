import { defineConfig } from "vitest/config";

// Loading the full commune reference (~37k records) once takes well under a second; the
// generous timeout covers a cold, busy CI machine.
export default defineConfig({
  test: { testTimeout: 20_000 },
});
