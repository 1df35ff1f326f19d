// One Prisma client per process (the pool is shared by every request). Kept on globalThis so
// dev-mode module reloads do not open a new pool each time. Created on first use, never at build.
import { loadEnv } from "@rappel/config";
import { createDatabase, createTenantBatch, type Database, type TenantBatch } from "@rappel/db";

const holder = globalThis as typeof globalThis & { rappelDatabase?: Database; rappelTenantBatch?: TenantBatch };

export function getDb(): Database {
  holder.rappelDatabase ??= createDatabase(loadEnv().DATABASE_URL);
  return holder.rappelDatabase;
}

/** One-round-trip tenant statements for the public survey pages' hot reads (a pool of its own). */
export function getTenantBatch(): TenantBatch {
  holder.rappelTenantBatch ??= createTenantBatch(loadEnv().DATABASE_URL);
  return holder.rappelTenantBatch;
}
