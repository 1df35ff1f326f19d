// Sends one batch of a campaign, chunk by chunk (the next chunk claimed while the current one
// sends, campaign-feed.ts): claim rows, re-check consent and suppression (an unsubscribe counts
// from the next chunk, seconds later), send through the committed sender,
// record failures (retry with backoff on 4xx, bounce/fail on 5xx), pause the tenant's sending
// when bounces cross its threshold, then chain the campaign's next batch. Running it twice, or
// after a crash, sends nothing twice: the ledger decides.
import { Prisma, withTenant, type Tx } from "@rappel/db";
import { classifySmtpError } from "@rappel/mail";
import { enqueueJob, type TCampaignBatchPayload } from "@rappel/jobs";
import { loadIdentityCodec, type SpectatorIdentityCodec } from "@rappel/personal-data";
import type { ShowCardData, TAbTestConfig } from "@rappel/campaigns";
import type { JobContext } from "../job-handler";
import { campaignAbTest, recipientSubject } from "./campaign-ab-test";
import { openSenderDkim, type CampaignForSend, type SenderForSend } from "./campaign-message";
import { CampaignMessageTemplate } from "./campaign-template";
import { engineConfig, GroupCommitter, type EngineConfig } from "./campaign-engine";
import { campaignTransportFor, loadTenantRelay, takeRelaySlot, type CampaignTransport } from "../mail/campaign-transports";
import { autoStopIfNeeded } from "./campaign-auto-stop";
import { ClaimFeed } from "./campaign-feed";
import { bounceRateExcess, pauseTenantSending } from "./campaign-pause";
import {
  claimChunk,
  CLAIM_TTL_MS,
  hasUnfinished,
  MAX_ATTEMPTS,
  openBatches,
  recordOutcome,
  type ClaimedRecipient,
  type TOutcome,
} from "./campaign-ledger";

/** Batches of one campaign in the queue at once: other tenants' batches interleave with them. */
export const BATCHES_IN_FLIGHT = 2;

export interface BatchResult {
  sent: number;
  skipped: number;
  failed: number;
  retried: number;
  stopped?: string;
}

async function loadShowCards(tx: Tx, tenantId: string, content: unknown): Promise<Map<string, ShowCardData>> {
  const blocks = (content as { blocks?: { type?: string; showId?: string; performanceId?: string }[] })?.blocks ?? [];
  const cards = new Map<string, ShowCardData>();
  for (const b of blocks) {
    if (b.type !== "show_card" || !b.showId) continue;
    const show = await tx.show.findUnique({ where: { tenantId_id: { tenantId, id: b.showId } } });
    if (!show) continue;
    const perf = b.performanceId
      ? await tx.performance.findUnique({ where: { tenantId_id: { tenantId, id: b.performanceId } }, include: { venue: true } })
      : null;
    cards.set(b.showId, { title: show.title, genre: show.genre, venueName: perf?.venue.name ?? null, startsAt: perf?.startsAt ?? null });
  }
  return cards;
}

interface Setup {
  campaign: CampaignForSend;
  sender: SenderForSend & { bounceRateLimit: number };
  codec: SpectatorIdentityCodec;
  showCards: Map<string, ShowCardData>;
  abTest: TAbTestConfig | null;
  transport: CampaignTransport;
  template: CampaignMessageTemplate;
}

async function loadSetup(context: JobContext, config: EngineConfig, p: TCampaignBatchPayload): Promise<Setup | string> {
  const setup = await loadCampaignSetup(context, config, p);
  if (typeof setup === "string") return setup;
  const template = new CampaignMessageTemplate(setup.campaign, setup.sender, {
    appUrl: config.appUrl,
    trackingKey: config.trackingKey,
    showCards: setup.showCards,
    ...(config.bounceDomain && config.verpKey ? { verp: { key: config.verpKey, domain: config.bounceDomain } } : {}),
  });
  return { ...setup, template };
}

async function loadCampaignSetup(context: JobContext, config: EngineConfig, p: TCampaignBatchPayload): Promise<Omit<Setup, "template"> | string> {
  return withTenant(context.db, p.tenantId, async (tx) => {
    const campaign = await tx.campaign.findUnique({ where: { tenantId_id: { tenantId: p.tenantId, id: p.campaignId } } });
    if (!campaign) return "campaign not found";
    if (campaign.status !== "sending") return `campaign is ${campaign.status}`;
    const stopped = await autoStopIfNeeded(tx, p.tenantId, p.campaignId, context.clock.now());
    if (stopped) return `campaign stopped: ${stopped}`;
    const sender = await tx.senderIdentity.findUnique({ where: { tenantId: p.tenantId } });
    if (!sender) return "the tenant has no sender identity";
    if (sender.pausedAt) return `the tenant's sending is paused: ${sender.pauseReason ?? ""}`;
    const { slug } = await tx.tenant.findUniqueOrThrow({ where: { id: p.tenantId }, select: { slug: true } });
    const codec = await loadIdentityCodec(tx, p.tenantId, config.master);
    const dkim = openSenderDkim(codec, sender);
    const abTest = campaignAbTest(campaign.abTest);
    if (abTest === "invalid") return "the A/B test settings are invalid";
    return {
      abTest,
      transport: campaignTransportFor(config, await loadTenantRelay(tx, p.tenantId, codec)),
      campaign: { tenantId: p.tenantId, tenantSlug: slug, id: campaign.id, subject: campaign.subject, preheader: campaign.preheader, content: campaign.content },
      sender: { fromName: sender.fromName, fromEmail: sender.fromEmail, replyTo: sender.replyTo, bounceRateLimit: sender.bounceRateLimit, dkim },
      codec,
      showCards: await loadShowCards(tx, p.tenantId, campaign.content),
    };
  });
}

