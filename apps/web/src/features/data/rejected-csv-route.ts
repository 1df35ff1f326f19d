// GET /t/[slug]/data/imports/[id]/rejected.csv: the whole list of rejected rows, streamed.
import { getLocale } from "next-intl/server";
import { ImportNotFoundError } from "@rappel/ignition-import";
import { notFound } from "next/navigation";
import { getDb } from "@/server/db";
import { requireTenantPermission } from "@/server/guard";
import { rejectedRowsCsvResponse } from "./lib/csv-download";
import { DATA_PERMISSION } from "./lib/page-props";

export async function downloadRejectedCsv(_request: Request, context: { params: Promise<{ tenantSlug: string; importId: string }> }): Promise<Response> {
  const { tenantSlug, importId } = await context.params;
  const { user, tenant } = await requireTenantPermission(tenantSlug, DATA_PERMISSION);
  const locale = (await getLocale()) === "en" ? "en" : "fr";
  try {
    return await rejectedRowsCsvResponse(getDb(), { tenantId: tenant.tenantId, userId: user.id }, importId, locale);
  } catch (error) {
    if (error instanceof ImportNotFoundError) notFound();
    throw error;
  }
}
