// Renders blocks to an e-mail: table-based HTML with inline styles (what Outlook, Gmail and
// Apple Mail all render), a 600 px column that shrinks on phones, and a plain-text part.
// Links go through `trackLink` (signed click redirects) and an open pixel is added when given.
import type { ShowCardData, TEmailBlock, TEmailContent } from "./blocks";
import { applyMergeTags, type TMergeValues } from "./merge-tags";
import { escapeHtml } from "@rappel/mail";

export interface RenderOptions {
  subject: string;
  preheader: string;
  values: TMergeValues;
  /** Show cards resolved by show id. */
  showCards?: ReadonlyMap<string, ShowCardData>;
  /** Rewrites a link for click tracking; index is the link's position in the message. */
  trackLink?: (url: string, index: number) => string;
  openPixelUrl?: string;
  unsubscribeUrl?: string;
  /** The venue's data-protection request form (access, erasure…), linked in the footer. */
  privacyUrl?: string;
  locale?: "fr" | "en";
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}


const FONT = "font-family:Helvetica,Arial,sans-serif;";

function formatDate(d: Date, locale: "fr" | "en"): string {
  return new Intl.DateTimeFormat(locale === "fr" ? "fr-FR" : "en-GB", {
    timeZone: "Europe/Paris", weekday: "long", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit",
  }).format(d);
}

function paragraphs(text: string): string[] {
  return text.split(/\n{2,}/).map((p) => p.trim()).filter(Boolean);
}

export function renderEmail(content: TEmailContent, options: RenderOptions): RenderedEmail {
  const locale = options.locale ?? "fr";
  let linkIndex = 0;
  const link = (url: string) => (options.trackLink ? options.trackLink(url, linkIndex++) : url);
  const htmlText = (s: string) => applyMergeTags(s, options.values, escapeHtml);
  const plain = (s: string) => applyMergeTags(s, options.values);
  const html: string[] = [];
  const text: string[] = [];

  const renderBlock = (block: TEmailBlock) => {
    switch (block.type) {
      case "text":
        for (const p of paragraphs(block.text)) {
          html.push(`<tr><td style="${FONT}font-size:16px;line-height:24px;color:#1f2937;padding:0 24px 16px">${htmlText(p).replaceAll("\n", "<br>")}</td></tr>`);
          text.push(plain(p));
        }
        break;
      case "image": {
        const img = `<img src="${escapeHtml(block.src)}" alt="${escapeHtml(block.alt)}" width="552" style="display:block;width:100%;max-width:552px;height:auto;border:0">`;
        html.push(`<tr><td style="padding:0 24px 16px">${block.href ? `<a href="${escapeHtml(link(block.href))}">${img}</a>` : img}</td></tr>`);
        if (block.alt) text.push(`[${block.alt}]`);
        break;
      }
      case "button": {
        const href = link(block.href);
        html.push(
          `<tr><td style="padding:8px 24px 24px" align="center"><table role="presentation" cellpadding="0" cellspacing="0"><tr><td style="border-radius:6px;background:#7c2d12">` +
            `<a href="${escapeHtml(href)}" style="${FONT}display:inline-block;padding:12px 24px;font-size:16px;font-weight:bold;color:#ffffff;text-decoration:none">${htmlText(block.label)}</a></td></tr></table></td></tr>`,
        );
        text.push(`${plain(block.label)} : ${href}`);
        break;
      }
      case "show_card": {
        const card = options.showCards?.get(block.showId);
        if (!card) break; // a show deleted since: the card disappears rather than failing the send
        const when = card.startsAt ? formatDate(card.startsAt, locale) : "";
        const where = [when, card.venueName].filter(Boolean).join(" · ");
        const target = block.href ?? card.href;
        const title = escapeHtml(card.title);
        html.push(
          `<tr><td style="padding:0 24px 16px"><table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border:1px solid #e5e7eb;border-radius:8px"><tr><td style="${FONT}padding:16px">` +
            (card.genre ? `<div style="font-size:12px;text-transform:uppercase;color:#6b7280">${escapeHtml(card.genre)}</div>` : "") +
            `<div style="font-size:20px;font-weight:bold;color:#111827;margin:4px 0">${target ? `<a href="${escapeHtml(link(target))}" style="color:#111827">${title}</a>` : title}</div>` +
            (where ? `<div style="font-size:14px;color:#374151">${escapeHtml(where)}</div>` : "") +
            `</td></tr></table></td></tr>`,
        );
        text.push([card.title, where, target ? link(target) : ""].filter(Boolean).join("\n"));
        break;
      }
      case "footer":
        html.push(`<tr><td style="${FONT}font-size:12px;line-height:18px;color:#6b7280;padding:16px 24px;border-top:1px solid #e5e7eb">${htmlText(block.text).replaceAll("\n", "<br>")}</td></tr>`);
        text.push(plain(block.text));
        break;
    }
  };
  for (const block of content.blocks) renderBlock(block);

  if (options.unsubscribeUrl) {
    const label = locale === "fr" ? "Se désinscrire" : "Unsubscribe";
    html.push(`<tr><td style="${FONT}font-size:12px;color:#6b7280;padding:8px 24px 24px" align="center"><a href="${escapeHtml(options.unsubscribeUrl)}" style="color:#6b7280">${label}</a></td></tr>`);
    text.push(`${label} : ${options.unsubscribeUrl}`);
  }
  if (options.privacyUrl) {
    const label = locale === "fr" ? "Vos données personnelles (accès, rectification, effacement…)" : "Your personal data (access, correction, erasure…)";
    html.push(`<tr><td style="${FONT}font-size:12px;color:#6b7280;padding:0 24px 24px" align="center"><a href="${escapeHtml(options.privacyUrl)}" style="color:#6b7280">${label}</a></td></tr>`);
    text.push(`${label} : ${options.privacyUrl}`);
  }
  const subject = plain(options.subject);
  const preheader = htmlText(options.preheader);
  const pixel = options.openPixelUrl
    ? `<img src="${escapeHtml(options.openPixelUrl)}" width="1" height="1" alt="" style="display:block;width:1px;height:1px;border:0">`
    : "";
  const page =
    `<!DOCTYPE html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${escapeHtml(subject)}</title><style>@media (max-width:620px){.rp-container{width:100%!important}}</style></head>` +
    `<body style="margin:0;padding:0;background:#f3f4f6">` +
    `<div style="display:none;max-height:0;overflow:hidden;opacity:0">${preheader}</div>` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f4f6"><tr><td align="center" style="padding:24px 8px">` +
    `<table role="presentation" class="rp-container" width="600" cellpadding="0" cellspacing="0" style="width:600px;max-width:100%;background:#ffffff;border-radius:8px"><tr><td style="height:24px"></td></tr>` +
    html.join("") +
    `</table>${pixel}</td></tr></table></body></html>`;
  return { subject, html: page, text: `${text.join("\n\n")}\n` };
}
