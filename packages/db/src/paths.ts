import { fileURLToPath } from "node:url";
import { resolve } from "node:path";

/** The repository's prisma/ folder, wherever this package is run from. */
export const prismaDir = resolve(fileURLToPath(new URL(".", import.meta.url)), "../../../prisma");
export const migrationsDir = resolve(prismaDir, "migrations");
export const schemaPath = resolve(prismaDir, "schema.prisma");
