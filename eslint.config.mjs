// Shared flat config for every package (each package's `lint` runs eslint from its folder).
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

export default tseslint.config(
  {
    ignores: ["**/node_modules/**", "**/.next/**", "**/generated/**", "**/dist/**", "**/next-env.d.ts", "**/playwright-report/**", "**/test-results/**"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Configuration is read once, by @rappel/config.
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read configuration through @rappel/config (loadEnv)." },
      ],
    },
  },
  {
    files: ["packages/config/src/**", "**/*.test.ts", "**/testing/**", "**/e2e/**", "**/*.config.ts", "scripts/**", "**/bench*.ts"],
    rules: { "no-restricted-properties": "off" },
  },
);
