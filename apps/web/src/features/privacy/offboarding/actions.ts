"use server";
// Offboarding mutations. Each checks platform.offboarding.manage first (failing closed), resolves
// the tenant from the form (untrusted) and acts through @rappel/privacy, which checks the platform
// role again and audits the step; the long steps are enqueued for the worker.
import { enqueueMasterKeyRotation, enqueueOffboardingStep } from "@rappel/jobs";
import {
  OffboardingError,
  OffboardingPermissionError,
  recordClientConfirmation,
  requestDestruction,
  requestOffboarding,
  retryOffboardingStep,
  ZClientConfirmationInput,
  ZStartOffboardingInput,
} from "@rappel/privacy";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { getDb } from "@/server/db";
import { requirePlatformPermission } from "@/server/guard";
import { getJobProducer } from "@/features/data/lib/producer";
import { resolveTenant } from "../lib/console";
import { OFFBOARDING_PERMISSION, platformActor } from "./lib/offboarding";

async function guard(formData: FormData) {
  const context = await requirePlatformPermission(OFFBOARDING_PERMISSION, "/admin/privacy");
  const tenant = await resolveTenant(getDb(), String(formData.get("tenantId") ?? ""));
  return { context, tenant, path: `/admin/privacy/${tenant.id}/offboarding` };
}

function back(path: string, params: Record<string, string>): never {
  redirect(`${path}?${new URLSearchParams(params).toString()}`);
}

function invalid(path: string, error: z.ZodError): never {
  const issue = error.issues[0];
  back(path, { error: issue?.message ?? "invalid", field: String(issue?.path[0] ?? "") });
}

/** Runs a library step; expected refusals come back to the page as a message, others propagate. */
async function attempt<T>(path: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof OffboardingError || error instanceof OffboardingPermissionError) back(path, { error: error.message });
    throw error;
  }
}

export async function startOffboardingAction(formData: FormData): Promise<void> {
  const { context, tenant, path } = await guard(formData);
  const parsed = ZStartOffboardingInput.safeParse({ contractReference: formData.get("contractReference") ?? "" });
  if (!parsed.success) invalid(path, parsed.error);
  const record = await attempt(path, () => requestOffboarding(getDb(), platformActor(context), tenant.id, parsed.data, new Date()));
  await enqueueOffboardingStep(getJobProducer(), "export", { tenantId: tenant.id, offboardingId: record.id }, record.attempts);
  revalidatePath(path);
  back(path, { done: "started" });
}

export async function confirmClientAction(formData: FormData): Promise<void> {
  const { context, tenant, path } = await guard(formData);
  const note = String(formData.get("note") ?? "").trim();
  const parsed = ZClientConfirmationInput.safeParse({
    slug: formData.get("slug") ?? "",
    clientReference: formData.get("clientReference") ?? "",
    clientConfirmedOn: formData.get("clientConfirmedOn") ?? "",
    ...(note ? { note } : {}),
  });
  if (!parsed.success) invalid(path, parsed.error);
  await attempt(path, () => recordClientConfirmation(getDb(), platformActor(context), tenant.id, parsed.data, new Date()));
  revalidatePath(path);
  back(path, { done: "confirmed" });
}

export async function launchDestructionAction(formData: FormData): Promise<void> {
  const { context, tenant, path } = await guard(formData);
  const record = await attempt(path, () => requestDestruction(getDb(), platformActor(context), tenant.id, new Date()));
  await enqueueOffboardingStep(getJobProducer(), "destroy", { tenantId: tenant.id, offboardingId: record.id }, record.attempts);
  revalidatePath(path);
  back(path, { done: "destroying" });
}

export async function retryOffboardingAction(formData: FormData): Promise<void> {
  const { context, tenant, path } = await guard(formData);
  const { offboarding, step } = await attempt(path, () => retryOffboardingStep(getDb(), platformActor(context), tenant.id, new Date()));
  await enqueueOffboardingStep(getJobProducer(), step, { tenantId: tenant.id, offboardingId: offboarding.id }, offboarding.attempts);
  revalidatePath(path);
  back(path, { done: "retried" });
}

/** Starts a master key rotation (a worker job); the DPO console home shows its progress. */
export async function rotateMasterKeyAction(): Promise<void> {
  const context = await requirePlatformPermission("platform.privacy.manage", "/admin/privacy");
  await enqueueMasterKeyRotation(getJobProducer(), { requestedById: context.user.id }, { jobId: `rotate-master-key-${Date.now()}` });
  revalidatePath("/admin/privacy");
  back("/admin/privacy", { done: "rotation" });
}