const backoffMs = (attempts: number) => Math.min(30_000 * 2 ** Math.max(attempts - 1, 0), 3_600_000);

async function sendOne(
  r: ClaimedRecipient,
  setup: Setup,
  committer: GroupCommitter,
  now: () => Date,
  signal: AbortSignal,
): Promise<TOutcome | "sent"> {
  if (!r.consented) return { kind: "skipped", reason: "no e-mail consent at send time" };
  if (r.suppressed) return { kind: "skipped", reason: "address on the suppression list" };
  if (r.restricted) return { kind: "skipped", reason: "processing restricted (GDPR request)" };
  const email = setup.codec.openField("email", r.emailEnc);
  if (!email) return { kind: "skipped", reason: "no e-mail address" };
  const subject = recipientSubject(setup.campaign.subject, setup.abTest, r.subjectVariant);
  if (subject === null) return { kind: "retry", reason: "A/B test winner not decided yet", at: new Date(now().getTime() + 60_000) };
  let committed = false;
  try {
    // Only the fields the message shows are opened (each is an AES-GCM decryption).
    const sealed = { firstName: r.firstNameEnc, lastName: r.lastNameEnc };
    const values = Object.fromEntries(setup.template.tagsUsed(subject).map((tag) => [tag, setup.codec.openField(tag, sealed[tag])]));
    const message = setup.template.build({ spectatorId: r.spectatorId, email, values }, subject);
    await takeRelaySlot(setup.transport, signal);
    await setup.transport.sender.send(message, (end) =>
      committer.add(r.spectatorId, {
        finish: () => {
          committed = true;
          end.finish();
        },
        abort: (error) => end.abort(error),
      }),
    );
    return "sent";
  } catch (error) {
    const failure = classifySmtpError(error);
    // After the commit the terminator was written: without an explicit refusal the server may
    // well have accepted the message, so the row stays "sent" (never risk a second copy).
    if (committed && failure.code === undefined) return "sent";
    if (failure.kind === "transient" && r.attempts < MAX_ATTEMPTS) {
      return { kind: "retry", reason: failure.reason, at: new Date(now().getTime() + backoffMs(r.attempts)) };
    }
    if (failure.code && failure.code >= 500) return { kind: "bounced", reason: failure.reason };
    return { kind: "failed", reason: failure.reason };
  }
}

async function recordFailures(context: JobContext, p: TCampaignBatchPayload, setup: Setup, failures: { r: ClaimedRecipient; outcome: TOutcome }[]) {
  if (failures.length === 0) return;
  await withTenant(context.db, p.tenantId, async (tx) => {
    for (const { r, outcome } of failures) {
      await recordOutcome(tx, p.tenantId, p.campaignId, r.spectatorId, outcome);
      if (outcome.kind === "bounced") {
        await tx.campaignEvent.create({
          data: { tenantId: p.tenantId, campaignId: p.campaignId, spectatorId: r.spectatorId, kind: "bounce_hard", detail: outcome.reason.slice(0, 200) },
        });
        const email = setup.codec.openField("email", r.emailEnc);
        const bidx = email ? setup.codec.emailIndex(email) : null;
        if (bidx) {
          await tx.$executeRaw(Prisma.sql`INSERT INTO suppression (tenant_id, channel, bidx, reason)
            VALUES (${p.tenantId}::uuid, 'email', ${bidx}, 'bounce_hard') ON CONFLICT DO NOTHING`);
        }
      }
    }
  });
}

/** Pauses the tenant's sending (and this campaign) when its hard-bounce rate is too high. */
async function checkBounceRate(context: JobContext, config: EngineConfig, p: TCampaignBatchPayload, limit: number): Promise<string | null> {
  const reason = await withTenant(context.db, p.tenantId, (tx) => bounceRateExcess(tx, p.tenantId, p.campaignId, limit));
  if (!reason) return null;
  await pauseTenantSending(context, p, reason, { smtpUrl: config.smtpUrl, appUrl: config.appUrl, ...(config.mailFrom ? { mailFrom: config.mailFrom } : {}) });
  return reason;
}

