// Test fixtures: real PostgreSQL from the db package's globalSetup, a provisioned tenant with
// its data key, and a private storage folder per test file.
import { randomBytes } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { createDatabase, provisionTenant, type Database } from "@rappel/db";
import { createTenantDataKey, type MasterKey } from "@rappel/personal-data";

export function testMasterKey(): MasterKey {
  const key = process.env.MASTER_KEY;
  if (!key) throw new Error("MASTER_KEY is not set: run through vitest (globalSetup)");
  return { id: process.env.MASTER_KEY_ID ?? "mk1", key: Buffer.from(key, "base64") };
}

export function appUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: run through vitest (globalSetup)");
  return url;
}

export function ownerUrl(): string {
  const url = process.env.MIGRATION_DATABASE_URL;
  if (!url) throw new Error("MIGRATION_DATABASE_URL is not set: run through vitest (globalSetup)");
  return url;
}

export function openAppDatabase(max = 4): Database {
  return createDatabase(appUrl(), { max });
}

/** A tenant with partitions and a data key, as provisioning creates it. */
export async function createTestTenant(db: Database, master: MasterKey = testMasterKey()): Promise<string> {
  const suffix = randomBytes(4).toString("hex");
  const tenant = await provisionTenant(db, { slug: `imp-${suffix}`, name: `Théâtre ${suffix}`, kind: "theatre" }, { userId: null }, async (tx, t) => {
    await createTenantDataKey(tx, t.id, master);
  });
  return tenant.id;
}

export async function tempStorageDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), "rappel-import-test-"));
}

/** A byte stream of `text` encoded as Windows-1252 (what French Excel saves). */
export function windows1252(text: string): Readable {
  const bytes: number[] = [];
  const extra: Record<string, number> = { "€": 0x80, "œ": 0x9c, "Œ": 0x8c, "’": 0x92, "…": 0x85 };
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (extra[ch] !== undefined) bytes.push(extra[ch]);
    else if (code < 256) bytes.push(code);
    else throw new Error(`not in Windows-1252: ${ch}`);
  }
  return Readable.from([Buffer.from(bytes)]);
}

export function utf8(text: string): Readable {
  return Readable.from([Buffer.from(text, "utf8")]);
}
