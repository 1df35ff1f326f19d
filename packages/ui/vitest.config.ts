import { defineConfig } from "vitest/config";

export default defineConfig({
  // JSX with React 19's automatic runtime, as in the apps.
  esbuild: { jsx: "automatic" },
  test: { include: ["src/**/*.test.{ts,tsx}"] },
});
