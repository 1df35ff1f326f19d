// Campaign drafts, sender identity, preview, test send and launch. The web app never sends: it
// records intent in Postgres and enqueues a job for the worker.
import { ZAbTestConfig, ZEmailContent, ZSmsContent, findMergeTagProblems, renderEmail, type TEmailContent, type TSmsContent } from "@rappel/campaigns";
import { Prisma, appendAuditEntry, withTenant, type Database } from "@rappel/db";
import { enqueueJob, type JobProducer } from "@rappel/jobs";
import { loadIdentityCodec, type MasterKey } from "@rappel/personal-data";
import { parseSegmentRules, listSegmentSpectatorIds } from "@rappel/segments";
import { z } from "zod";
import { CampaignError } from "./campaign-error";
import { ZPromotedPerformanceId, checkPromotedPerformance } from "./promoted-performance";
import type { Scope } from "./segments";

export { CampaignError };

export const ZSenderInput = z.object({
  fromName: z.string().trim().min(1).max(100),
  fromEmail: z.email(),
  replyTo: z.email().optional().or(z.literal("").transform(() => undefined)),
});

export const ZCampaignInput = z.object({
  name: z.string().trim().min(1).max(150),
  segmentId: z.uuid().optional().or(z.literal("").transform(() => undefined)),
  subject: z.string().max(200),
  preheader: z.string().max(200),
  content: ZEmailContent,
  holdoutPercent: z.coerce.number().int().min(0).max(50),
  attributionDays: z.coerce.number().int().min(1).max(60),
  /** Optional A/B subject test (see ./campaign-ab-form.ts for the form's fields). */
  abTest: ZAbTestConfig.nullable().default(null),
  /** The performance the campaign sells: the worker stops the campaign once it is sold out or cancelled. */
  promotedPerformanceId: ZPromotedPerformanceId,
});
export type TCampaignInput = z.infer<typeof ZCampaignInput>;

const DEFAULT_CONTENT: TEmailContent = {
  blocks: [
    { type: "text", text: 'Bonjour {{firstName|"à vous"}},\n\nLa nouvelle saison commence.' },
    { type: "button", label: "Réserver", href: "https://billetterie.example/saison" },
    { type: "footer", text: "Vous recevez ce message parce que vous avez accepté nos actualités." },
  ],
};

export const DEFAULT_SMS_CONTENT: TSmsContent = { text: 'Bonjour {{firstName|"à vous"}}, la nouvelle saison commence : réservez vite !', senderId: "RAPPEL" };

export async function getSenderIdentity(db: Database, scope: Scope) {
  return withTenant(db, scope.tenantId, (tx) => tx.senderIdentity.findUnique({ where: { tenantId: scope.tenantId } }), { userId: scope.userId });
}

export async function saveSenderIdentity(db: Database, scope: Scope, input: z.infer<typeof ZSenderInput>) {
  const data = { fromName: input.fromName, fromEmail: input.fromEmail, replyTo: input.replyTo ?? null };
  await withTenant(db, scope.tenantId, (tx) =>
    tx.senderIdentity.upsert({ where: { tenantId: scope.tenantId }, create: { tenantId: scope.tenantId, ...data }, update: data }), { userId: scope.userId });
}

export async function listCampaigns(db: Database, scope: Scope) {
  return withTenant(db, scope.tenantId, (tx) =>
    tx.campaign.findMany({
      where: { tenantId: scope.tenantId }, orderBy: { createdAt: "desc" },
      select: { id: true, name: true, status: true, channel: true, createdAt: true, startedAt: true, scheduledAt: true, segment: { select: { name: true } } },
    }), { userId: scope.userId });
}

