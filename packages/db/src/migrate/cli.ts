// `pnpm db:migrate`: applies pending migrations as the owner (MIGRATION_DATABASE_URL, else
// DATABASE_URL) and makes sure the application role from DATABASE_URL exists.
import { loadEnv } from "@rappel/config";
import { migrationsDir } from "../paths";
import { runMigrations } from "./run-migrations";

const env = loadEnv();
const result = await runMigrations({
  ownerUrl: env.MIGRATION_DATABASE_URL ?? env.DATABASE_URL,
  appUrl: env.DATABASE_URL,
  migrationsDir,
  log: (line) => console.log(line),
});
console.log(`migrations: ${result.applied.length} applied, ${result.alreadyApplied.length} already applied`);
