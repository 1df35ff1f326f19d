// A campaign's message rendered once per batch, with markers where each recipient's pieces go
// (merge values, signed tracking links): a recipient's message then costs a few string joins and
// HMACs instead of a render of every block. The result is the same message, byte for byte, as
// buildCampaignMessage's (campaign-template.test.ts); a value the markers cannot stand for (a line
// break, which the HTML part turns into <br>) takes buildCampaignMessage itself.
import { renderEmail, type TMergeTag } from "@rappel/campaigns";
import { escapeHtml, type TOutgoingMail } from "@rappel/mail";
import {
  buildCampaignMessage,
  emailContent,
  outgoingMail,
  renderOptions,
  trackingUrls,
  type CampaignForSend,
  type CampaignRecipient,
  type MessageContext,
  type SenderForSend,
} from "./campaign-message";

// Private-use characters: escapeHtml leaves them as they are, and no block text holds them (a
// campaign whose content does is rendered message by message).
const OPEN = "\uE000";
const CLOSE = "\uE001";
const MARKER = /\uE000([^\uE001]*)\uE001/;
const marker = (key: string) => `${OPEN}${key}${CLOSE}`;

/** The merge values a campaign's recipients carry (from the ledger's claim). */
const RECIPIENT_TAGS = ["firstName", "lastName"] as const satisfies readonly TMergeTag[];
type TRecipientTag = (typeof RECIPIENT_TAGS)[number];

/** A rendered text split at its markers: literal, key, literal, key, …, literal. */
type Parts = string[];
const split = (text: string): Parts => text.split(MARKER);

interface Variant {
  subject: Parts;
  html: Parts;
  text: Parts;
  /** Click link index → destination, in the order the render asked for them. */
  links: string[];
}

/** A tag with a value renders it; a tag without one renders its fallback, the same for everyone. */
const hasValue = (value: string | null | undefined): value is string => Boolean(value && value.trim());

export class CampaignMessageTemplate {
  private readonly variants = new Map<string, Variant>();
  /** Subject → the recipient tags its message uses (the others need not be opened). */
  private readonly tagsBySubject = new Map<string, TRecipientTag[]>();
  private readonly renderable: boolean;

  constructor(
    private readonly campaign: CampaignForSend,
    private readonly sender: SenderForSend,
    private readonly ctx: MessageContext,
  ) {
    const texts = JSON.stringify([campaign.content, campaign.subject, campaign.preheader, [...ctx.showCards.values()]]);
    this.renderable = !texts.includes(OPEN) && !texts.includes(CLOSE);
  }

  /** The recipient tags the message with `subject` uses: only those need opening. */
  tagsUsed(subject: string): readonly TRecipientTag[] {
    let tags = this.tagsBySubject.get(subject);
    if (!tags) {
      const probe = this.variant(subject, RECIPIENT_TAGS);
      const keys = new Set([probe.subject, probe.html, probe.text].flatMap((parts) => parts.filter((_, i) => i % 2 === 1)));
      tags = RECIPIENT_TAGS.filter((tag) => keys.has(tag));
      this.tagsBySubject.set(subject, tags);
    }
    return tags;
  }

  build(recipient: CampaignRecipient, subject: string): TOutgoingMail {
    const values = Object.values(recipient.values);
    if (!this.renderable || values.some((v) => v?.includes("\n") || v?.includes(OPEN))) {
      return buildCampaignMessage({ ...this.campaign, subject }, this.sender, recipient, this.ctx);
    }
    const present = this.tagsUsed(subject).filter((tag) => hasValue(recipient.values[tag]));
    const variant = this.variant(subject, present);
    const urls = trackingUrls(this.ctx, this.campaign.tenantId, this.campaign.id, recipient.spectatorId);
    const raw = new Map<string, string>([
      ["open", urls.open],
      ["unsubscribe", urls.unsubscribe],
    ]);
    variant.links.forEach((url, i) => raw.set(`c${i}`, urls.click(url, i)));
    for (const tag of present) raw.set(tag, recipient.values[tag]!);
    const html = new Map([...raw].map(([key, value]) => [key, escapeHtml(value)]));
    const fill = (parts: Parts, pieces: Map<string, string>) => {
      let out = parts[0]!;
      for (let i = 1; i < parts.length; i += 2) out += pieces.get(parts[i]!)! + parts[i + 1]!;
      return out;
    };
    const rendered = { subject: fill(variant.subject, raw), html: fill(variant.html, html), text: fill(variant.text, raw) };
    return outgoingMail(this.campaign, this.sender, recipient, this.ctx, rendered, urls.unsubscribe);
  }

  /** The message with `present` tags and every link as markers, rendered once per combination. */
  private variant(subject: string, present: readonly TRecipientTag[]): Variant {
    const key = `${present.join(",")}${OPEN}${subject}`;
    let variant = this.variants.get(key);
    if (!variant) {
      const links: string[] = [];
      const rendered = renderEmail(emailContent(this.campaign.content), {
        ...renderOptions({ ...this.campaign, subject }, this.ctx),
        values: Object.fromEntries(present.map((tag) => [tag, marker(tag)])),
        trackLink: (url, index) => {
          links[index] = url;
          return marker(`c${index}`);
        },
        openPixelUrl: marker("open"),
        unsubscribeUrl: marker("unsubscribe"),
      });
      variant = { subject: split(rendered.subject), html: split(rendered.html), text: split(rendered.text), links };
      this.variants.set(key, variant);
    }
    return variant;
  }
}
