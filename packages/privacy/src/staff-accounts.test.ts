// Disabled staff accounts past the retention period and belonging to no tenant are anonymised;
// one still a member somewhere, one disabled recently, and the vendor's platform accounts are not.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant, type Database } from "@rappel/db";
import { anonymiseDisabledStaffAccounts, ERASED_ACCOUNT_NAME, erasedAccountEmail } from "./staff-accounts";
import { createTestTenant, openAppDatabase } from "./testing/fixtures";

let db: Database;
beforeAll(() => {
  db = openAppDatabase();
});
afterAll(async () => db.$disconnect());

const now = new Date("2026-11-20T10:00:00Z");
const monthsAgo = (months: number) => new Date(Date.UTC(2026, 10 - months, 19, 12));

async function account(label: string, disabledAt: Date | null, platformRole?: "dpo") {
  return db.user.create({
    data: { email: `${label}-${randomBytes(4).toString("hex")}@example.test`, name: `Marie ${label}`, passwordHash: "hash", disabledAt, ...(platformRole ? { platformRole } : {}) },
  });
}

describe("anonymiseDisabledStaffAccounts", () => {
  it("anonymises only accounts disabled past the period with no membership left, once", async () => {
    const gone = await account("gone", monthsAgo(7));
    const member = await account("member", monthsAgo(7));
    const recent = await account("recent", monthsAgo(5));
    const dpo = await account("dpo", monthsAgo(12), "dpo");
    const tenant = await createTestTenant(db);
    await withTenant(db, tenant.tenantId, (tx) => tx.membership.create({ data: { tenantId: tenant.tenantId, userId: member.id, role: "analyst" } }));

    const result = await anonymiseDisabledStaffAccounts(db, now);
    expect(result.anonymised).toBeGreaterThanOrEqual(1);
    const after = await db.user.findMany({ where: { id: { in: [gone.id, member.id, recent.id, dpo.id] } } });
    const byId = new Map(after.map((u) => [u.id, u]));
    expect(byId.get(gone.id)).toMatchObject({ email: erasedAccountEmail(gone.id), name: ERASED_ACCOUNT_NAME, passwordHash: "!", totpSecretEnc: null });
    for (const kept of [member, recent, dpo]) expect(byId.get(kept.id)).toMatchObject({ email: kept.email, name: kept.name });

    // Idempotent: nothing left to anonymise among these.
    const again = await anonymiseDisabledStaffAccounts(db, now);
    expect(again.anonymised).toBe(0);
    expect((await db.user.findUniqueOrThrow({ where: { id: gone.id } })).email).toBe(erasedAccountEmail(gone.id));
  });
});
