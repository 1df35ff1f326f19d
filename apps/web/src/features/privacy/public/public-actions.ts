"use server";
// The public data-subject request form (linked from every message a spectator receives). No
// sign-in: the person proves they own the address with a one-time code sent to it; until then
// the request waits and its clock is paused. Nothing in the response says whether the address
// is known to the venue.
import { loadEnv } from "@rappel/config";
import { enqueuePrivacyRequestForward } from "@rappel/jobs";
import { createMailTransport } from "@rappel/mail";
import { createRequest, REQUEST_KINDS, RequestError, sendVerificationCode, verifyRequestCode } from "@rappel/privacy";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { clientIp } from "@/server/client-ip";
import { getDb } from "@/server/db";
import { getRedis } from "@/server/redis";
import { getJobProducer } from "@/features/data/lib/producer";
import { masterKey } from "../lib/console";
import { createPublicFormLimiter, type PublicFormScope } from "./rate-limit";

const holder = globalThis as typeof globalThis & { rappelPrivacyFormLimiter?: ReturnType<typeof createPublicFormLimiter> };

async function allowed(scope: PublicFormScope): Promise<boolean> {
  holder.rappelPrivacyFormLimiter ??= createPublicFormLimiter(getRedis());
  return holder.rappelPrivacyFormLimiter(scope, clientIp(await headers()));
}

const ZSlug = z.string().min(1).max(100);

async function findTenant(slug: string) {
  const tenant = await getDb().tenant.findUnique({ where: { slug }, select: { id: true, name: true, slug: true, status: true } });
  if (!tenant || tenant.status !== "active") redirect("/");
  return tenant;
}

function back(path: string, params: Record<string, string>): never {
  redirect(`${path}?${new URLSearchParams(params).toString()}`);
}

export async function submitPublicRequestAction(formData: FormData): Promise<void> {
  const tenant = await findTenant(ZSlug.parse(formData.get("tenantSlug")));
  const base = `/privacy/${tenant.slug}`;
  if (!(await allowed("submit"))) back(base, { error: "throttled" });
  const parsed = z
    .object({
      kind: z.enum(REQUEST_KINDS),
      email: z.string().trim().email().max(320),
      details: z.string().trim().max(5000).optional(),
    })
    .safeParse({ kind: formData.get("kind"), email: formData.get("email"), details: formData.get("details") || undefined });
  if (!parsed.success) back(base, { error: "invalid" });
  const env = loadEnv();
  if (!env.SMTP_URL) back(base, { error: "mail" });
  const { request, code } = await createRequest(getDb(), { kind: "spectator" }, tenant.id, { ...parsed.data, identityVerified: false }, { now: new Date(), master: masterKey() });
  const transport = createMailTransport(env.SMTP_URL, { pool: false });
  try {
    await sendVerificationCode(transport, { from: env.MAIL_FROM, to: parsed.data.email, code: code!, tenantName: tenant.name });
  } finally {
    transport.close();
  }
  redirect(`${base}/verify?request=${request.id}`);
}

export async function verifyPublicRequestAction(formData: FormData): Promise<void> {
  const tenant = await findTenant(ZSlug.parse(formData.get("tenantSlug")));
  const requestId = z.uuid().parse(formData.get("requestId"));
  const path = `/privacy/${tenant.slug}/verify`;
  if (!(await allowed("verify"))) back(path, { request: requestId, error: "throttled" });
  try {
    await verifyRequestCode(getDb(), tenant.id, requestId, String(formData.get("code") ?? "").trim(), new Date());
  } catch (error) {
    if (error instanceof RequestError) back(path, { request: requestId, error: String(error.status) });
    throw error;
  }
  // The vendor runs this form for the client: the verified request is forwarded to it.
  await enqueuePrivacyRequestForward(getJobProducer(), { tenantId: tenant.id, requestId });
  back(path, { request: requestId, done: "verified" });
}
