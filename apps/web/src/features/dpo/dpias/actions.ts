"use server";
// DPIA mutations from the DPO console; each re-checks the platform permission.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { DpoRecordError, createDpia, updateDpia } from "@rappel/dpo-records";
import { getDb } from "@/server/db";
import { requirePlatformPermission } from "@/server/guard";
import { readDpiaForm } from "./read-dpia-form";

export type DpiaFormState = { status: "idle" } | { status: "saved"; version: number } | { status: "error"; message: string; nonce: number };

export async function createDpiaAction(formData: FormData): Promise<void> {
  const { user } = await requirePlatformPermission("platform.privacy.manage", "/admin/dpo/dpias");
  let id: string;
  try {
    id = (await createDpia(getDb(), { userId: user.id }, String(formData.get("title") ?? ""))).id;
  } catch (error) {
    if (!(error instanceof DpoRecordError)) throw error;
    redirect("/admin/dpo/dpias?outcome=invalid");
  }
  redirect(`/admin/dpo/dpias/${id}`);
}

export async function saveDpiaAction(_state: DpiaFormState, formData: FormData): Promise<DpiaFormState> {
  const { user } = await requirePlatformPermission("platform.privacy.manage", "/admin/dpo/dpias");
  const ids = z.object({ id: z.string().uuid(), version: z.coerce.number().int().min(1) }).parse({ id: formData.get("id"), version: formData.get("version") });
  const note = String(formData.get("note") ?? "").trim().slice(0, 300);
  try {
    const { document } = await updateDpia(getDb(), { userId: user.id }, { id: ids.id, content: readDpiaForm(formData), expectedVersion: ids.version, ...(note ? { note } : {}) });
    revalidatePath(`/admin/dpo/dpias/${ids.id}`);
    return { status: "saved", version: document.version };
  } catch (error) {
    if (!(error instanceof DpoRecordError)) throw error;
    const t = await getTranslations("dpo");
    return { status: "error", message: error.code === "stale" ? t("entry.errorStale") : t("dpias.error", { message: error.message }), nonce: Date.now() };
  }
}
