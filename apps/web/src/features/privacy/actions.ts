"use server";
// DPO console mutations. Each checks platform.privacy.manage first (failing closed), resolves the
// tenant from the form (untrusted) and acts through @rappel/privacy on the audited platform path.
import { enqueuePrivacyPurgeRun, enqueuePrivacyRequestExtensionNotice, enqueuePrivacyRequestForward } from "@rappel/jobs";
import { withPlatformAccess } from "@rappel/db";
import {
  createRequest,
  decidePurgeRun,
  decideRequest,
  eraseRequestSubject,
  liftRequestRestriction,
  objectForRequestSubject,
  RECTIFIABLE_FIELDS,
  rectifyRequestSubject,
  releaseForwardForRetry,
  planPurges,
  PurgeRunError,
  RequestError,
  restrictRequestSubject,
  RetentionOverrideError,
  validateOverride,
  ZRetentionOverrideInput,
  REQUEST_KINDS,
  ExtensionError,
} from "@rappel/privacy";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/server/db";
import { requirePlatformPermission } from "@/server/guard";
import { getJobProducer } from "@/features/data/lib/producer";
import { dpoActor, masterKey, resolveTenant } from "./lib/console";

const PERMISSION = "platform.privacy.manage" as const;

async function guard(formData: FormData) {
  const context = await requirePlatformPermission(PERMISSION, "/admin/privacy");
  const tenant = await resolveTenant(getDb(), String(formData.get("tenantId") ?? ""));
  return { context, tenant, base: `/admin/privacy/${tenant.id}` };
}

function expectedMessage(error: unknown): string | null {
  if (error instanceof PurgeRunError || error instanceof RequestError || error instanceof RetentionOverrideError || error instanceof ExtensionError) {
    return error.message;
  }
  return null;
}

function back(path: string, params: Record<string, string>): never {
  redirect(`${path}?${new URLSearchParams(params).toString()}`);
}

export async function planPurgesAction(formData: FormData): Promise<void> {
  const { context, tenant, base } = await guard(formData);
  const runs = await planPurges(getDb(), tenant.id, new Date(), { userId: context.user.id, role: context.user.platformRole });
  for (const run of runs.filter((r) => r.status === "approved")) await enqueuePrivacyPurgeRun(getJobProducer(), { tenantId: tenant.id, runId: run.id });
  revalidatePath(base);
  back(base, { done: "planned", count: String(runs.length) });
}

export async function decidePurgeAction(formData: FormData): Promise<void> {
  const { context, tenant, base } = await guard(formData);
  const runId = z.uuid().parse(formData.get("runId"));
  const decision = z.enum(["approve", "reject"]).parse(formData.get("decision"));
  const path = `${base}/purges/${runId}`;
  try {
    await decidePurgeRun(getDb(), { userId: context.user.id, role: context.user.platformRole }, tenant.id, runId, decision, new Date());
  } catch (error) {
    const message = expectedMessage(error);
    if (!message) throw error;
    back(path, { error: message });
  }
  if (decision === "approve") await enqueuePrivacyPurgeRun(getJobProducer(), { tenantId: tenant.id, runId });
  revalidatePath(path);
  back(path, { done: decision });
}

export async function setPurgeModeAction(formData: FormData): Promise<void> {
  const { context, tenant, base } = await guard(formData);
  const mode = z.enum(["approval", "automatic"]).parse(formData.get("mode"));
  await withPlatformAccess(getDb(), { userId: context.user.id, role: context.user.platformRole }, { tenantId: tenant.id, reason: "DPO console: purge mode" }, (tx) =>
    tx.privacySetting.upsert({
      where: { tenantId: tenant.id },
      create: { tenantId: tenant.id, purgeMode: mode, updatedById: context.user.id },
      update: { purgeMode: mode, updatedById: context.user.id, updatedAt: new Date() },
    }),
  );
  revalidatePath(base);
  back(base, { done: "mode" });
}

