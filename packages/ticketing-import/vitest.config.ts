import { defineConfig } from "vitest/config";

// The heap test streams 200,000 rows; give it room on a busy 2-core CI machine.
export default defineConfig({
  test: { testTimeout: 60_000 },
});
