"use server";
// Reschedule or unschedule a campaign that waits for its start time, or move a running A/B
// test's decision time (activation.campaigns.send, like starting it). The tenant comes from the
// guard, the campaign is loaded through it.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getJobProducer } from "@/features/data/lib/producer";
import { getDb } from "@/server/db";
import { requireTenantPermission } from "@/server/guard";
import { moveAbDecision } from "./lib/ab-decision-time";
import { CampaignError } from "./lib/campaigns";
import { rescheduleCampaign, scheduleInstant, unscheduleCampaign } from "./lib/campaign-schedule";

export type ScheduleActionState = { status: "idle" | "rescheduled" } | { status: "invalid"; message: string };
export type AbDecisionActionState = { status: "idle" | "moved" } | { status: "invalid"; message: string };

async function scopeFor(formData: FormData) {
  const { user, tenant } = await requireTenantPermission(z.string().min(1).max(100).parse(formData.get("tenantSlug")), "activation.campaigns.send");
  const id = z.uuid().parse(formData.get("campaignId"));
  return { scope: { tenantId: tenant.tenantId, userId: user.id }, slug: tenant.slug, id };
}

export async function rescheduleCampaignAction(_prev: ScheduleActionState, formData: FormData): Promise<ScheduleActionState> {
  const { scope, slug, id } = await scopeFor(formData);
  try {
    const now = new Date();
    const at = scheduleInstant(String(formData.get("scheduleDate") ?? "").trim(), String(formData.get("scheduleTime") ?? "").trim(), now);
    await rescheduleCampaign(getDb(), scope, id, at, now);
  } catch (error) {
    if (error instanceof CampaignError) return { status: "invalid", message: error.code };
    throw error;
  }
  revalidatePath(`/t/${slug}/activation`);
  revalidatePath(`/t/${slug}/activation/campaigns/${id}`);
  return { status: "rescheduled" };
}

export async function unscheduleCampaignAction(_prev: ScheduleActionState, formData: FormData): Promise<ScheduleActionState> {
  const { scope, slug, id } = await scopeFor(formData);
  try {
    await unscheduleCampaign(getDb(), scope, id);
  } catch (error) {
    if (error instanceof CampaignError) return { status: "invalid", message: error.code };
    throw error;
  }
  revalidatePath(`/t/${slug}/activation`);
  redirect(`/t/${slug}/activation/campaigns/${id}?unscheduled=1`);
}

export async function moveAbDecisionAction(_prev: AbDecisionActionState, formData: FormData): Promise<AbDecisionActionState> {
  const { scope, slug, id } = await scopeFor(formData);
  try {
    const now = new Date();
    const at = scheduleInstant(String(formData.get("decideDate") ?? "").trim(), String(formData.get("decideTime") ?? "").trim(), now);
    await moveAbDecision(getDb(), getJobProducer(), scope, id, at, now);
  } catch (error) {
    if (error instanceof CampaignError) return { status: "invalid", message: error.code };
    throw error;
  }
  revalidatePath(`/t/${slug}/activation/campaigns/${id}/report`);
  return { status: "moved" };
}
