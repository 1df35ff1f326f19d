// Sends one batch of an SMS campaign. Per chunk: check the send window (outside it, the batch's
// rows wait for the next opening), stop the campaign if its promoted performance is sold out or
// cancelled (see ./campaign-auto-stop.ts), claim rows, re-check consent/suppression/restriction, then per
// message: wait for the provider's throttle, commit the row "sent" under our claim, submit to the
// provider, store its message id. An explicit refusal re-opens the row (retry with backoff) or
// fails it with the reason; a lost answer leaves it "sent" (never two copies). See decision 0014.
import { withTenant } from "@rappel/db";
import { composeSms, isInSendWindow, nextSendTime, ZSmsContent, type TSmsContent } from "@rappel/campaigns";
import type { TCampaignBatchPayload } from "@rappel/jobs";
import { loadIdentityCodec, normalisePhone, type SpectatorIdentityCodec } from "@rappel/personal-data";
import { SmsSendError, type SmsProvider, type SmsSettings } from "@rappel/sms";
import type { JobContext } from "../job-handler";
import { smsRuntime, type SmsRuntime } from "../sms/sms-runtime";
import { autoStopIfNeeded } from "./campaign-auto-stop";
import { chainNextBatches, type BatchResult } from "./campaign-batch";
import { CLAIM_CHUNK, CLAIM_TTL_MS, MAX_ATTEMPTS } from "./campaign-ledger";
import {
  claimSmsChunk, commitSmsSent, deferSmsBatch, recordSmsOutcome, recordSmsProviderId, type ClaimedSmsRecipient, type TSmsOutcome,
} from "./campaign-sms-ledger";

/** A submit with no answer in this time is treated as handed over (its row stays "sent"). */
export const SUBMIT_TIMEOUT_MS = 20_000;

interface Setup {
  content: TSmsContent;
  sender: string;
  settings: SmsSettings;
  codec: SpectatorIdentityCodec;
}

async function loadSetup(context: JobContext, runtime: SmsRuntime, p: TCampaignBatchPayload): Promise<Setup | string> {
  return withTenant(context.db, p.tenantId, async (tx) => {
    const campaign = await tx.campaign.findUnique({ where: { tenantId_id: { tenantId: p.tenantId, id: p.campaignId } } });
    if (!campaign) return "campaign not found";
    if (campaign.status !== "sending") return `campaign is ${campaign.status}`;
    const stopped = await autoStopIfNeeded(tx, p.tenantId, p.campaignId, context.clock.now());
    if (stopped) return `campaign stopped: ${stopped}`;
    const content = ZSmsContent.safeParse(campaign.content);
    if (!content.success) return "the SMS content is invalid";
    const identity = await tx.senderIdentity.findUnique({ where: { tenantId: p.tenantId } });
    if (identity?.pausedAt) return `the tenant's sending is paused: ${identity.pauseReason ?? ""}`;
    const settings = await runtime.gateway.settingsFor(p.tenantId);
    if (!settings) return "the tenant has no SMS provider configured";
    return {
      content: content.data,
      sender: content.data.senderId || identity?.smsSenderId || "",
      settings,
      codec: await loadIdentityCodec(tx, p.tenantId, runtime.master),
    };
  });
}

