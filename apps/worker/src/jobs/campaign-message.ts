// Builds one recipient's message: blocks rendered with their merge values, signed tracking
// links, the one-click unsubscribe headers (RFC 8058), and a Message-ID derived from the ledger
// key so a DSN can be traced back to its delivery.
import { ZEmailContent, renderEmail, type RenderedEmail, type TEmailContent, signTrackingToken, verpAddress, type ShowCardData, type TMergeValues } from "@rappel/campaigns";
import { listUnsubscribeHeaders, type TDkimKey, type TOutgoingMail } from "@rappel/mail";
import type { SpectatorIdentityCodec } from "@rappel/personal-data";

export interface CampaignForSend {
  tenantId: string;
  /** For the link to the venue's data-protection request form, in every message. */
  tenantSlug: string;
  id: string;
  subject: string;
  preheader: string;
  content: unknown;
}

export interface SenderForSend {
  fromName: string;
  fromEmail: string;
  replyTo: string | null;
  /** The tenant's DKIM key, opened for this run. */
  dkim?: TDkimKey | null;
}

export interface MessageContext {
  appUrl: string;
  trackingKey: Uint8Array;
  showCards: ReadonlyMap<string, ShowCardData>;
  locale?: "fr" | "en";
  /** Signed VERP envelope senders (bounces and complaints come back to the worker's receiver). */
  verp?: { key: Uint8Array; domain: string };
}

export function trackingUrls(ctx: MessageContext, tenantId: string, campaignId: string, spectatorId: string) {
  const base = ctx.appUrl.replace(/\/$/, "");
  const claims = { tenantId, campaignId, spectatorId };
  return {
    open: `${base}/m/o/${signTrackingToken(ctx.trackingKey, { kind: "open", ...claims })}`,
    unsubscribe: `${base}/m/u/${signTrackingToken(ctx.trackingKey, { kind: "unsubscribe", ...claims })}`,
    click: (url: string, link: number) =>
      `${base}/m/c/${signTrackingToken(ctx.trackingKey, { kind: "click", ...claims, url, link })}`,
  };
}

/** The tenant's DKIM key from its sender identity row (sealed with its data key), or null. */
export function openSenderDkim(
  codec: Pick<SpectatorIdentityCodec, "openTenantSecret">,
  sender: { dkimDomain: string | null; dkimSelector: string | null; dkimPrivateKeyEnc: Uint8Array | null },
): TDkimKey | null {
  if (!sender.dkimDomain || !sender.dkimSelector || !sender.dkimPrivateKeyEnc) return null;
  return { domainName: sender.dkimDomain, keySelector: sender.dkimSelector, privateKey: codec.openTenantSecret("dkim-private-key", sender.dkimPrivateKeyEnc) };
}

export function formatFrom(sender: SenderForSend): string {
  return `"${sender.fromName.replace(/["\\]/g, "")}" <${sender.fromEmail}>`;
}

// A batch renders thousands of messages from one content object: validated once, not per message.
const parsedContents = new WeakMap<object, TEmailContent>();
export function emailContent(content: unknown): TEmailContent {
  if (typeof content !== "object" || content === null) return ZEmailContent.parse(content);
  let parsed = parsedContents.get(content);
  if (!parsed) {
    parsed = ZEmailContent.parse(content);
    parsedContents.set(content, parsed);
  }
  return parsed;
}

export interface CampaignRecipient {
  spectatorId: string;
  email: string;
  values: TMergeValues;
}

/** The options of renderEmail that do not depend on the recipient. */
export function renderOptions(campaign: CampaignForSend, ctx: MessageContext) {
  return {
    subject: campaign.subject,
    preheader: campaign.preheader,
    showCards: ctx.showCards,
    privacyUrl: `${ctx.appUrl.replace(/\/$/, "")}/privacy/${campaign.tenantSlug}`,
    locale: ctx.locale ?? "fr",
  };
}

export function buildCampaignMessage(campaign: CampaignForSend, sender: SenderForSend, recipient: CampaignRecipient, ctx: MessageContext): TOutgoingMail {
  const content = emailContent(campaign.content);
  const urls = trackingUrls(ctx, campaign.tenantId, campaign.id, recipient.spectatorId);
  const rendered = renderEmail(content, {
    ...renderOptions(campaign, ctx),
    values: recipient.values,
    trackLink: urls.click,
    openPixelUrl: urls.open,
    unsubscribeUrl: urls.unsubscribe,
  });
  return outgoingMail(campaign, sender, recipient, ctx, rendered, urls.unsubscribe);
}

/** The rendered parts in their envelope: headers, Message-ID, VERP sender, DKIM key. */
export function outgoingMail(
  campaign: CampaignForSend,
  sender: SenderForSend,
  recipient: { spectatorId: string; email: string },
  ctx: MessageContext,
  rendered: RenderedEmail,
  unsubscribeUrl: string,
): TOutgoingMail {
  const returnPath = ctx.verp ? verpAddress(ctx.verp.key, { campaignId: campaign.id, spectatorId: recipient.spectatorId }, ctx.verp.domain, recipient.email) : null;
  return {
    from: formatFrom(sender),
    to: recipient.email,
    ...(sender.replyTo ? { replyTo: sender.replyTo } : {}),
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    headers: {
      ...listUnsubscribeHeaders(unsubscribeUrl),
      "X-Rappel-Campaign": campaign.id,
      // Feedback reports often quote the headers but not the envelope: the same signed reference.
      ...(returnPath ? { "X-Rappel-Ref": returnPath } : {}),
    },
    messageId: `${campaign.id}.${recipient.spectatorId}`,
    ...(returnPath ? { envelopeFrom: returnPath } : {}),
    ...(sender.dkim ? { dkim: sender.dkim } : {}),
  };
}