export async function createCampaignDraft(db: Database, scope: Scope, name: string, channel: "email" | "sms" = "email"): Promise<string> {
  const content = channel === "sms" ? DEFAULT_SMS_CONTENT : DEFAULT_CONTENT;
  const row = await withTenant(db, scope.tenantId, (tx) =>
    tx.campaign.create({ data: { tenantId: scope.tenantId, name, channel, subject: "", preheader: "", content, createdById: scope.userId } }),
    { userId: scope.userId });
  return row.id;
}

export async function getCampaign(db: Database, scope: Scope, id: string) {
  const row = await withTenant(db, scope.tenantId, (tx) => tx.campaign.findUnique({ where: { tenantId_id: { tenantId: scope.tenantId, id } } }), { userId: scope.userId });
  if (!row) throw new CampaignError("not_found", 404);
  const content = ZEmailContent.safeParse(row.content);
  return { ...row, content: content.success ? content.data : DEFAULT_CONTENT };
}

export async function updateCampaignDraft(db: Database, scope: Scope, id: string, input: TCampaignInput): Promise<void> {
  await withTenant(db, scope.tenantId, async (tx) => {
    const row = await tx.campaign.findUnique({ where: { tenantId_id: { tenantId: scope.tenantId, id } }, select: { status: true, promotedPerformanceId: true } });
    if (!row) throw new CampaignError("not_found", 404);
    if (row.status !== "draft") throw new CampaignError("not_draft", 409);
    await checkPromotedPerformance(tx, scope.tenantId, input.promotedPerformanceId, row.promotedPerformanceId);
    await tx.campaign.update({
      where: { tenantId_id: { tenantId: scope.tenantId, id } },
      data: {
        name: input.name, segmentId: input.segmentId ?? null, subject: input.subject, preheader: input.preheader, content: input.content,
        holdoutPercent: input.holdoutPercent, attributionDays: input.attributionDays, abTest: input.abTest ?? Prisma.DbNull,
        promotedPerformanceId: input.promotedPerformanceId ?? null,
      },
    });
  }, { userId: scope.userId });
}

export function contentProblems(input: Pick<TCampaignInput, "subject" | "preheader" | "content"> & { abTest?: TCampaignInput["abTest"] }): string[] {
  const texts = [input.subject, ...(input.abTest?.alternativeSubjects ?? []), input.preheader, ...input.content.blocks.map((b) => ("text" in b ? b.text : "label" in b ? b.label : ""))];
  return texts.flatMap((t) => findMergeTagProblems(t).map((p) => p.message));
}

/** Renders the campaign as the segment's first spectator (or with fallbacks only); reading the
 * spectator's name is a personal-data read, so it is audited. */
/** Previews are walked one recipient at a time; beyond this position the marketer uses a smaller segment. */
export const PREVIEW_MAX_POSITION = 1_000;

/**
 * The e-mail as the `position`-th (1-based, id order) spectator of the campaign's segment would
 * receive it; `recipient` is null when the segment has nobody at that position (merge tags then
 * show their fallbacks). Reading the person's name is audited.
 */
export async function previewCampaign(db: Database, scope: Scope, id: string, master: MasterKey, position = 1) {
  const campaign = await getCampaign(db, scope, id);
  const recipient = await withTenant(db, scope.tenantId, async (tx) => {
    if (!campaign.segmentId) return null;
    const segment = await tx.segment.findUnique({ where: { tenantId_id: { tenantId: scope.tenantId, id: campaign.segmentId } } });
    if (!segment) return null;
    const [chosen] = await listSegmentSpectatorIds(tx, scope.tenantId, parseSegmentRules(segment.rules), new Date(), 1, position - 1);
    if (!chosen) return null;
    const s = await tx.spectator.findUnique({ where: { tenantId_id: { tenantId: scope.tenantId, id: chosen } } });
    if (!s) return null;
    const codec = await loadIdentityCodec(tx, scope.tenantId, master);
    await appendAuditEntry(tx, scope.tenantId, { actorUserId: scope.userId, actorKind: "staff", action: "spectator.read", targetType: "spectator", targetId: chosen, details: { purpose: "campaign preview" } });
    return { firstName: codec.openField("firstName", s.firstNameEnc), lastName: codec.openField("lastName", s.lastNameEnc) };
  }, { userId: scope.userId });
  const rendered = renderEmail(campaign.content, { subject: campaign.subject, preheader: campaign.preheader, values: recipient ?? {}, unsubscribeUrl: "#" });
  return { ...rendered, recipient };
}

