// The signed-in user for this request, read once per render (React cache) from the session
// token and then from the database.
import { cache } from "react";
import { getServerSession } from "next-auth";
import { listTenantMemberships, loadStaffUser, ZSessionClaims, type StaffUser, type TenantMembershipView } from "@rappel/auth";
import { getAuthOptions } from "./auth-options";
import { getDb } from "./db";

export const getSessionClaims = cache(async () => {
  const session = await getServerSession(getAuthOptions());
  const parsed = ZSessionClaims.safeParse({ userId: session?.user?.id, secondFactor: session?.secondFactor });
  return parsed.success ? { ...parsed.data, locale: session?.user?.locale } : null;
});

/** The current user, or null when signed out (or the account was disabled since). */
export const getCurrentUser = cache(async (): Promise<StaffUser | null> => {
  const claims = await getSessionClaims();
  return claims ? loadStaffUser(getDb(), claims) : null;
});

export const getMemberships = cache(
  async (userId: string): Promise<TenantMembershipView[]> => listTenantMemberships(getDb(), userId),
);
