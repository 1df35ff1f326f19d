"use server";
// Sub-processor register mutations. The DPO's actions re-check the platform permission; a tenant
// owner's objection resolves the (untrusted) slug through the guard and acts in that tenant only.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import {
  DpoRecordError,
  announceSubprocessorChange,
  createPlannedSubprocessor,
  enableSubprocessorWhereAllowed,
  objectToSubprocessorChange,
} from "@rappel/dpo-records";
import { getDb } from "@/server/db";
import { requirePlatformPermission, requireTenantPermission } from "@/server/guard";
import { enqueueSubprocessorNotices } from "./enqueue-notices";

const PAGE = "/admin/dpo/subprocessors";
const back = (outcome: string, extra = "") => redirect(`${PAGE}?outcome=${encodeURIComponent(outcome)}${extra}`);

export async function addSubprocessorAction(formData: FormData): Promise<void> {
  await requirePlatformPermission("platform.privacy.manage", PAGE);
  let outcome = "done";
  let message = "";
  try {
    await createPlannedSubprocessor(getDb(), {
      name: formData.get("name"), service: formData.get("service"),
      dataCategories: String(formData.get("dataCategories") ?? "").split(/\r?\n/).map((s) => s.trim()).filter(Boolean),
      location: formData.get("location"), transferSafeguards: formData.get("transferSafeguards") ?? "",
      dpaSignedOn: String(formData.get("dpaSignedOn") ?? "") || null,
    });
  } catch (error) {
    if (!(error instanceof DpoRecordError)) throw error;
    outcome = error.code;
    message = error.message;
  }
  revalidatePath(PAGE);
  back(outcome, message ? `&message=${encodeURIComponent(message)}` : "");
}

export async function announceChangeAction(formData: FormData): Promise<void> {
  const { user } = await requirePlatformPermission("platform.privacy.manage", PAGE);
  const subprocessorId = z.string().uuid().parse(formData.get("subprocessorId"));
  let outcome = "queued";
  let message = "";
  try {
    const change = await announceSubprocessorChange(getDb(), { userId: user.id }, { subprocessorId, description: String(formData.get("description") ?? "") });
    await enqueueSubprocessorNotices(change.id);
  } catch (error) {
    if (!(error instanceof DpoRecordError)) throw error;
    outcome = error.code;
    message = error.message;
  }
  revalidatePath(PAGE);
  back(outcome, message ? `&message=${encodeURIComponent(message)}` : "");
}

export async function enableWhereAllowedAction(formData: FormData): Promise<void> {
  const { user } = await requirePlatformPermission("platform.privacy.manage", PAGE);
  const subprocessorId = z.string().uuid().parse(formData.get("subprocessorId"));
  const outcome = await enableSubprocessorWhereAllowed(getDb(), { userId: user.id }, subprocessorId);
  revalidatePath(PAGE);
  back("enabled", `&enabled=${outcome.filter((o) => o.enabled).length}&refused=${outcome.filter((o) => !o.enabled).length}`);
}

export async function objectToChangeAction(formData: FormData): Promise<void> {
  const slug = z.string().min(1).max(100).parse(formData.get("tenantSlug"));
  const { user, tenant } = await requireTenantPermission(slug, "settings.tenant.manage");
  const changeId = z.string().uuid().parse(formData.get("changeId"));
  const path = `/t/${tenant.slug}/settings/subprocessors`;
  let query = "?outcome=objected";
  try {
    await objectToSubprocessorChange(getDb(), { tenantId: tenant.tenantId, userId: user.id }, changeId, String(formData.get("reason") ?? ""));
  } catch (error) {
    if (!(error instanceof DpoRecordError)) throw error;
    query = `?outcome=error&message=${encodeURIComponent(error.message)}`;
  }
  revalidatePath(path);
  redirect(`${path}${query}`);
}
