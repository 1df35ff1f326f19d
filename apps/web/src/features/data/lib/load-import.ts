// Loads one import for a page, through the tenant: an id of another tenant (or no such id) is
// the 404 page, exactly like an unknown URL.
import { notFound } from "next/navigation";
import { withTenant } from "@rappel/db";
import { ImportNotFoundError } from "@rappel/ignition-import";
import { getDb } from "@/server/db";
import { loadImportStatus, type ImportStatusView } from "./import-status";

export async function loadImportOr404(tenantId: string, userId: string, importId: string): Promise<ImportStatusView> {
  try {
    return await withTenant(getDb(), tenantId, (tx) => loadImportStatus(tx, tenantId, importId), { userId });
  } catch (error) {
    if (error instanceof ImportNotFoundError) notFound();
    throw error;
  }
}
