"use server";
// The tenant's own SMTP relay: save, test the connection, or remove. The tenant slug is
// untrusted: the guard resolves it and checks the permission first. Refusals come back per field
// with what was typed (except the password), so nothing entered is lost.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { loadEnv } from "@rappel/config";
import { ZSmtpRelayInput, type TRelayCheck } from "@rappel/mail";
import { masterKeyFromEnv } from "@rappel/personal-data";
import { getDb } from "@/server/db";
import { requireTenantPermission } from "@/server/guard";
import { removeSmtpRelay, saveSmtpRelay, SmtpRelayError, testSmtpRelay } from "./lib/smtp-relay";

export type TSmtpRelayField = "host" | "port" | "tlsMode" | "username" | "password" | "messagesPerSecond";
type TTyped = Record<Exclude<TSmtpRelayField, "password">, string>;
export type SmtpRelayFormState =
  | { status: "idle" | "saved" | "removed" }
  | { status: "tested"; check: TRelayCheck; values: TTyped }
  | { status: "invalid"; errors: Partial<Record<TSmtpRelayField, string>>; values: TTyped };

export async function smtpRelayAction(_prev: SmtpRelayFormState, formData: FormData): Promise<SmtpRelayFormState> {
  const { user, tenant } = await requireTenantPermission(z.string().min(1).max(100).parse(formData.get("tenantSlug")), "activation.campaigns.manage");
  const scope = { tenantId: tenant.tenantId, userId: user.id };
  const intent = formData.get("intent");
  if (intent === "remove") {
    await removeSmtpRelay(getDb(), scope);
    revalidatePath(`/t/${tenant.slug}/activation`);
    return { status: "removed" };
  }
  const text = (name: string) => String(formData.get(name) ?? "");
  const values: TTyped = { host: text("host"), port: text("port"), tlsMode: text("tlsMode"), username: text("username"), messagesPerSecond: text("messagesPerSecond") };
  const parsed = ZSmtpRelayInput.safeParse({ ...values, password: text("password") });
  if (!parsed.success) {
    const errors: Partial<Record<TSmtpRelayField, string>> = {};
    for (const issue of parsed.error.issues) errors[issue.path[0] as TSmtpRelayField] ??= issue.message;
    return { status: "invalid", errors, values };
  }
  const master = masterKeyFromEnv(loadEnv());
  try {
    if (intent === "test") return { status: "tested", check: await testSmtpRelay(getDb(), scope, master, parsed.data), values };
    await saveSmtpRelay(getDb(), scope, master, parsed.data);
  } catch (error) {
    if (!(error instanceof SmtpRelayError)) throw error;
    return { status: "invalid", errors: { password: error.code }, values };
  }
  revalidatePath(`/t/${tenant.slug}/activation`);
  return { status: "saved" };
}
