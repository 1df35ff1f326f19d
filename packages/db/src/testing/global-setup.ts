// vitest globalSetup for packages whose tests need PostgreSQL: one migrated database per test
// project, dropped at the end. Its URLs reach the test workers through vitest's provide/inject
// (see setup-env.ts), not through process.env: when one vitest run covers several packages
// (`pnpm test`), every project's globalSetup runs in the same process, and environment variables
// set here would make them all share the last project's database.
import type { TestProject } from "vitest/node";
import { createTestDatabase } from "./test-database";

export interface ProvidedTestDatabase {
  appUrl: string;
  ownerUrl: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    rappelTestDatabase: ProvidedTestDatabase;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const db = await createTestDatabase();
  project.provide("rappelTestDatabase", { appUrl: db.appUrl, ownerUrl: db.ownerUrl });
  return async () => {
    // Keep the database when asked, to inspect a failing run.
    if (process.env.KEEP_TEST_DB) return;
    await db.drop();
  };
}
