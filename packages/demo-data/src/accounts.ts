// Demo staff accounts: one per tenant role, plus the two platform roles (which need TOTP). The
// web app's end-to-end tests sign in with these, so the list is a contract: change it with them.
import { hashPassword, sealTotpSecret } from "@rappel/auth";
import { withTenant, type Database } from "@rappel/db";
import type { MasterKey } from "@rappel/personal-data";

export type DemoTenantRole =
  "owner" | "admin" | "analyst" | "marketer" | "survey_manager" | "viewer";

export interface DemoAccount {
  email: string;
  name: string;
  platformRole?: "superadmin" | "dpo";
  /** Fixed base32 TOTP secret (demo only: anyone reading this file can compute the codes). */
  totpSecret?: string;
  memberships: { tenantSlug: string; role: DemoTenantRole }[];
}

/** Shared by every demo account; demo only. */
export const DEMO_PASSWORD = "Rappel-demo-2026";

const LUMIERE = "theatre-lumiere";
const NUITS = "festival-nuits-ete";

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    email: "direction@rappel.demo",
    name: "Hélène Marchand",
    memberships: [
      { tenantSlug: LUMIERE, role: "owner" },
      { tenantSlug: NUITS, role: "admin" },
    ],
  },
  {
    email: "admin@lumiere.demo",
    name: "Julien Roux",
    memberships: [{ tenantSlug: LUMIERE, role: "admin" }],
  },
  {
    email: "analyste@lumiere.demo",
    name: "Sophie Bernard",
    memberships: [{ tenantSlug: LUMIERE, role: "analyst" }],
  },
  {
    email: "marketing@lumiere.demo",
    name: "Karim Benali",
    memberships: [{ tenantSlug: LUMIERE, role: "marketer" }],
  },
  {
    email: "enquetes@lumiere.demo",
    name: "Léa Dubois",
    memberships: [{ tenantSlug: LUMIERE, role: "survey_manager" }],
  },
  {
    email: "lecture@lumiere.demo",
    name: "Paul Girard",
    memberships: [{ tenantSlug: LUMIERE, role: "viewer" }],
  },
  {
    email: "direction@nuits-ete.demo",
    name: "Camille Aubert",
    memberships: [{ tenantSlug: NUITS, role: "owner" }],
  },
  {
    email: "superadmin@rappel.demo",
    name: "Marc Delorme",
    platformRole: "superadmin",
    totpSecret: "KRUGKIDROVUWG2ZAMJZG653OEBTG66BA",
    memberships: [],
  },
  {
    email: "dpo@rappel.demo",
    name: "Nadia Lefort",
    platformRole: "dpo",
    totpSecret: "JVQXE2LBNZXWK4TTMVZHSZLFOJSWY5DB",
    memberships: [],
  },
];

/**
 * Creates (or brings back to their demo state) the accounts and their memberships. Accounts are
 * platform rows, kept across `--reset`; memberships go with their tenant.
 */
export async function createDemoAccounts(
  db: Database,
  masterKey: MasterKey,
  tenantIds: Map<string, string>,
): Promise<number> {
  const hashes = await Promise.all(DEMO_ACCOUNTS.map(() => hashPassword(DEMO_PASSWORD)));
  for (const [i, account] of DEMO_ACCOUNTS.entries()) {
    const data = {
      name: account.name,
      passwordHash: hashes[i]!,
      platformRole: account.platformRole ?? null,
      disabledAt: null,
    };
    const user = await db.user.upsert({
      where: { email: account.email },
      create: { email: account.email, ...data },
      update: data,
      select: { id: true },
    });
    await db.user.update({
      where: { id: user.id },
      data: {
        totpSecretEnc: account.totpSecret
          ? sealTotpSecret(masterKey, user.id, account.totpSecret)
          : null,
      },
    });
    for (const m of account.memberships) {
      const tenantId = tenantIds.get(m.tenantSlug);
      if (!tenantId) continue;
      await withTenant(db, tenantId, (tx) =>
        tx.membership.upsert({
          where: { tenantId_userId: { tenantId, userId: user.id } },
          create: { tenantId, userId: user.id, role: m.role },
          update: { role: m.role },
        }),
      );
    }
  }
  return DEMO_ACCOUNTS.length;
}
