// Staff accounts are platform-wide: one account, memberships in several tenants. The tenants'
// "staff_accounts" purge step removes a disabled account's memberships at the end of the period;
// once an account has none left and has stayed disabled past the period, the account itself is
// anonymised here: no name, no address, no way to sign in. Its id stays, so audit entries keep
// pointing at "an erased account" and the hash chains stay intact.
import { withUser, type Database } from "@rappel/db";
import { findCategory, purgeCutoff } from "./retention-catalogue";

export const ERASED_ACCOUNT_NAME = "Compte supprimé";
const ERASED_DOMAIN = "erased.invalid";

export function erasedAccountEmail(userId: string): string {
  return `erased-${userId}@${ERASED_DOMAIN}`;
}

/** Anonymises disabled staff accounts past the retention period that belong to no tenant any more. */
export async function anonymiseDisabledStaffAccounts(db: Database, now: Date): Promise<{ anonymised: number; keptWithMemberships: number }> {
  const category = findCategory("staff_accounts");
  if (!category) throw new Error("the retention catalogue has no staff_accounts category");
  const cutoff = purgeCutoff({ activeMonths: category.activeMonths, archiveMonths: category.archiveMonths }, now);
  // Platform accounts (superadmin, DPO) are the vendor's own staff: never anonymised here.
  const candidates = await db.user.findMany({
    where: { disabledAt: { not: null, lte: cutoff }, platformRole: null, NOT: { email: { endsWith: `@${ERASED_DOMAIN}` } } },
    select: { id: true },
  });
  const result = { anonymised: 0, keptWithMemberships: 0 };
  for (const { id } of candidates) {
    // Memberships are tenant-owned rows under RLS: a user's own are visible in the user scope.
    const memberships = await withUser(db, id, (tx) => tx.membership.count({ where: { userId: id } }));
    if (memberships > 0) {
      result.keptWithMemberships += 1;
      continue;
    }
    const { count } = await db.user.updateMany({
      where: { id, disabledAt: { not: null, lte: cutoff } },
      data: { email: erasedAccountEmail(id), name: ERASED_ACCOUNT_NAME, passwordHash: "!", totpSecretEnc: null },
    });
    result.anonymised += count;
  }
  return result;
}
