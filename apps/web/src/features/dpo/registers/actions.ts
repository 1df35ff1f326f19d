"use server";
// Register mutations from the DPO console. Each re-checks the platform permission; the tenant id
// of a processor entry is re-validated against the tenant table by the store (404 otherwise).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import {
  CONTROLLER_FIELDS,
  DpoRecordError,
  PROCESSOR_FIELDS,
  createControllerActivity,
  readEntryForm,
  regenerateProcessorRecord,
  updateControllerActivity,
  updateProcessorRecord,
} from "@rappel/dpo-records";
import { getDb } from "@/server/db";
import { requirePlatformPermission } from "@/server/guard";
import { readFormValues } from "../lib/entry-values";
import type { EntryFormState } from "../types";

const PERMISSION = "platform.privacy.manage" as const;
const ZIds = z.object({ id: z.string().uuid().or(z.literal("new")), version: z.coerce.number().int().min(0) });
const ZTenant = z.object({ tenantId: z.string().uuid(), version: z.coerce.number().int().min(1) });

async function failure(error: unknown, values: ReturnType<typeof readFormValues>): Promise<EntryFormState> {
  if (!(error instanceof DpoRecordError)) throw error;
  const t = await getTranslations("dpo.entry");
  const message = error.code === "stale" ? t("errorStale") : t("errorInvalid", { message: error.message });
  return { status: "error", message, values };
}

export async function saveControllerActivityAction(_state: EntryFormState, formData: FormData): Promise<EntryFormState> {
  const { user } = await requirePlatformPermission(PERMISSION, "/admin/dpo/registers");
  const ids = ZIds.parse({ id: formData.get("id"), version: formData.get("version") });
  const values = readFormValues(CONTROLLER_FIELDS, formData);
  const content = readEntryForm(CONTROLLER_FIELDS, values);
  const note = String(formData.get("note") ?? "").trim().slice(0, 300) || undefined;
  let createdId: string;
  try {
    if (ids.id === "new") {
      createdId = (await createControllerActivity(getDb(), content, user.id)).id;
      revalidatePath("/admin/dpo/registers");
    } else {
      const { document, changes } = await updateControllerActivity(getDb(), {
        id: ids.id, content, expectedVersion: ids.version, actorUserId: user.id, ...(note ? { note } : {}),
      });
      revalidatePath(`/admin/dpo/registers/controller/${ids.id}`);
      return { status: "saved", version: document.version, changed: changes.length };
    }
  } catch (error) {
    return failure(error, values);
  }
  // Outside the try: redirect() works by throwing.
  redirect(`/admin/dpo/registers/controller/${createdId}`);
}

export async function saveProcessorRecordAction(_state: EntryFormState, formData: FormData): Promise<EntryFormState> {
  const { user } = await requirePlatformPermission(PERMISSION, "/admin/dpo/registers");
  const ids = ZTenant.parse({ tenantId: formData.get("tenantId"), version: formData.get("version") });
  const values = readFormValues(PROCESSOR_FIELDS, formData);
  const note = String(formData.get("note") ?? "").trim().slice(0, 300) || undefined;
  try {
    const { record, changes } = await updateProcessorRecord(getDb(), { userId: user.id }, {
      tenantId: ids.tenantId, content: readEntryForm(PROCESSOR_FIELDS, values), expectedVersion: ids.version, ...(note ? { note } : {}),
    });
    revalidatePath(`/admin/dpo/registers/processor/${ids.tenantId}`);
    return { status: "saved", version: record.version, changed: changes.length };
  } catch (error) {
    return failure(error, values);
  }
}

export async function regenerateProcessorRecordAction(formData: FormData): Promise<void> {
  const { user } = await requirePlatformPermission(PERMISSION, "/admin/dpo/registers");
  const tenantId = z.string().uuid().parse(formData.get("tenantId"));
  await regenerateProcessorRecord(getDb(), { userId: user.id }, tenantId);
  revalidatePath(`/admin/dpo/registers/processor/${tenantId}`);
}
