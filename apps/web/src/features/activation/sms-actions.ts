"use server";
// SMS mutations from the staff UI: the SMS campaign draft (save, test send, start now or at a
// Paris time) and the tenant's SMS provider settings. Each resolves the untrusted tenant slug
// through the guard and checks its permission first; invalid input comes back per field.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { loadEnv } from "@rappel/config";
import { findMergeTagProblems, type SmsCampaignEstimate } from "@rappel/campaigns";
import { masterKeyFromEnv } from "@rappel/personal-data";
import { publishSettingsChanged } from "@rappel/jobs";
import { ZSmsSettingsInput } from "@rappel/sms";
import { getDb } from "@/server/db";
import { getRedis } from "@/server/redis";
import { requireTenantPermission } from "@/server/guard";
import { getJobProducer } from "@/features/data/lib/producer";
import { CampaignError, requestTestSend, startCampaign } from "./lib/campaigns";
import { ZSmsCampaignInput, parisLocalToUtc, saveTenantSmsSettings, updateSmsCampaignDraft } from "./lib/sms-campaigns";
import { estimateSmsCampaignCost } from "./lib/sms-cost";

const ZSlug = z.string().min(1).max(100);

export type SmsFormState =
  | { status: "idle" | "tested" }
  | { status: "saved"; estimate?: SmsCampaignEstimate | null }
  | { status: "invalid"; fields: Record<string, string>; message?: string };

const text = (formData: FormData, key: string) => {
  const v = formData.get(key);
  return typeof v === "string" ? v : "";
};

/** First issue per field, keyed by the field's name ("content.senderId" → "senderId"). */
function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path.at(-1) ?? "form");
    out[key] ??= issue.message;
  }
  return out;
}

export async function saveSmsCampaignAction(_prev: SmsFormState, formData: FormData): Promise<SmsFormState> {
  const intent = z.enum(["save", "test", "start"]).catch("save").parse(formData.get("intent"));
  const { user, tenant } = await requireTenantPermission(ZSlug.parse(formData.get("tenantSlug")), intent === "start" ? "activation.campaigns.send" : "activation.campaigns.manage");
  const scope = { tenantId: tenant.tenantId, userId: user.id };
  const id = z.uuid().parse(formData.get("campaignId"));
  const parsed = ZSmsCampaignInput.safeParse({
    name: text(formData, "name"), segmentId: text(formData, "segmentId"), holdoutPercent: text(formData, "holdoutPercent") || 0,
    attributionDays: text(formData, "attributionDays") || 7, scheduledAt: text(formData, "scheduledAt"), promotedPerformanceId: text(formData, "promotedPerformanceId"),
    content: { text: text(formData, "text"), senderId: text(formData, "senderId"), ...(text(formData, "testPhone").trim() ? { testPhone: text(formData, "testPhone") } : {}) },
  });
  if (!parsed.success) return { status: "invalid", fields: fieldErrors(parsed.error) };
  const tags = findMergeTagProblems(parsed.data.content.text);
  if (tags.length) return { status: "invalid", fields: { text: tags.map((p) => p.message).join("; ") } };
  if (intent === "test" && !parsed.data.content.testPhone) return { status: "invalid", fields: { testPhone: "no_test_phone" } };
  const scheduledAt = parsed.data.scheduledAt ? parisLocalToUtc(parsed.data.scheduledAt) : undefined;
  if (intent === "start" && scheduledAt && scheduledAt.getTime() < Date.now()) return { status: "invalid", fields: { scheduledAt: "scheduled_in_past" } };
  try {
    await updateSmsCampaignDraft(getDb(), scope, id, parsed.data);
    if (intent === "test") await requestTestSend(getDb(), getJobProducer(), scope, id);
    if (intent === "start") await startCampaign(getDb(), getJobProducer(), scope, id, scheduledAt);
  } catch (error) {
    if (error instanceof CampaignError) return { status: "invalid", fields: {}, message: error.code };
    throw error;
  }
  revalidatePath(`/t/${tenant.slug}/activation/campaigns/${id}`);
  if (intent === "start") redirect(`/t/${tenant.slug}/activation/campaigns/${id}/report`);
  if (intent === "test") return { status: "tested" };
  return { status: "saved", estimate: await estimateSmsCampaignCost(getDb(), scope, masterKeyFromEnv(loadEnv()), id) };
}

export async function saveSmsSettingsAction(_prev: SmsFormState, formData: FormData): Promise<SmsFormState> {
  const { user, tenant } = await requireTenantPermission(ZSlug.parse(formData.get("tenantSlug")), "activation.campaigns.manage");
  const parsed = ZSmsSettingsInput.safeParse({
    provider: text(formData, "provider"), endpointUrl: text(formData, "endpointUrl"), systemId: text(formData, "systemId"),
    secret: text(formData, "secret"), webhookSecret: text(formData, "webhookSecret"), messagesPerSecond: text(formData, "messagesPerSecond"),
    pricePerSegmentCents: text(formData, "pricePerSegmentCents"), optOutMention: text(formData, "optOutMention"),
    alsaceMoselle: formData.get("alsaceMoselle") === "on", skipHolidays: formData.get("skipHolidays") === "on",
    weekdays: formData.getAll("weekdays").map(String), startTime: text(formData, "startTime"), endTime: text(formData, "endTime"),
  });
  if (!parsed.success) return { status: "invalid", fields: fieldErrors(parsed.error) };
  await saveTenantSmsSettings(getDb(), { tenantId: tenant.tenantId, userId: user.id }, masterKeyFromEnv(loadEnv()), parsed.data);
  // The workers rebind this tenant's SMPP receiver at once; without the signal (Redis down) their
  // periodic scan applies the saved settings within a minute, so the save still stands.
  await publishSettingsChanged(getRedis(), loadEnv().QUEUE_PREFIX, "sms", tenant.tenantId).catch((error: unknown) =>
    console.warn(JSON.stringify({ level: "warn", event: "sms_settings.signal_failed", message: error instanceof Error ? error.message : String(error) })));
  revalidatePath(`/t/${tenant.slug}/activation`);
  return { status: "saved" };
}
