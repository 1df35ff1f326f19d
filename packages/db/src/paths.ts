import { fileURLToPath } from "node:url";
import { dirname, resolve } from "node:path";

/** The repository's prisma/ folder, wherever this package is run from. */
// Not `new URL(".", import.meta.url)`: bundlers (Next's Turbopack) treat that form as an asset
// reference and hand back an object fileURLToPath refuses, which broke `next build`.
export const prismaDir = resolve(dirname(fileURLToPath(import.meta.url)), "../../../prisma");
export const migrationsDir = resolve(prismaDir, "migrations");
export const schemaPath = resolve(prismaDir, "schema.prisma");
