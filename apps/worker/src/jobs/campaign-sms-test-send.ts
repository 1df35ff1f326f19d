// An SMS test send: the draft's text with fallbacks only (no spectator's data), the opt-out
// mention appended, prefixed "[TEST]", sent to the number the staff member put on the draft.
// Nothing is written to the ledger; the send window does not apply to a test.
import { withTenant } from "@rappel/db";
import { composeSms, ZSmsContent } from "@rappel/campaigns";
import type { TCampaignTestSendPayload } from "@rappel/jobs";
import type { JobContext } from "../job-handler";
import { smsRuntime, type SmsRuntime } from "../sms/sms-runtime";

export async function sendSmsCampaignTest(p: TCampaignTestSendPayload, context: JobContext, runtime: SmsRuntime = smsRuntime()) {
  const campaign = await withTenant(context.db, p.tenantId, (tx) => tx.campaign.findUnique({ where: { tenantId_id: { tenantId: p.tenantId, id: p.campaignId } } }));
  const content = ZSmsContent.safeParse(campaign?.content);
  if (!content.success || !content.data.testPhone) return { sent: false, reason: "no valid SMS draft with a test number" };
  const settings = await runtime.gateway.settingsFor(p.tenantId);
  if (!settings) return { sent: false, reason: "the tenant has no SMS provider configured" };
  const provider = await runtime.gateway.providerFor(settings);
  await runtime.throttle.take(`tenant:${p.tenantId}`, settings.messagesPerSecond, context.signal);
  const sent = await provider.send({ to: content.data.testPhone, from: content.data.senderId, text: `[TEST] ${composeSms(content.data.text, {}, settings.optOutMention)}` });
  return { sent: true, providerId: sent.providerId };
}
