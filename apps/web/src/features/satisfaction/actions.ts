"use server";
// Staff mutations of the satisfaction area. Each resolves the tenant from the (untrusted) slug
// through the guard, checks the permission, validates its input with zod, and works in the
// tenant's scope. Plain <form action> submissions: they work before any JavaScript has loaded.
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { appendAuditEntry, withTenant } from "@rappel/db";
import { SurveyDefinitionError, TOPICS, ZBranding, parseSurveyDefinition } from "@rappel/survey";
import { requireTenantPermission } from "@/server/guard";
import { getDb } from "@/server/db";
import { createCoreSurvey, saveDefinition } from "./lib/queries";

const ZSlug = z.string().min(1).max(80);
const ZId = z.uuid();

async function manage(form: FormData) {
  const slug = ZSlug.parse(form.get("tenantSlug"));
  const ctx = await requireTenantPermission(slug, "satisfaction.surveys.manage", `/t/${slug}/satisfaction/surveys`);
  return { slug, ctx, tenantId: ctx.tenant.tenantId, userId: ctx.user.id };
}

export async function createCoreSurveyAction(form: FormData): Promise<void> {
  const { slug, ctx, tenantId, userId } = await manage(form);
  const id = await withTenant(getDb(), tenantId, (tx) => createCoreSurvey(tx, tenantId, ctx.tenant.name, userId), { userId });
  redirect(`/t/${slug}/satisfaction/surveys/${id}`);
}

const intOrNull = (min: number, max: number) =>
  z.preprocess((v) => (v === "" || v === null || v === undefined ? null : Number(v)), z.number().int().min(min).max(max).nullable());

const ZSurveySettings = z.object({
  surveyId: ZId,
  name: z.string().trim().min(1).max(120),
  definition: z.string().min(2).max(200_000),
  colour: ZBranding.shape.colour,
  minResponses: intOrNull(1, 1000),
  closesAt: z.union([z.literal(""), z.iso.date()]),
  alertRecipients: z.string().max(2000),
  alertNpsBelow: intOrNull(-100, 100),
  alertTopics: z.array(z.enum(TOPICS)),
});

export async function saveSurveyAction(form: FormData): Promise<void> {
  const { slug, tenantId, userId } = await manage(form);
  const input = ZSurveySettings.parse({
    surveyId: form.get("surveyId"),
    name: form.get("name"),
    definition: form.get("definition"),
    colour: form.get("colour"),
    minResponses: form.get("minResponses"),
    closesAt: form.get("closesAt") ?? "",
    alertRecipients: form.get("alertRecipients") ?? "",
    alertNpsBelow: form.get("alertNpsBelow"),
    alertTopics: form.getAll("alertTopics"),
  });
  const back = `/t/${slug}/satisfaction/surveys/${input.surveyId}`;
  let definition;
  try {
    const raw = JSON.parse(input.definition) as { branding?: unknown };
    raw.branding = { ...(typeof raw.branding === "object" ? raw.branding : {}), colour: input.colour };
    definition = parseSurveyDefinition(raw);
  } catch (error) {
    const message = error instanceof SurveyDefinitionError ? error.issues.join(" · ") : error instanceof SyntaxError ? `JSON: ${error.message}` : null;
    if (!message) throw error;
    redirect(`${back}?error=${encodeURIComponent(message.slice(0, 1500))}`);
  }
  const recipients = input.alertRecipients.split(/[,;\s]+/).filter(Boolean);
  const badRecipient = recipients.find((r) => !z.email().safeParse(r).success);
  if (badRecipient) redirect(`${back}?error=${encodeURIComponent(`adresse invalide : ${badRecipient}`)}`);
  const saved = await withTenant(getDb(), tenantId, async (tx) => {
    const exists = await tx.survey.findUnique({ where: { tenantId_id: { tenantId, id: input.surveyId } } });
    if (!exists) return null;
    // The definition first: when it breaks a core question nothing is written.
    const result = await saveDefinition(tx, tenantId, input.surveyId, definition, userId);
    if ("locked" in result) return result;
    await tx.survey.update({
      where: { tenantId_id: { tenantId, id: input.surveyId } },
      data: {
        name: input.name,
        minResponses: input.minResponses ?? 5,
        closesAt: input.closesAt ? new Date(`${input.closesAt}T23:59:59+01:00`) : null,
        settings: { alerts: { recipients, npsBelow: input.alertNpsBelow, detractorTopics: input.alertTopics } },
      },
    });
    return result;
  }, { userId });
  if (saved === null) redirect(`/t/${slug}/satisfaction/surveys`);
  if ("locked" in saved) redirect(`${back}?error=${encodeURIComponent(saved.locked.map((i) => i.message).join(" · "))}`);
  revalidatePath(back);
  redirect(`${back}?saved=${saved.version}`);
}

