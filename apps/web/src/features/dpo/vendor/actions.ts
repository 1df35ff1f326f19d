"use server";
// Saving the vendor profile from the DPO console: the platform permission is re-checked, the
// input validated with the profile's zod schema (messages per field, in the reader's language),
// then saved as a new version under optimistic concurrency.
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { DpoRecordError, VENDOR_FIELDS, ZVendorProfile, readEntryForm, updateVendorProfile } from "@rappel/dpo-records";
import { getDb } from "@/server/db";
import { requirePlatformPermission } from "@/server/guard";
import { readFormValues } from "../lib/entry-values";
import type { EntryFormState } from "../types";

const ERROR_FIELDS = ["legalName", "address", "siren", "dpoContact", "hosting", "software", "representative"] as const;

export async function saveVendorProfileAction(_state: EntryFormState, formData: FormData): Promise<EntryFormState> {
  const { user } = await requirePlatformPermission("platform.privacy.manage", "/admin/dpo/vendor");
  const version = z.coerce.number().int().min(1).parse(formData.get("version"));
  const values = readFormValues(VENDOR_FIELDS, formData);
  const content = readEntryForm(VENDOR_FIELDS, values);
  const note = String(formData.get("note") ?? "").trim().slice(0, 300) || undefined;
  const t = await getTranslations("dpo");
  const parsed = ZVendorProfile.safeParse(content);
  if (!parsed.success) {
    const field = ERROR_FIELDS.find((f) => f === parsed.error.issues[0]?.path[0]) ?? "legalName";
    return { status: "error", message: t(`vendor.errors.${field}`), values };
  }
  try {
    const { document, changes } = await updateVendorProfile(getDb(), { content: parsed.data, expectedVersion: version, actorUserId: user.id, ...(note ? { note } : {}) });
    revalidatePath("/admin/dpo/vendor");
    return { status: "saved", version: document.version, changed: changes.length };
  } catch (error) {
    if (!(error instanceof DpoRecordError)) throw error;
    return { status: "error", message: error.code === "stale" ? t("entry.errorStale") : t("entry.errorInvalid", { message: error.message }), values };
  }
}
