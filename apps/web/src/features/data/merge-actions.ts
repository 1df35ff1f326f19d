"use server";
// Undo of a spectator merge from the merge history (data.imports.manage). The merge is loaded
// through the tenant only; an expected refusal comes back as a notice on the history page.
import { redirect } from "next/navigation";
import { z } from "zod";
import { withTenant } from "@rappel/db";
import { MergeError, undoSpectatorMergeByStaff } from "@rappel/ignition-import";
import { getDb } from "@/server/db";
import { requireTenantPermission } from "@/server/guard";

const ZUndo = z.object({ tenantSlug: z.string().min(1).max(100), mergeId: z.uuid() });
const NOTICE_FOR: Record<string, string> = {
  "merge.already_undone": "already_undone",
  "merge.survivor_gone": "survivor_gone",
  "merge.not_found": "not_found",
};

export async function undoMergeAction(formData: FormData): Promise<void> {
  const input = ZUndo.parse({ tenantSlug: formData.get("tenantSlug"), mergeId: formData.get("mergeId") });
  const { user, tenant } = await requireTenantPermission(input.tenantSlug, "data.imports.manage");
  const page = `/t/${tenant.slug}/data/merges`;
  let notice = "undone";
  try {
    // The undo refreshes the rollups of the performances whose audience changes hands.
    await withTenant(getDb(), tenant.tenantId, (tx) => undoSpectatorMergeByStaff(tx, tenant.tenantId, input.mergeId, user.id), {
      userId: user.id,
      timeoutMs: 120_000,
    });
  } catch (error) {
    if (!(error instanceof MergeError)) throw error;
    notice = NOTICE_FOR[error.code] ?? "not_found";
  }
  redirect(`${page}?notice=${notice}`);
}
