"use server";
// Activation mutations from the staff UI. Each resolves the untrusted tenant slug through the
// guard and checks its permission before touching anything.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { loadEnv } from "@rappel/config";
import { masterKeyFromEnv } from "@rappel/personal-data";
import { InvalidSegmentError, parseSegmentRules } from "@rappel/segments";
import { getDb } from "@/server/db";
import { requireTenantPermission } from "@/server/guard";
import { getJobProducer } from "@/features/data/lib/producer";
import { countSegmentRules, saveSegment } from "./lib/segments";
import { readAbTestForm, readTestVariant } from "./lib/campaign-ab-form";
import { readScheduleForm } from "./lib/campaign-schedule";
import {
  CampaignError, ZCampaignInput, ZSenderInput, contentProblems, createCampaignDraft, previewCampaign, PREVIEW_MAX_POSITION, requestTestSend, saveSenderIdentity,
  startCampaign, updateCampaignDraft,
} from "./lib/campaigns";

const ZSlug = z.string().min(1).max(100);

async function scopeFor(slug: unknown, permission: "activation.segments.manage" | "activation.campaigns.manage" | "activation.campaigns.send") {
  const { user, tenant } = await requireTenantPermission(ZSlug.parse(slug), permission);
  return { scope: { tenantId: tenant.tenantId, userId: user.id }, slug: tenant.slug };
}

export type CountResult = { status: "ok"; count: number } | { status: "invalid"; message: string };

export async function countSegmentAction(tenantSlug: string, rules: unknown): Promise<CountResult> {
  const { scope } = await scopeFor(tenantSlug, "activation.segments.manage");
  try {
    return { status: "ok", count: await countSegmentRules(getDb(), scope, parseSegmentRules(rules)) };
  } catch (error) {
    if (error instanceof InvalidSegmentError) return { status: "invalid", message: error.message };
    throw error;
  }
}

export type SaveSegmentState = { status: "idle" } | { status: "invalid"; message: string };

export async function saveSegmentAction(_prev: SaveSegmentState, formData: FormData): Promise<SaveSegmentState> {
  const { scope, slug } = await scopeFor(formData.get("tenantSlug"), "activation.segments.manage");
  const name = String(formData.get("name") ?? "").trim();
  if (!name) return { status: "invalid", message: "name" };
  let id: string;
  try {
    const rules = parseSegmentRules(JSON.parse(String(formData.get("rules") ?? "{}")));
    const existing = z.uuid().safeParse(formData.get("id"));
    id = await saveSegment(getDb(), scope, { ...(existing.success ? { id: existing.data } : {}), name, rules });
  } catch (error) {
    if (error instanceof InvalidSegmentError || error instanceof SyntaxError) return { status: "invalid", message: error.message };
    if (error instanceof Error && /Unique constraint/.test(error.message)) return { status: "invalid", message: "name.taken" };
    throw error;
  }
  revalidatePath(`/t/${slug}/activation`);
  redirect(`/t/${slug}/activation/segments/${id}?saved=1`);
}

export async function saveSenderAction(formData: FormData): Promise<void> {
  const { scope, slug } = await scopeFor(formData.get("tenantSlug"), "activation.campaigns.manage");
  const parsed = ZSenderInput.safeParse({ fromName: formData.get("fromName"), fromEmail: formData.get("fromEmail"), replyTo: formData.get("replyTo") ?? "" });
  if (!parsed.success) redirect(`/t/${slug}/activation?sender=invalid`);
  await saveSenderIdentity(getDb(), scope, parsed.data);
  revalidatePath(`/t/${slug}/activation`);
  redirect(`/t/${slug}/activation?sender=saved`);
}

