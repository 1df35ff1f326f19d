// Who may download a dashboard table as CSV: a signed-in member of the tenant whose role has
// both ignition.dashboards.view and reports.export. Pure, so every outcome is unit-tested; the
// route turns the decision into a response. An unknown tenant and an unknown table both answer
// 404 (a tenant's existence is not revealed).
import { z } from "zod";
import { decideTenantAccess, type TenantMembershipView } from "@rappel/auth";
import { tenantRoleCan } from "@rappel/access";

export const CSV_TABLES = ["kpis", "sales", "ranking", "breakdown", "show-performances", "curve", "departements", "communes"] as const;
export const ZCsvTable = z.enum(CSV_TABLES);
export type TCsvTable = z.infer<typeof ZCsvTable>;

export type CsvDecision =
  | { status: 401 | 403 | 404 }
  | { status: 200; table: TCsvTable; membership: TenantMembershipView };

export function decideCsvExport(
  user: { id: string } | null,
  memberships: TenantMembershipView[],
  slug: string,
  table: string,
): CsvDecision {
  if (!user) return { status: 401 };
  const access = decideTenantAccess(memberships, slug, "reports.export");
  if (access.outcome === "not_found") return { status: 404 };
  if (access.outcome === "forbidden" || !tenantRoleCan(access.membership.role, "ignition.dashboards.view")) return { status: 403 };
  const parsed = ZCsvTable.safeParse(table);
  if (!parsed.success) return { status: 404 };
  return { status: 200, table: parsed.data, membership: access.membership };
}