/** A refill starts when this many claimed rows per lane are left: the claim's transaction then overlaps the sending. */
const LOW_WATER_PER_LANE = 2;
const SHUTTING_DOWN = "the worker is shutting down";
/**
 * A claimed row is handed to a lane only while its claim has this much time left: once its
 * deadline passes, another job may claim and send it (the commit checks the status, not the
 * claimant). A row past that point is left alone and claimed again after its deadline.
 */
const CLAIM_MARGIN_MS = 5_000;

type QueuedRecipient = ClaimedRecipient & { handOutBy: number };

export async function runCampaignBatch(p: TCampaignBatchPayload, context: JobContext, config: EngineConfig = engineConfig()): Promise<BatchResult> {
  const result: BatchResult = { sent: 0, skipped: 0, failed: 0, retried: 0 };
  const now = () => context.clock.now();
  const setup = await loadSetup(context, config, p);
  if (typeof setup === "string") return { ...result, stopped: setup };
  const committer = GroupCommitter.forCampaign(p.tenantId, p.campaignId, now, (loss) =>
    context.logger.error(
      loss.recovered
        ? "campaign group COMMIT failed after its terminators were written; marked sent again in a new transaction"
        : "campaign group COMMIT failed after its terminators were written: these recipients may get a second copy",
      { tenantId: p.tenantId, campaignId: p.campaignId, spectatorIds: loss.spectatorIds.join(","), error: String(loss.error) },
    ),
  );
  let failures: { r: ClaimedRecipient; outcome: TOutcome }[] = [];
  // Between chunks, as before: failures recorded, the bounce rate checked once bounces come in.
  const settleFailures = async (): Promise<string | null> => {
    const settled = failures;
    failures = [];
    await recordFailures(context, p, setup, settled);
    if (!settled.some((f) => f.outcome.kind === "bounced")) return null;
    return checkBounceRate(context, config, p, setup.sender.bounceRateLimit);
  };
  const feed = new ClaimFeed<QueuedRecipient>(async () => {
    if (context.signal.aborted) return { stop: SHUTTING_DOWN };
    const paused = await settleFailures();
    if (paused) return { stop: paused };
    const claimed = await withTenant(context.db, p.tenantId, async (tx) => {
      // A campaign paused or cancelled from the UI stops at the next chunk.
      const status = await tx.campaign.findUnique({
        where: { tenantId_id: { tenantId: p.tenantId, id: p.campaignId } },
        select: { status: true },
      });
      if (status?.status !== "sending") return null;
      const at = now();
      const handOutBy = at.getTime() + CLAIM_TTL_MS - CLAIM_MARGIN_MS;
      return (await claimChunk(tx, p.tenantId, p.campaignId, p.batch, at)).map((r) => ({ ...r, handOutBy }));
    });
    return claimed === null ? { stop: "campaign no longer sending" } : { rows: claimed };
  }, config.maxConnections * LOW_WATER_PER_LANE);
  // As many lanes as there are connections: each message is rendered just before a connection
  // takes it, so the event loop never runs a long burst of rendering while a group commit's
  // reply waits (that reply is what lets the terminators go out).
  const lane = async () => {
    for (let r = await feed.next(); r !== null; r = await feed.next()) {
      if (now().getTime() > r.handOutBy) continue;
      const outcome = await sendOne(r, setup, committer, now, context.signal);
      if (outcome === "sent") result.sent += 1;
      else {
        failures.push({ r, outcome });
        if (outcome.kind === "skipped") result.skipped += 1;
        else if (outcome.kind === "retry") result.retried += 1;
        else result.failed += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: config.maxConnections }, lane));
  const paused = await settleFailures();
  if (paused) return { ...result, stopped: paused };
  // A shutdown still chains (harmless, and the sweep would anyway); a pause or a stop does not.
  if (feed.stopped && feed.stopped !== SHUTTING_DOWN) return { ...result, stopped: feed.stopped };
  // From this batch on: a retry due in an earlier one is the sweep's (within SWEEP_EVERY_MS).
  await chainNextBatches(context, p, "", p.batch);
  return result;
}

/** Keeps BATCHES_IN_FLIGHT batches of the campaign queued, and closes the campaign when done. */
export async function chainNextBatches(context: JobContext, p: { tenantId: string; campaignId: string }, suffix = "", fromBatch = 0): Promise<number[]> {
  const { next, done } = await withTenant(context.db, p.tenantId, async (tx) => {
    const next = await openBatches(tx, p.tenantId, p.campaignId, context.clock.now(), BATCHES_IN_FLIGHT, fromBatch);
    const done = next.length === 0 && !(await hasUnfinished(tx, p.tenantId, p.campaignId));
    if (done) {
      await tx.campaign.updateMany({
        where: { tenantId: p.tenantId, id: p.campaignId, status: "sending" },
        data: { status: "sent", finishedAt: context.clock.now() },
      });
    }
    return { next, done };
  });
  if (!done && context.producer) {
    for (const batch of next) {
      await enqueueJob(context.producer, "campaign-batch", { ...p, batch }, { jobId: `cb-${p.campaignId}-${batch}${suffix}` });
    }
  }
  return next;
}