const ZRule = z.object({
  surveyId: ZId,
  showIds: z.array(ZId),
  venueIds: z.array(ZId),
  genres: z.array(z.string().max(60)),
  delayHours: z.coerce.number().min(0).max(240),
  reminderAfterDays: intOrNull(1, 60),
  fatigueDays: z.coerce.number().int().min(0).max(365),
  sampleEvery: z.coerce.number().int().min(1).max(100),
  festivalWindowHours: z.coerce.number().int().min(0).max(240),
  quietStartHour: z.coerce.number().int().min(0).max(23),
  quietEndHour: z.coerce.number().int().min(0).max(23),
  excludeComplimentary: z.boolean(),
});

export async function saveRuleAction(form: FormData): Promise<void> {
  const { slug, tenantId, userId } = await manage(form);
  const input = ZRule.parse({
    surveyId: form.get("surveyId"),
    showIds: form.getAll("showIds").filter(Boolean),
    venueIds: form.getAll("venueIds").filter(Boolean),
    genres: form.getAll("genres").filter(Boolean),
    delayHours: form.get("delayHours"),
    reminderAfterDays: form.get("reminderAfterDays"),
    fatigueDays: form.get("fatigueDays"),
    sampleEvery: form.get("sampleEvery"),
    festivalWindowHours: form.get("festivalWindowHours"),
    quietStartHour: form.get("quietStartHour"),
    quietEndHour: form.get("quietEndHour"),
    excludeComplimentary: form.get("excludeComplimentary") === "on",
  });
  const { surveyId, delayHours, ...rest } = input;
  await withTenant(getDb(), tenantId, async (tx) => {
    const survey = await tx.survey.findUnique({ where: { tenantId_id: { tenantId, id: surveyId } }, include: { dispatchRules: { take: 1, orderBy: { createdAt: "asc" } } } });
    if (!survey) return;
    // Shows and venues are checked against the tenant (ids from a form are untrusted).
    const shows = await tx.show.count({ where: { tenantId, id: { in: rest.showIds } } });
    const venues = await tx.venue.count({ where: { tenantId, id: { in: rest.venueIds } } });
    if (shows !== rest.showIds.length || venues !== rest.venueIds.length) throw new Error("unknown show or venue");
    const data = { ...rest, delayMinutes: Math.round(delayHours * 60) };
    const rule = survey.dispatchRules[0];
    if (rule) await tx.surveyDispatchRule.update({ where: { tenantId_id: { tenantId, id: rule.id } }, data });
    else await tx.surveyDispatchRule.create({ data: { tenantId, surveyId, ...data } });
    await appendAuditEntry(tx, tenantId, { actorUserId: userId, actorKind: "staff", action: "survey.dispatch-rule.saved", targetType: "survey", targetId: surveyId });
  }, { userId });
  redirect(`/t/${slug}/satisfaction/surveys/${surveyId}?saved=rule`);
}

export async function setSurveyStatusAction(form: FormData): Promise<void> {
  const { slug, tenantId, userId } = await manage(form);
  const surveyId = ZId.parse(form.get("surveyId"));
  const status = z.enum(["draft", "active", "closed"]).parse(form.get("status"));
  await withTenant(getDb(), tenantId, async (tx) => {
    const { count } = await tx.survey.updateMany({ where: { tenantId, id: surveyId }, data: { status } });
    if (count) await appendAuditEntry(tx, tenantId, { actorUserId: userId, actorKind: "staff", action: `survey.${status}`, targetType: "survey", targetId: surveyId });
  }, { userId });
  redirect(`/t/${slug}/satisfaction/surveys/${surveyId}`);
}

export async function updateTopicsAction(form: FormData): Promise<void> {
  const { slug, tenantId, userId } = await manage(form);
  const responseId = ZId.parse(form.get("responseId"));
  const topics = z.array(z.enum(TOPICS)).parse(form.getAll("topics"));
  await withTenant(getDb(), tenantId, async (tx) => {
    const { count } = await tx.surveyResponse.updateMany({ where: { tenantId, id: responseId }, data: { topics, topicsEdited: true } });
    if (count) await appendAuditEntry(tx, tenantId, { actorUserId: userId, actorKind: "staff", action: "survey.verbatim.topics", targetType: "survey_response", targetId: responseId, details: { topics } });
  }, { userId });
  const back = z.string().regex(/^\/t\/[^/]+\/satisfaction\/verbatims/).catch(`/t/${slug}/satisfaction/verbatims`).parse(form.get("back"));
  redirect(back);
}
