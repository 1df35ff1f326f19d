// The Prisma client over node-postgres (driver adapter: no Rust engine at run time).
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";

export type Database = PrismaClient;
/** The client handed to code running inside a transaction (tenant-scoped or platform). */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

export function createDatabase(connectionString: string, options: { max?: number } = {}): Database {
  const adapter = new PrismaPg({ connectionString, max: options.max ?? 10 });
  return new PrismaClient({ adapter });
}
