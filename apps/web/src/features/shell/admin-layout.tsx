import type { ReactNode } from "react";
import { requirePlatformPermission } from "@/server/guard";
import { AppShell } from "./components/app-shell";

/** The admin area: platform roles only (confirmed by TOTP at sign-in); others get 403. */
export async function AdminLayout({ children }: { children: ReactNode }) {
  const { user, memberships } = await requirePlatformPermission("platform.admin.access", "/admin");
  return (
    <AppShell user={user} memberships={memberships}>
      {children}
    </AppShell>
  );
}
