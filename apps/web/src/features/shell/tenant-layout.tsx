import type { ReactNode } from "react";
import { requireTenantPermission } from "@/server/guard";
import { AppShell } from "./components/app-shell";

/** Every page under /t/[tenantSlug]: the slug is resolved against the user's memberships (404 otherwise). */
export async function TenantLayout({ params, children }: { params: Promise<{ tenantSlug: string }>; children: ReactNode }) {
  const { tenantSlug } = await params;
  const { user, tenant, memberships } = await requireTenantPermission(tenantSlug, null, `/t/${tenantSlug}`);
  return (
    <AppShell user={user} memberships={memberships} tenant={tenant}>
      {children}
    </AppShell>
  );
}