/** `variant`: for an A/B subject test, the subject the test message carries (A: the campaign's own). */
export async function requestTestSend(db: Database, producer: JobProducer, scope: Scope, id: string, variant: "A" | "B" | "C" = "A"): Promise<void> {
  const campaign = await getCampaign(db, scope, id);
  if (campaign.channel === "sms") {
    // The number is on the draft (the job payload carries ids only).
    const raw = await withTenant(db, scope.tenantId, (tx) => tx.campaign.findUnique({ where: { tenantId_id: { tenantId: scope.tenantId, id } }, select: { content: true } }), { userId: scope.userId });
    const sms = ZSmsContent.safeParse(raw?.content);
    if (!sms.success) throw new CampaignError("invalid_content");
    if (!sms.data.testPhone) throw new CampaignError("no_test_phone");
  } else if (!(await getSenderIdentity(db, scope))) throw new CampaignError("no_sender");
  await enqueueJob(producer, "campaign-test-send", { tenantId: scope.tenantId, campaignId: campaign.id, userId: scope.userId, ...(variant !== "A" ? { variant } : {}) });
}

/**
 * Freezes the draft and hands it to the worker, which snapshots the audience at launch: now (a
 * launch job, and scheduledAt = now so the sweep launches it even if that job is lost), or at
 * `scheduledAt` (the sweep launches it once due; ./campaign-schedule.ts reschedules/unschedules).
 */
export async function startCampaign(db: Database, producer: JobProducer, scope: Scope, id: string, scheduledAt?: Date, now = new Date()): Promise<void> {
  await withTenant(db, scope.tenantId, async (tx) => {
    const row = await tx.campaign.findUnique({ where: { tenantId_id: { tenantId: scope.tenantId, id } } });
    if (!row) throw new CampaignError("not_found", 404);
    if (row.status !== "draft") throw new CampaignError("not_draft", 409);
    if (!row.segmentId) throw new CampaignError("no_segment");
    if (row.channel === "sms") {
      if (!ZSmsContent.safeParse(row.content).success) throw new CampaignError("invalid_content");
      if (!(await tx.smsSettings.findUnique({ where: { tenantId: scope.tenantId } }))) throw new CampaignError("no_sms_provider");
    } else if (!ZEmailContent.safeParse(row.content).success || !row.subject.trim()) throw new CampaignError("invalid_content");
    const sender = await tx.senderIdentity.findUnique({ where: { tenantId: scope.tenantId } });
    if (!sender && row.channel === "email") throw new CampaignError("no_sender");
    if (sender?.pausedAt) throw new CampaignError("sending_paused", 409);
    if (row.abTest !== null && !ZAbTestConfig.safeParse(row.abTest).success) throw new CampaignError("invalid_content");
    await tx.campaign.update({ where: { tenantId_id: { tenantId: scope.tenantId, id } }, data: { status: "scheduled", scheduledAt: scheduledAt ?? now } });
    await appendAuditEntry(tx, scope.tenantId, {
      actorUserId: scope.userId, actorKind: "staff", action: scheduledAt ? "campaign.schedule" : "campaign.start", targetType: "campaign", targetId: id,
      ...(scheduledAt ? { details: { scheduledAt: scheduledAt.toISOString() } } : {}),
    });
  }, { userId: scope.userId });
  if (!scheduledAt) await enqueueJob(producer, "campaign-launch", { tenantId: scope.tenantId, campaignId: id }, { jobId: `cl-${id}` });
}