export async function setRetentionOverrideAction(formData: FormData): Promise<void> {
  const { context, tenant, base } = await guard(formData);
  const parsed = ZRetentionOverrideInput.safeParse({
    category: formData.get("category"),
    activeMonths: formData.get("activeMonths"),
    archiveMonths: formData.get("archiveMonths"),
    reason: formData.get("reason") ?? undefined,
  });
  if (!parsed.success) back(base, { error: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") });
  try {
    validateOverride(parsed.data);
  } catch (error) {
    const message = expectedMessage(error);
    if (!message) throw error;
    back(base, { error: message });
  }
  await withPlatformAccess(getDb(), { userId: context.user.id, role: context.user.platformRole }, { tenantId: tenant.id, reason: "DPO console: retention override" }, (tx) =>
    tx.retentionOverride.upsert({
      where: { tenantId_category: { tenantId: tenant.id, category: parsed.data.category } },
      create: { tenantId: tenant.id, ...parsed.data, reason: parsed.data.reason ?? null, setById: context.user.id },
      update: { activeMonths: parsed.data.activeMonths, archiveMonths: parsed.data.archiveMonths, reason: parsed.data.reason ?? null, setById: context.user.id, setAt: new Date() },
    }),
  );
  revalidatePath(base);
  back(base, { done: "override" });
}

export async function createRequestAction(formData: FormData): Promise<void> {
  const { context, tenant, base } = await guard(formData);
  let id: string;
  try {
    const kind = z.enum(REQUEST_KINDS).parse(formData.get("kind"));
    const details = String(formData.get("details") ?? "").trim();
    const { request, forwarded } = await createRequest(
      getDb(),
      dpoActor(context),
      tenant.id,
      { kind, email: String(formData.get("email") ?? ""), ...(details ? { details } : {}), identityVerified: formData.get("identityVerified") === "on" },
      { now: new Date(), master: masterKey() },
    );
    id = request.id;
    // Received by the vendor: forwarded to the client (the job sends it once, with proof).
    if (forwarded) await enqueuePrivacyRequestForward(getJobProducer(), { tenantId: tenant.id, requestId: request.id });
  } catch (error) {
    if (error instanceof z.ZodError) back(base, { error: error.issues.map((i) => i.message).join("; ") });
    const message = expectedMessage(error);
    if (!message) throw error;
    back(base, { error: message });
  }
  redirect(`${base}/requests/${id}`);
}

export async function requestActionAction(formData: FormData): Promise<void> {
  const { context, tenant, base } = await guard(formData);
  const requestId = z.uuid().parse(formData.get("requestId"));
  const action = z.enum(["erase", "restrict", "lift", "object", "extend", "reject", "complete", "rectify", "retry-forward"]).parse(formData.get("action"));
  const path = `${base}/requests/${requestId}`;
  const actor = dpoActor(context);
  const now = new Date();
  try {
    if (action === "erase") await eraseRequestSubject(getDb(), actor, tenant.id, requestId, now, getJobProducer());
    else if (action === "restrict") await restrictRequestSubject(getDb(), actor, tenant.id, requestId, now);
    else if (action === "lift") await liftRequestRestriction(getDb(), actor, tenant.id, requestId, now);
    else if (action === "object") await objectForRequestSubject(getDb(), actor, tenant.id, requestId, now);
    else if (action === "rectify") {
      const values = Object.fromEntries(RECTIFIABLE_FIELDS.flatMap((f) => (formData.has(f) ? [[f, String(formData.get(f))]] : [])));
      await rectifyRequestSubject(getDb(), actor, tenant.id, requestId, { spectatorId: String(formData.get("spectatorId") ?? ""), values }, { now, master: masterKey() });
    } else if (action === "retry-forward") {
      const attempts = await withPlatformAccess(getDb(), { userId: actor.userId, role: actor.role }, { tenantId: tenant.id, reason: "DPO console: resend a request forward" }, (tx) =>
        releaseForwardForRetry(tx, tenant.id, requestId, now),
      );
      await enqueuePrivacyRequestForward(getJobProducer(), { tenantId: tenant.id, requestId }, attempts);
    } else if (action === "extend") {
      const extended = await decideRequest(getDb(), actor, tenant.id, requestId, { action, months: formData.get("months"), reason: String(formData.get("reason") ?? "") }, now);
      if (extended.extensionNoticeStatus === "pending") {
        await enqueuePrivacyRequestExtensionNotice(getJobProducer(), { tenantId: tenant.id, requestId, extensionMonths: extended.extensionMonths });
      }
    } else {
      // Rectification, post-mortem directives: done by hand, recorded here with the DPO's note.
      await decideRequest(getDb(), actor, tenant.id, requestId, { action, note: String(formData.get("note") ?? "").slice(0, 2000) }, now);
    }
  } catch (error) {
    if (error instanceof z.ZodError) back(path, { error: error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") });
    const message = expectedMessage(error);
    if (!message) throw error;
    back(path, { error: message });
  }
  revalidatePath(path);
  back(path, { done: action === "reject" ? "reject_request" : action });
}
