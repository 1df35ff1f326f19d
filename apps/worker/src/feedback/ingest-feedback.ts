// Turns one message received by the feedback receiver into what it reports: a hard or soft
// bounce (DSN, RFC 3464) or a complaint (ARF, RFC 5965) about one of our deliveries. The
// delivery is named by our signed VERP address — the RCPT TO of a DSN, the Original-Mail-From
// or quoted Return-Path / X-Rappel-Ref of a report — never by anything unsigned. Then the tenant's
// rates are checked against its limits (automatic pause).
import { Prisma, withTenant, type Tx } from "@rappel/db";
import { isComplaint, parseDsn, parseFeedbackReport, parseVerpAddress, verpAddressTag, type VerpClaims } from "@rappel/campaigns";
import { loadIdentityCodec, type MasterKey } from "@rappel/personal-data";
import type { InboundMessage } from "@rappel/mail/inbound";
import type { JobContext } from "../job-handler";
import { bounceRateExcess, complaintRateExcess, pauseTenantSending, type PauseAlertConfig } from "../jobs/campaign-pause";
import { recordComplaint, recordHardBounce, recordSoftBounce, type TFeedbackOutcome } from "./record-feedback";

export interface FeedbackConfig {
  /** The current VERP key first, then those of previous master keys (late bounces after a rotation). */
  verpKeys: readonly Uint8Array[];
  bounceDomain: string;
  /** Where pause alerts go out; null when the worker has no SMTP relay. */
  alert: PauseAlertConfig | null;
  /** Opens the tenant's codec: a hard bounce suppresses the address the message was sent to, by its blind index. */
  master: MasterKey | readonly MasterKey[];
}

export type TFeedbackKind = "bounce_hard" | "bounce_soft" | "complaint";

export type TIngestResult =
  | { kind: "ignored"; why: string }
  | { kind: TFeedbackKind; outcome: TFeedbackOutcome; tenantId?: string; delivery: VerpClaims; paused?: string };

function firstDelivery(config: FeedbackConfig, candidates: readonly string[]): VerpClaims | null {
  for (const address of candidates) {
    for (const key of config.verpKeys) {
      const claims = parseVerpAddress(key, address, config.bounceDomain);
      if (claims) return claims;
    }
  }
  return null;
}

type Classified =
  | { kind: TFeedbackKind; delivery: VerpClaims; status: string; diagnostic?: string; addresses?: string[] }
  | { kind: "ignored"; why: string };

function classify(message: InboundMessage, config: FeedbackConfig): Classified {
  const raw = message.raw.toString("utf8");
  const dsn = parseDsn(raw);
  if (dsn) {
    const delivery = firstDelivery(config, [...message.recipients, dsn.originalHeaders.get("return-path")?.replace(/^<|>$/g, "") ?? "", dsn.originalHeaders.get("x-rappel-ref") ?? ""]);
    if (!delivery) return { kind: "ignored", why: "DSN for no delivery of ours" };
    // Each campaign message has one recipient: the DSN is about it. A failure outweighs a delay.
    const hard = dsn.recipients.find((r) => r.kind === "hard" && r.action === "failed");
    const soft = dsn.recipients.find((r) => r.kind === "soft" || (r.kind === "hard" && r.action === "delayed"));
    // The addresses the DSN names (final recipient, the returned To:): the sent one is among them
    // unless a forward rewrote it; the VERP tag says which.
    const addresses = [...dsn.recipients.map((r) => r.finalRecipient), ...addressesIn(dsn.originalHeaders.get("to") ?? "")];
    if (hard) return { kind: "bounce_hard", delivery, status: hard.status, addresses, ...(hard.diagnostic ? { diagnostic: hard.diagnostic } : {}) };
    if (soft) return { kind: "bounce_soft", delivery, status: soft.status };
    return { kind: "ignored", why: "DSN reports no failure (delivered or relayed)" };
  }
  const report = parseFeedbackReport(raw);
  if (report) {
    if (!isComplaint(report)) return { kind: "ignored", why: `feedback report of type ${report.feedbackType}` };
    const delivery = firstDelivery(config, [...report.references, ...message.recipients]);
    if (!delivery) return { kind: "ignored", why: "feedback report for no delivery of ours" };
    return { kind: "complaint", delivery, status: report.feedbackType || "abuse" };
  }
  // Auto-replies, out-of-office notices, mail to postmaster@: nothing to record.
  return { kind: "ignored", why: "neither a DSN nor a feedback report" };
}

const addressesIn = (header: string) => [...header.matchAll(/[^\s<>,;"]+@[^\s<>,;"]+/g)].map((m) => m[0]);

/**
 * The blind index of the address the bounced message was sent to: the spectator's current
 * address or one the DSN names, whichever matches the VERP's address tag. Null when none does
 * (nothing is suppressed); undefined for a VERP made before the tag (the current address, as then).
 */
async function sentAddressIndex(tx: Tx, tenantId: string, d: VerpClaims, named: readonly string[], config: FeedbackConfig): Promise<Uint8Array | null | undefined> {
  if (!d.addressTag) return undefined;
  const codec = await loadIdentityCodec(tx, tenantId, config.master);
  const spectator = await tx.spectator.findUnique({ where: { tenantId_id: { tenantId, id: d.spectatorId } }, select: { emailEnc: true } });
  const current = spectator ? codec.openField("email", spectator.emailEnc) : null;
  const tagged = (address: string) => config.verpKeys.some((key) => verpAddressTag(key, address) === d.addressTag);
  const sentTo = [...(current ? [current] : []), ...named].find(tagged);
  return sentTo ? codec.emailIndex(sentTo) : null;
}

export async function ingestFeedbackMessage(message: InboundMessage, context: JobContext, config: FeedbackConfig): Promise<TIngestResult> {
  const c = classify(message, config);
  if (c.kind === "ignored") return c;
  // The VERP signature was verified: only now is the campaign's tenant looked up.
  const [row] = await context.db.$queryRaw<{ tenant: string | null }[]>(Prisma.sql`SELECT campaign_tenant_id(${c.delivery.campaignId}::uuid)::text AS tenant`);
  const tenantId = row?.tenant;
  if (!tenantId) return { kind: c.kind, outcome: "unknown_delivery", delivery: c.delivery };
  const now = context.clock.now();
  const { outcome, limits } = await withTenant(context.db, tenantId, async (tx) => {
    const outcome =
      c.kind === "bounce_hard" ? await recordHardBounce(tx, tenantId, c.delivery, c.status, c.diagnostic, await sentAddressIndex(tx, tenantId, c.delivery, c.addresses ?? [], config))
      : c.kind === "bounce_soft" ? await recordSoftBounce(tx, tenantId, c.delivery, c.status, now)
      : await recordComplaint(tx, tenantId, c.delivery, c.status, now);
    const limits = await tx.senderIdentity.findUnique({ where: { tenantId }, select: { bounceRateLimit: true, complaintRateLimit: true } });
    return { outcome, limits };
  });
  const result: TIngestResult = { kind: c.kind, outcome, tenantId, delivery: c.delivery };
  if (outcome !== "recorded" || !limits || c.kind === "bounce_soft") return result;
  const excess = await withTenant(context.db, tenantId, (tx) =>
    c.kind === "bounce_hard"
      ? bounceRateExcess(tx, tenantId, c.delivery.campaignId, limits.bounceRateLimit)
      : complaintRateExcess(tx, tenantId, limits.complaintRateLimit, now),
  );
  if (excess && (await pauseTenantSending(context, { tenantId, campaignId: c.delivery.campaignId }, excess, config.alert))) {
    result.paused = excess;
  }
  return result;
}
