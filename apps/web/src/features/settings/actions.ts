"use server";
// Settings mutations from the staff UI. Each resolves the (untrusted) tenant slug from the form
// through the guard and checks settings.api-keys.manage before doing anything.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/server/db";
import { requireTenantPermission } from "@/server/guard";
import { ApiKeyNotFoundError, createApiKey, revokeApiKey, ZCreateApiKeyInput } from "./lib/api-keys";
import type { CreateApiKeyState } from "./types";

const PERMISSION = "settings.api-keys.manage" as const;
const ZSlug = z.string().min(1).max(100);

export async function createApiKeyAction(_previous: CreateApiKeyState, formData: FormData): Promise<CreateApiKeyState> {
  const slug = ZSlug.parse(formData.get("tenantSlug"));
  const { user, tenant } = await requireTenantPermission(slug, PERMISSION);
  const parsed = ZCreateApiKeyInput.safeParse({ name: formData.get("name") ?? "", scopes: formData.getAll("scopes") });
  if (!parsed.success) {
    const fields = z.flattenError(parsed.error).fieldErrors;
    return {
      status: "invalid",
      name: String(formData.get("name") ?? ""),
      errors: { name: fields.name?.[0] ?? null, scopes: fields.scopes ? "scopes.required" : null },
    };
  }
  const created = await createApiKey(getDb(), { tenantId: tenant.tenantId, userId: user.id }, parsed.data);
  revalidatePath(`/t/${tenant.slug}/settings/api-keys`);
  return { status: "created", name: created.name, key: created.key };
}

export async function revokeApiKeyAction(formData: FormData): Promise<void> {
  const slug = ZSlug.parse(formData.get("tenantSlug"));
  const { user, tenant } = await requireTenantPermission(slug, PERMISSION);
  const keyId = String(formData.get("keyId") ?? "");
  let outcome = "revoked";
  try {
    await revokeApiKey(getDb(), { tenantId: tenant.tenantId, userId: user.id }, keyId);
  } catch (error) {
    if (!(error instanceof ApiKeyNotFoundError)) throw error;
    outcome = "not_found";
  }
  revalidatePath(`/t/${tenant.slug}/settings/api-keys`);
  redirect(`/t/${tenant.slug}/settings/api-keys?done=${outcome}`);
}