const backoffMs = (attempts: number) => Math.min(30_000 * 2 ** Math.max(attempts - 1, 0), 3_600_000);

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer from the SMS provider in ${ms} ms`)), ms))),
  ]).finally(() => clearTimeout(timer));
}

async function sendOne(
  r: ClaimedSmsRecipient, setup: Setup, provider: SmsProvider, runtime: SmsRuntime, context: JobContext, p: TCampaignBatchPayload,
): Promise<TSmsOutcome | "sent" | "lost_claim"> {
  if (!r.consented) return { kind: "skipped", reason: "no SMS consent at send time" };
  if (r.suppressed) return { kind: "skipped", reason: "number on the SMS suppression list" };
  if (r.restricted) return { kind: "skipped", reason: "processing restricted (GDPR request)" };
  const raw = setup.codec.openField("phone", r.phoneEnc);
  const to = raw ? normalisePhone(raw) : null;
  if (!to) return { kind: "skipped", reason: "no usable phone number" };
  const text = composeSms(setup.content.text, {
    firstName: setup.codec.openField("firstName", r.firstNameEnc),
    lastName: setup.codec.openField("lastName", r.lastNameEnc),
  }, setup.settings.optOutMention);
  await runtime.throttle.take(`tenant:${p.tenantId}`, setup.settings.messagesPerSecond, context.signal);
  const now = context.clock.now();
  const committed = await withTenant(context.db, p.tenantId, (tx) => commitSmsSent(tx, p.tenantId, p.campaignId, r, now));
  if (!committed) return "lost_claim"; // our claim expired and someone else may hold the row now
  try {
    const sent = await withTimeout(provider.send({ to, from: setup.sender, text }), SUBMIT_TIMEOUT_MS);
    await withTenant(context.db, p.tenantId, (tx) => recordSmsProviderId(tx, p.tenantId, p.campaignId, r.spectatorId, sent.providerId));
    return "sent";
  } catch (error) {
    // Only an explicit answer proves the provider did not take the message.
    if (!(error instanceof SmsSendError) || error.code === undefined) {
      return { kind: "unconfirmed", reason: error instanceof Error ? error.message : String(error) };
    }
    if (error.kind === "transient" && r.attempts < MAX_ATTEMPTS) {
      return { kind: "retry", reason: error.message, at: new Date(context.clock.now().getTime() + backoffMs(r.attempts)) };
    }
    return { kind: "failed", reason: error.message };
  }
}

export async function runSmsCampaignBatch(p: TCampaignBatchPayload, context: JobContext, runtime: SmsRuntime = smsRuntime()): Promise<BatchResult & { deferredUntil?: string }> {
  const result: BatchResult & { deferredUntil?: string } = { sent: 0, skipped: 0, failed: 0, retried: 0 };
  const setup = await loadSetup(context, runtime, p);
  if (typeof setup === "string") return { ...result, stopped: setup };
  const provider = await runtime.gateway.providerFor(setup.settings);
  // A claim must be used well within its deadline: at most half the TTL's worth of messages.
  const chunk = Math.max(1, Math.min(CLAIM_CHUNK, Math.floor((setup.settings.messagesPerSecond * CLAIM_TTL_MS) / 2_000)));
  for (;;) {
    if (context.signal.aborted) break;
    const now = context.clock.now();
    if (!isInSendWindow(now, setup.settings.sendWindow)) {
      const until = nextSendTime(now, setup.settings.sendWindow);
      await withTenant(context.db, p.tenantId, (tx) => deferSmsBatch(tx, p.tenantId, p.campaignId, p.batch, until));
      return { ...result, stopped: "outside the SMS send window", deferredUntil: until.toISOString() };
    }
    // A batch lasts minutes at a provider's pace: the promoted performance is re-checked per chunk.
    const claimed = await withTenant(context.db, p.tenantId, async (tx) => {
      const status = await tx.campaign.findUnique({ where: { tenantId_id: { tenantId: p.tenantId, id: p.campaignId } }, select: { status: true } });
      if (status?.status !== "sending") return "campaign no longer sending";
      const stopped = await autoStopIfNeeded(tx, p.tenantId, p.campaignId, now);
      return stopped ? `campaign stopped: ${stopped}` : claimSmsChunk(tx, p.tenantId, p.campaignId, p.batch, now, chunk);
    });
    if (typeof claimed === "string") return { ...result, stopped: claimed };
    if (claimed.length === 0) break;
    for (const r of claimed) {
      const outcome = await sendOne(r, setup, provider, runtime, context, p);
      if (outcome === "sent") result.sent += 1;
      else if (outcome === "lost_claim") continue;
      else {
        if (outcome.kind === "skipped") result.skipped += 1;
        else if (outcome.kind === "retry") result.retried += 1;
        else if (outcome.kind === "failed") result.failed += 1;
        else result.sent += 1; // unconfirmed: handed over as far as we can tell
        await withTenant(context.db, p.tenantId, (tx) => recordSmsOutcome(tx, p.tenantId, p.campaignId, r.spectatorId, outcome));
      }
    }
  }
  await chainNextBatches(context, p);
  return result;
}
