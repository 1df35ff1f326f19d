"use server";
// The tenant's own data-subject request mutations (Settings). Each resolves the untrusted slug
// against the user's memberships and checks settings.privacy-requests.manage, failing closed,
// then acts in the tenant's own scope (a foreign request id is simply not found there).
import { withTenant } from "@rappel/db";
import { createRequest, RECEIVED_VIA, REQUEST_KINDS, RequestError } from "@rappel/privacy";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/server/db";
import { requireTenantPermission } from "@/server/guard";
import { masterKey } from "../lib/console";

const PERMISSION = "settings.privacy-requests.manage" as const;
const ZSlug = z.string().min(1).max(100);

// Field-level error codes (translated by the page, tied to each field with aria-describedby).
const ZIntake = z.object({
  kind: z.enum(REQUEST_KINDS, { message: "kind" }),
  email: z.string().trim().email({ message: "email" }).max(320, { message: "email" }),
  name: z.string().trim().max(200, { message: "name" }).optional(),
  receivedVia: z.enum(RECEIVED_VIA, { message: "receivedVia" }),
  details: z.string().trim().max(5000, { message: "details" }).optional(),
});

function back(path: string, params: Record<string, string>): never {
  redirect(`${path}?${new URLSearchParams(params).toString()}`);
}

export async function createTenantRequestAction(formData: FormData): Promise<void> {
  const { user, tenant } = await requireTenantPermission(ZSlug.parse(formData.get("tenantSlug")), PERMISSION);
  const base = `/t/${tenant.slug}/settings/privacy-requests`;
  const parsed = ZIntake.safeParse({
    kind: formData.get("kind"),
    email: formData.get("email") ?? "",
    name: formData.get("name") || undefined,
    receivedVia: formData.get("receivedVia"),
    details: formData.get("details") || undefined,
  });
  if (!parsed.success) back(base, { invalid: [...new Set(parsed.error.issues.map((i) => i.message))].join(","), email: String(formData.get("email") ?? "").slice(0, 320) });
  let id: string;
  try {
    const { request } = await createRequest(getDb(), { kind: "staff", userId: user.id }, tenant.tenantId, { ...parsed.data, identityVerified: true }, { now: new Date(), master: masterKey() });
    id = request.id;
  } catch (error) {
    if (error instanceof RequestError) back(base, { invalid: "email" });
    throw error;
  }
  revalidatePath(base);
  redirect(`${base}/${id}?done=created`);
}

export async function setPrivacyContactAction(formData: FormData): Promise<void> {
  const { user, tenant } = await requireTenantPermission(ZSlug.parse(formData.get("tenantSlug")), PERMISSION);
  const base = `/t/${tenant.slug}/settings/privacy-requests`;
  const raw = String(formData.get("contactEmail") ?? "").trim();
  const parsed = z.union([z.literal(""), z.string().email().max(320)]).safeParse(raw);
  if (!parsed.success) back(base, { invalid: "contactEmail" });
  const contact = parsed.data ? parsed.data.toLowerCase() : null;
  await withTenant(
    getDb(),
    tenant.tenantId,
    (tx) =>
      tx.privacySetting.upsert({
        where: { tenantId: tenant.tenantId },
        create: { tenantId: tenant.tenantId, privacyContactEmail: contact, updatedById: user.id },
        update: { privacyContactEmail: contact, updatedById: user.id, updatedAt: new Date() },
      }),
    { userId: user.id },
  );
  revalidatePath(base);
  back(base, { done: "contact" });
}
