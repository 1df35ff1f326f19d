"use server";
// Breach register mutations from the DPO console; each re-checks the platform permission.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import {
  DpoRecordError,
  createBreach,
  getBreach,
  recordClientNotification,
  recordCnilNotification,
  refreshAffectedTenants,
  updateBreach,
} from "@rappel/dpo-records";
import { getDb } from "@/server/db";
import { requirePlatformPermission } from "@/server/guard";
import { readBreachForm } from "./read-breach-form";

const PERMISSION = "platform.privacy.manage" as const;
export type BreachFormState = { status: "idle" } | { status: "saved"; version: number } | { status: "error"; message: string; nonce: number };

const ZIds = z.object({ id: z.string().uuid().or(z.literal("new")), version: z.coerce.number().int().min(0) });

export async function saveBreachAction(_state: BreachFormState, formData: FormData): Promise<BreachFormState> {
  const { user } = await requirePlatformPermission(PERMISSION, "/admin/dpo/breaches");
  const ids = ZIds.parse({ id: formData.get("id"), version: formData.get("version") });
  const db = getDb();
  const actor = { userId: user.id };
  let createdId: string;
  try {
    if (ids.id === "new") {
      const created = await createBreach(db, actor, readBreachForm(formData, null));
      // The affected clients are derived right away, so their clocks show from the start.
      await refreshAffectedTenants(db, actor, created.id);
      createdId = created.id;
    } else {
      const stored = await getBreach(db, ids.id);
      const note = String(formData.get("note") ?? "").trim().slice(0, 300);
      const { document } = await updateBreach(db, actor, { id: ids.id, content: readBreachForm(formData, stored.content), expectedVersion: ids.version, ...(note ? { note } : {}) });
      if (JSON.stringify(stored.content.dataInvolved) !== JSON.stringify(document.content.dataInvolved)) await refreshAffectedTenants(db, actor, ids.id);
      revalidatePath(`/admin/dpo/breaches/${ids.id}`);
      return { status: "saved", version: document.version };
    }
  } catch (error) {
    if (!(error instanceof DpoRecordError)) throw error;
    const t = await getTranslations("dpo");
    return { status: "error", message: error.code === "stale" ? t("entry.errorStale") : t("breaches.errorInvalid", { message: error.message }), nonce: Date.now() };
  }
  redirect(`/admin/dpo/breaches/${createdId}`);
}

async function breachStep(formData: FormData, run: (id: string, actor: { userId: string }) => Promise<unknown>): Promise<void> {
  const { user } = await requirePlatformPermission(PERMISSION, "/admin/dpo/breaches");
  const id = z.string().uuid().parse(formData.get("id"));
  let outcome = "done";
  try {
    await run(id, { userId: user.id });
  } catch (error) {
    if (!(error instanceof DpoRecordError)) throw error;
    outcome = error.code;
  }
  revalidatePath(`/admin/dpo/breaches/${id}`);
  redirect(`/admin/dpo/breaches/${id}?outcome=${encodeURIComponent(outcome)}`);
}

export async function refreshAffectedTenantsAction(formData: FormData): Promise<void> {
  await breachStep(formData, (id, actor) => refreshAffectedTenants(getDb(), actor, id));
}

export async function notifyClientAction(formData: FormData): Promise<void> {
  const tenantId = z.string().uuid().parse(formData.get("tenantId"));
  await breachStep(formData, (id, actor) => recordClientNotification(getDb(), actor, id, tenantId));
}

export async function recordCnilNotificationAction(formData: FormData): Promise<void> {
  const input = z.object({ phase: z.enum(["initial", "complementary", "final"]), summary: z.string().trim().max(2000) }).parse({
    phase: formData.get("phase"), summary: formData.get("summary") ?? "",
  });
  await breachStep(formData, (id, actor) => recordCnilNotification(getDb(), actor, id, input));
}
