// Prisma CLI configuration. Only `prisma generate` is used (see scripts/prisma-generate.ts);
// migrations are SQL files applied by `pnpm db:migrate` (docs/decisions/0002-migrations.md).
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
