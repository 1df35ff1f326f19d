// One Prisma client per process (the pool is shared by every request). Kept on globalThis so
// dev-mode module reloads do not open a new pool each time. Created on first use, never at build.
import { loadEnv } from "@rappel/config";
import { createDatabase, type Database } from "@rappel/db";

const holder = globalThis as typeof globalThis & { rappelDatabase?: Database };

export function getDb(): Database {
  holder.rappelDatabase ??= createDatabase(loadEnv().DATABASE_URL);
  return holder.rappelDatabase;
}