export async function createCampaignAction(formData: FormData): Promise<void> {
  const { scope, slug } = await scopeFor(formData.get("tenantSlug"), "activation.campaigns.manage");
  const name = z.string().trim().min(1).max(150).catch("Nouvelle campagne").parse(formData.get("name"));
  const channel = z.enum(["email", "sms"]).catch("email").parse(formData.get("channel"));
  const id = await createCampaignDraft(getDb(), scope, name, channel);
  redirect(`/t/${slug}/activation/campaigns/${id}`);
}

/** `field` names the input an error belongs to (the form links the message to it). */
export type SaveCampaignState = { status: "idle" | "saved" | "tested" | "started" } | { status: "invalid"; message: string; field?: "schedule" | "ab" };

export async function saveCampaignAction(_prev: SaveCampaignState, formData: FormData): Promise<SaveCampaignState> {
  const intent = String(formData.get("intent") ?? "save");
  const { scope, slug } = await scopeFor(formData.get("tenantSlug"), intent === "start" ? "activation.campaigns.send" : "activation.campaigns.manage");
  const id = z.uuid().parse(formData.get("campaignId"));
  let content: unknown;
  try {
    content = JSON.parse(String(formData.get("content") ?? "{}"));
  } catch {
    return { status: "invalid", message: "content" };
  }
  const ab = readAbTestForm(formData);
  if (!ab.ok) return { status: "invalid", message: ab.code, field: "ab" };
  const testVariant = readTestVariant(formData, ab.abTest);
  if (intent === "test" && !testVariant.ok) return { status: "invalid", message: testVariant.code, field: "ab" };
  let scheduledAt: Date | undefined;
  try {
    scheduledAt = intent === "start" ? readScheduleForm(formData, new Date()) : undefined;
  } catch (error) {
    if (error instanceof CampaignError) return { status: "invalid", message: error.code, field: "schedule" };
    throw error;
  }
  const parsed = ZCampaignInput.safeParse({
    name: formData.get("name"), segmentId: formData.get("segmentId") ?? "", subject: formData.get("subject") ?? "",
    preheader: formData.get("preheader") ?? "", content, holdoutPercent: formData.get("holdoutPercent") ?? 0, attributionDays: formData.get("attributionDays") ?? 7,
    abTest: ab.abTest, promotedPerformanceId: formData.get("promotedPerformanceId") ?? "",
  });
  if (!parsed.success) return { status: "invalid", message: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
  const problems = contentProblems(parsed.data);
  if (problems.length) return { status: "invalid", message: problems.join("; ") };
  try {
    await updateCampaignDraft(getDb(), scope, id, parsed.data);
    if (intent === "test") await requestTestSend(getDb(), getJobProducer(), scope, id, testVariant.ok ? testVariant.variant : "A");
    if (intent === "start") await startCampaign(getDb(), getJobProducer(), scope, id, scheduledAt);
  } catch (error) {
    if (error instanceof CampaignError) return { status: "invalid", message: error.code };
    throw error;
  }
  revalidatePath(`/t/${slug}/activation/campaigns/${id}`);
  // A scheduled campaign's page shows its time, with reschedule and unschedule.
  if (intent === "start") redirect(scheduledAt ? `/t/${slug}/activation/campaigns/${id}?scheduled=1` : `/t/${slug}/activation/campaigns/${id}/report`);
  return { status: intent === "test" ? "tested" : "saved" };
}

export type CampaignPreview = { html: string; subject: string; recipient: { firstName: string | null; lastName: string | null } | null };

/** `position`: which recipient of the segment (1-based) the preview is rendered for. */
export async function previewCampaignAction(tenantSlug: string, campaignId: string, position = 1): Promise<CampaignPreview> {
  const { scope } = await scopeFor(tenantSlug, "activation.campaigns.manage");
  const at = z.number().int().min(1).max(PREVIEW_MAX_POSITION).catch(1).parse(position);
  const rendered = await previewCampaign(getDb(), scope, z.uuid().parse(campaignId), masterKeyFromEnv(loadEnv()), at);
  return { html: rendered.html, subject: rendered.subject, recipient: rendered.recipient };
}
