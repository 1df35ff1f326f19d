// SMS campaign drafts and the tenant's SMS settings, for the staff UI. Like e-mail, the web app
// never sends: it records the draft and the intent, the worker sends.
import { DEFAULT_SMS_WINDOW, ZSmsContent } from "@rappel/campaigns";
import { appendAuditEntry, withTenant, type Database } from "@rappel/db";
import type { MasterKey } from "@rappel/personal-data";
import { loadSmsSettingsSummary, saveSmsSettings, type SmsSettingsSummary, type TSmsSettingsInput } from "@rappel/sms";
import { z } from "zod";
import { CampaignError, DEFAULT_SMS_CONTENT } from "./campaigns";
import { ZPromotedPerformanceId, checkPromotedPerformance } from "./promoted-performance";
import type { Scope } from "./segments";

/** What the editor shows when the tenant has not configured SMS yet (the launch is refused). */
export const SMS_SETTINGS_FALLBACK = { optOutMention: "STOP au 36180", pricePerSegmentCents: 8, sendWindow: DEFAULT_SMS_WINDOW };

export const ZSmsCampaignInput = z.object({
  name: z.string().trim().min(1).max(150),
  segmentId: z.uuid().optional().or(z.literal("").transform(() => undefined)),
  content: ZSmsContent,
  holdoutPercent: z.coerce.number().int().min(0).max(50),
  attributionDays: z.coerce.number().int().min(1).max(60),
  /** Europe/Paris wall-clock time "YYYY-MM-DDTHH:mm"; empty sends now. */
  scheduledAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/).optional().or(z.literal("").transform(() => undefined)),
  /** As for e-mail: the worker stops the campaign once this performance is sold out or cancelled. */
  promotedPerformanceId: ZPromotedPerformanceId,
});
export type TSmsCampaignInput = z.infer<typeof ZSmsCampaignInput>;

/** A Europe/Paris wall-clock time as an instant (the offset is read for that very date). */
export function parisLocalToUtc(local: string): Date {
  const asUtc = new Date(`${local}:00Z`);
  const offsetAt = (d: Date) => {
    const parts = Object.fromEntries(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(d).map((p) => [p.type, p.value]));
    return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute)) - d.getTime();
  };
  const first = new Date(asUtc.getTime() - offsetAt(asUtc));
  return new Date(asUtc.getTime() - offsetAt(first));
}

export async function getSmsSettingsSummary(db: Database, scope: Scope): Promise<SmsSettingsSummary | null> {
  return withTenant(db, scope.tenantId, (tx) => loadSmsSettingsSummary(tx, scope.tenantId), { userId: scope.userId });
}

export async function saveTenantSmsSettings(db: Database, scope: Scope, master: MasterKey, input: TSmsSettingsInput): Promise<void> {
  await withTenant(db, scope.tenantId, async (tx) => {
    await saveSmsSettings(tx, scope.tenantId, master, input);
    // Never the secrets, only that they changed.
    await appendAuditEntry(tx, scope.tenantId, {
      actorUserId: scope.userId, actorKind: "staff", action: "activation.sms_settings.update", targetType: "tenant", targetId: scope.tenantId,
      details: { provider: input.provider, endpointUrl: input.endpointUrl, secretChanged: Boolean(input.secret), webhookSecretChanged: Boolean(input.webhookSecret) },
    });
  }, { userId: scope.userId });
}

export async function getSmsCampaign(db: Database, scope: Scope, id: string) {
  const row = await withTenant(db, scope.tenantId, (tx) => tx.campaign.findUnique({ where: { tenantId_id: { tenantId: scope.tenantId, id } } }), { userId: scope.userId });
  if (!row || row.channel !== "sms") throw new CampaignError("not_found", 404);
  const content = ZSmsContent.safeParse(row.content);
  return { ...row, content: content.success ? content.data : DEFAULT_SMS_CONTENT };
}

export async function updateSmsCampaignDraft(db: Database, scope: Scope, id: string, input: TSmsCampaignInput): Promise<void> {
  await withTenant(db, scope.tenantId, async (tx) => {
    const row = await tx.campaign.findUnique({ where: { tenantId_id: { tenantId: scope.tenantId, id } }, select: { status: true, channel: true, promotedPerformanceId: true } });
    if (!row || row.channel !== "sms") throw new CampaignError("not_found", 404);
    if (row.status !== "draft") throw new CampaignError("not_draft", 409);
    await checkPromotedPerformance(tx, scope.tenantId, input.promotedPerformanceId, row.promotedPerformanceId);
    await tx.campaign.update({
      where: { tenantId_id: { tenantId: scope.tenantId, id } },
      data: {
        name: input.name, segmentId: input.segmentId ?? null, content: input.content, holdoutPercent: input.holdoutPercent, attributionDays: input.attributionDays,
        promotedPerformanceId: input.promotedPerformanceId ?? null,
      },
    });
  }, { userId: scope.userId });
}
