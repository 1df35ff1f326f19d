// Test fixtures for this package's integration tests: tenants, staff users and memberships
// created through the application role (the same path the product uses), with unique names so
// test files sharing one database do not collide.
import { randomBytes } from "node:crypto";
import { createDatabase, provisionTenant, withTenant, type Database, type Tenant } from "@rappel/db";
import { masterKeyFromEnv, type MasterKey } from "@rappel/personal-data";
import type { PlatformRole, TenantRole } from "@rappel/access";
import { hashPassword } from "../password";
import { generateTotpSecret, sealTotpSecret } from "../totp";

export const TEST_PASSWORD = "correct horse battery staple";

export function testDatabase(): Database {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: run through vitest (globalSetup creates the database)");
  return createDatabase(url, { max: 4 });
}

export function testMasterKey(): MasterKey {
  return masterKeyFromEnv({ MASTER_KEY: process.env.MASTER_KEY ?? "", MASTER_KEY_ID: "mk1" });
}

export function uniqueSuffix(): string {
  return randomBytes(4).toString("hex");
}

export async function createTenant(db: Database, slugBase: string): Promise<Tenant> {
  const suffix = uniqueSuffix();
  return provisionTenant(db, { slug: `${slugBase}-${suffix}`, name: `${slugBase} ${suffix}`, kind: "theatre" }, { userId: null });
}

export interface CreatedUser {
  id: string;
  email: string;
  totpSecret?: string;
}

export async function createUser(
  db: Database,
  options: { name?: string; platformRole?: PlatformRole; disabled?: boolean; withTotp?: boolean } = {},
): Promise<CreatedUser> {
  const email = `user-${uniqueSuffix()}@example.test`;
  const user = await db.user.create({
    data: {
      email,
      name: options.name ?? "Test User",
      passwordHash: await hashPassword(TEST_PASSWORD),
      platformRole: options.platformRole ?? null,
      disabledAt: options.disabled ? new Date() : null,
    },
  });
  if (!options.withTotp) return { id: user.id, email };
  const totpSecret = generateTotpSecret();
  await db.user.update({ where: { id: user.id }, data: { totpSecretEnc: sealTotpSecret(testMasterKey(), user.id, totpSecret) } });
  return { id: user.id, email, totpSecret };
}

export async function addMembership(db: Database, tenantId: string, userId: string, role: TenantRole): Promise<void> {
  await withTenant(db, tenantId, (tx) => tx.membership.create({ data: { tenantId, userId, role } }));
}
