// The common start of every Ignition page: who is asking (404/403 otherwise), the filters and
// view parameters from the URL, and what the role may do (export or not).
import { tenantRoleCan } from "@rappel/access";
import { requireTenantPermission, type TenantContext } from "@/server/guard";
import { ignitionPath, readFilters, readViewParams, type FilterState, type SearchParams, type TViewParams } from "./url-state";
import type { TenantScope } from "./queries";

export interface IgnitionPageProps {
  params: Promise<{ tenantSlug: string }>;
  searchParams: Promise<SearchParams>;
}

export interface IgnitionContext extends TenantContext, FilterState {
  tenantSlug: string;
  searchParams: SearchParams;
  view: TViewParams;
  scope: TenantScope;
  now: Date;
  canExport: boolean;
}

export async function openIgnition(props: { params: Promise<{ tenantSlug: string }>; searchParams: Promise<SearchParams> }, ...path: string[]): Promise<IgnitionContext> {
  const { tenantSlug } = await props.params;
  const ctx = await requireTenantPermission(tenantSlug, "ignition.dashboards.view", ignitionPath(tenantSlug, ...path));
  const searchParams = await props.searchParams;
  const now = new Date();
  return {
    ...ctx,
    ...readFilters(searchParams, now),
    tenantSlug: ctx.tenant.slug,
    searchParams,
    view: readViewParams(searchParams),
    scope: { tenantId: ctx.tenant.tenantId, userId: ctx.user.id },
    now,
    canExport: tenantRoleCan(ctx.tenant.role, "reports.export"),
  };
}
