// The vitest settings of a package whose tests need a migrated PostgreSQL database:
//   test: { ...databaseTestSettings, testTimeout: … }
import { fileURLToPath } from "node:url";

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

export const databaseTestSettings = {
  globalSetup: [here("./global-setup.ts")],
  setupFiles: [here("./setup-env.ts")],
};
