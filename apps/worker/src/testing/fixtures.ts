// Shared test fixtures: real PostgreSQL (from the db package's globalSetup) and real Redis.
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import {
  appendAuditEntry,
  createDatabase,
  provisionTenant,
  withTenant,
  type Database,
} from "@rappel/db";
import { createLogger, type Logger, type TLogLevel } from "../logger";

export function appDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url)
    throw new Error(
      "DATABASE_URL is not set: run through vitest (globalSetup creates the database)",
    );
  return url;
}

export function ownerDatabaseUrl(): string {
  const url = process.env.MIGRATION_DATABASE_URL;
  if (!url) throw new Error("MIGRATION_DATABASE_URL is not set: run through vitest");
  return url;
}

export function openAppDatabase(): Database {
  return createDatabase(appDatabaseUrl(), { max: 4 });
}

/** The owner's connection: bypasses nothing by policy, but can do what the app role may not. */
export function openOwnerDatabase(): Database {
  return createDatabase(ownerDatabaseUrl(), { max: 2 });
}

/** A provisioned tenant with `entries` audit entries after its "tenant.created" one. */
export async function createTenantWithAudit(db: Database, entries = 3): Promise<string> {
  const suffix = randomBytes(4).toString("hex");
  const tenant = await provisionTenant(
    db,
    { slug: `t-${suffix}`, name: `Théâtre ${suffix}`, kind: "theatre" },
    { userId: null },
  );
  await withTenant(db, tenant.id, async (tx) => {
    for (let i = 0; i < entries; i += 1) {
      await appendAuditEntry(tx, tenant.id, {
        actorKind: "system",
        action: "test.event",
        details: { i },
      });
    }
  });
  return tenant.id;
}

export interface CapturedLogger {
  logger: Logger;
  lines: Record<string, unknown>[];
}

export function captureLogger(level: TLogLevel = "debug"): CapturedLogger {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    level,
    write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>),
  });
  return { logger, lines };
}

/** A TCP port that was free a moment ago (listen on 0, read it, close). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function waitFor<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
