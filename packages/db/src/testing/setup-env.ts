// vitest setupFile: points this test worker (and the processes it spawns) at its project's
// database, provided by global-setup.ts, with the secrets the code under test expects.
import { inject } from "vitest";
import "./global-setup";

const db = inject("rappelTestDatabase");
process.env.DATABASE_URL = db.appUrl;
process.env.MIGRATION_DATABASE_URL = db.ownerUrl;
process.env.MASTER_KEY ??= Buffer.alloc(32, 1).toString("base64");
process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret-0123";
