"use server";
// DKIM setting of the sender identity. The tenant slug is untrusted: the guard resolves it and
// checks the permission before anything is read or written. Errors come back per field, with the
// values typed (the key too: it was never stored), so nothing entered is lost.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { loadEnv } from "@rappel/config";
import { ZDkimSettingsInput } from "@rappel/mail";
import { masterKeyFromEnv } from "@rappel/personal-data";
import { getDb } from "@/server/db";
import { requireTenantPermission } from "@/server/guard";
import { DkimSettingsError, removeDkimSettings, saveDkimSettings } from "./lib/dkim";

export type TDkimField = "domain" | "selector" | "privateKey";
export type DkimFormState =
  | { status: "idle" | "saved" | "removed" }
  | { status: "invalid"; errors: Partial<Record<TDkimField, string>>; values: Record<TDkimField, string> };

export async function saveDkimAction(_prev: DkimFormState, formData: FormData): Promise<DkimFormState> {
  const { user, tenant } = await requireTenantPermission(z.string().min(1).max(100).parse(formData.get("tenantSlug")), "activation.campaigns.manage");
  const scope = { tenantId: tenant.tenantId, userId: user.id };
  if (formData.get("intent") === "remove") {
    await removeDkimSettings(getDb(), scope);
    revalidatePath(`/t/${tenant.slug}/activation`);
    return { status: "removed" };
  }
  const values = { domain: String(formData.get("domain") ?? ""), selector: String(formData.get("selector") ?? ""), privateKey: String(formData.get("privateKey") ?? "") };
  const parsed = ZDkimSettingsInput.safeParse(values);
  if (!parsed.success) {
    const errors: Partial<Record<TDkimField, string>> = {};
    for (const issue of parsed.error.issues) errors[issue.path[0] as TDkimField] ??= issue.path[0] === "privateKey" ? "invalid_key" : issue.message;
    return { status: "invalid", errors, values };
  }
  try {
    await saveDkimSettings(getDb(), scope, masterKeyFromEnv(loadEnv()), parsed.data);
  } catch (error) {
    if (!(error instanceof DkimSettingsError)) throw error;
    return { status: "invalid", errors: error.code === "no_sender" ? { domain: "no_sender" } : { privateKey: error.code }, values };
  }
  revalidatePath(`/t/${tenant.slug}/activation`);
  return { status: "saved" };
}
