// GET /t/[slug]/settings/dpo-annex/{pdf|xlsx|csv}: the tenant's own ST entry, for its owners.
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { PROCESSOR_FIELDS, loadVendorProfile, readOwnProcessorRecord, vendorIdentity } from "@rappel/dpo-records";
import { getDb } from "@/server/db";
import { requireTenantPermission } from "@/server/guard";
import { getRegisterLabels } from "../lib/labels";
import { renderRegister } from "../registers/export-route";
import { ANNEX_PERMISSION } from "./annex-page";

export async function exportAnnex(_request: Request, { params }: { params: Promise<{ tenantSlug: string; format: string }> }): Promise<Response> {
  const { tenantSlug, format: raw } = await params;
  const { user, tenant } = await requireTenantPermission(tenantSlug, ANNEX_PERMISSION, `/t/${tenantSlug}/settings/dpo-annex`);
  const format = z.enum(["csv", "pdf", "xlsx"]).safeParse(raw);
  if (!format.success) return new Response("Unknown export format.", { status: 404 });
  const record = await readOwnProcessorRecord(getDb(), tenant.tenantId, user.id);
  if (!record) return new Response("Not drawn up yet.", { status: 404 });
  const [t, vendor] = await Promise.all([getTranslations("dpo.registers"), loadVendorProfile(getDb())]);
  const labels = await getRegisterLabels(t("processorTitle", { tenant: record.tenantName }), t("processorSubtitle", { tenant: record.tenantName, vendor: vendorIdentity(vendor) }));
  return renderRegister(format.data, [record], PROCESSOR_FIELDS, labels, `annexe-rgpd-${tenant.slug}`);
}
