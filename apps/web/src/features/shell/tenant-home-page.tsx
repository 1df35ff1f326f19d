import { forbidden, redirect } from "next/navigation";
import { allowedAreas } from "@rappel/auth";
import { requireTenantPermission } from "@/server/guard";

/** /t/[tenantSlug]: opens the first area the user's role there may see. */
export async function TenantHomePage({ params }: { params: Promise<{ tenantSlug: string }> }) {
  const { tenantSlug } = await params;
  const { tenant } = await requireTenantPermission(tenantSlug, null, `/t/${tenantSlug}`);
  const first = allowedAreas(tenant.role)[0];
  if (!first) forbidden();
  redirect(`/t/${tenant.slug}/${first}`);
}
