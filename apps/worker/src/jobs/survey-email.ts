// The invitation e-mail: personalised (show, date, venue), the first question inline (each score
// is a link that opens the page with that score recorded), a visible unsubscribe link, and the
// List-Unsubscribe / List-Unsubscribe-Post headers for one-click unsubscribing in mail clients.
import { escapeHtml, listUnsubscribeHeaders, type TOutgoingMail } from "@rappel/mail";

export interface InvitationPerformance {
  showTitle: string;
  venueName: string;
  startsAt: Date;
}

export interface InvitationEmailInput {
  to: string;
  from: string;
  firstName: string | null;
  language: "fr" | "en";
  tenantName: string;
  performances: InvitationPerformance[];
  /** https://…/s/<code> (or the long token for invitations older than short links) */
  answerUrl: string;
  /** The venue's public form for data-protection requests (access, erasure…): in every message. */
  privacyUrl: string;
  brandColour: string;
  reminder: boolean;
  messageId: string;
}

const TEXT = {
  fr: {
    subject: (show: string, reminder: boolean) => `${reminder ? "Rappel : " : ""}votre avis sur ${show}`,
    hello: (name: string | null) => (name ? `Bonjour ${name},` : "Bonjour,"),
    intro: (venue: string) => `Merci d'être venu·e. ${venue} aimerait savoir comment s'est passée votre soirée.`,
    several: "Vous avez assisté à :",
    question: "Recommanderiez-vous ce spectacle à un proche ? (0 = pas du tout, 10 = certainement)",
    open: "Répondre au questionnaire (2 minutes)",
    unsubscribe: "Ne plus recevoir de questionnaires de",
    privacy: "Vos données personnelles (accès, rectification, effacement…)",
    dateLocale: "fr-FR",
  },
  en: {
    subject: (show: string, reminder: boolean) => `${reminder ? "Reminder: " : ""}what did you think of ${show}?`,
    hello: (name: string | null) => (name ? `Hello ${name},` : "Hello,"),
    intro: (venue: string) => `Thank you for coming. ${venue} would like to know how your evening went.`,
    several: "You attended:",
    question: "Would you recommend this show to a friend? (0 = not at all, 10 = definitely)",
    open: "Answer the survey (2 minutes)",
    unsubscribe: "Stop receiving surveys from",
    privacy: "Your personal data (access, correction, erasure…)",
    dateLocale: "en-GB",
  },
} as const;


// Building an Intl.DateTimeFormat costs far more than formatting with one (it was a tenth of a
// 10,000-invitation dispatch's CPU): one per locale for the process.
const DATE_FORMATS = new Map<string, Intl.DateTimeFormat>();

function describePerformance(p: InvitationPerformance, locale: string): string {
  let format = DATE_FORMATS.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Paris" });
    DATE_FORMATS.set(locale, format);
  }
  return `${p.showTitle} — ${p.venueName}, ${format.format(p.startsAt)}`;
}

export function renderInvitationEmail(input: InvitationEmailInput): TOutgoingMail {
  const t = TEXT[input.language];
  const main = input.performances[input.performances.length - 1]!;
  const lines = input.performances.map((p) => describePerformance(p, t.dateLocale));
  const preferencesUrl = `${input.answerUrl}/preferences`;
  // The open pixel (/s/<code>/o.gif) only ever raises "sent" to "opened": see the web app's open-pixel.ts.
  const scoreUrl = (n: number) => `${input.answerUrl}?nps=${n}`;
  const text = [
    t.hello(input.firstName),
    "",
    t.intro(input.tenantName),
    ...(lines.length > 1 ? ["", t.several, ...lines.map((l) => `- ${l}`)] : ["", lines[0]!]),
    "",
    t.question,
    ...Array.from({ length: 11 }, (_, n) => `${n}: ${scoreUrl(n)}`),
    "",
    `${t.open}: ${input.answerUrl}`,
    "",
    `${t.unsubscribe} ${input.tenantName}: ${preferencesUrl}`,
    `${t.privacy}: ${input.privacyUrl}`,
  ].join("\n");
  const colour = escapeHtml(input.brandColour);
  const scores = Array.from(
    { length: 11 },
    (_, n) =>
      `<td style="padding:2px"><a href="${escapeHtml(scoreUrl(n))}" style="display:inline-block;min-width:28px;padding:8px 0;text-align:center;border:1px solid ${colour};border-radius:4px;color:${colour};text-decoration:none;font-weight:bold" aria-label="${n} / 10">${n}</a></td>`,
  ).join("");
  const html = `<!doctype html><html lang="${input.language}"><body style="margin:0;padding:16px;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1a1a1a;background:#f6f6f6">
<div style="max-width:560px;margin:0 auto;background:#fff;border-radius:8px;padding:24px">
<p>${escapeHtml(t.hello(input.firstName))}</p>
<p>${escapeHtml(t.intro(input.tenantName))}</p>
${lines.length > 1 ? `<p>${escapeHtml(t.several)}</p><ul>${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join("")}</ul>` : `<p><strong>${escapeHtml(lines[0]!)}</strong></p>`}
<p style="font-weight:bold">${escapeHtml(t.question)}</p>
<table role="presentation" style="border-collapse:collapse"><tr>${scores}</tr></table>
<p style="margin-top:24px"><a href="${escapeHtml(input.answerUrl)}" style="background:${colour};color:#fff;padding:12px 18px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(t.open)}</a></p>
<p style="font-size:13px;color:#555;margin-top:32px"><a href="${escapeHtml(preferencesUrl)}" style="color:#555">${escapeHtml(`${t.unsubscribe} ${input.tenantName}`)}</a><br><a href="${escapeHtml(input.privacyUrl)}" style="color:#555">${escapeHtml(t.privacy)}</a></p>
</div><img src="${escapeHtml(`${input.answerUrl}/o.gif`)}" width="1" height="1" alt="" style="display:block;width:1px;height:1px;border:0"></body></html>`;
  return {
    from: input.from,
    to: input.to,
    subject: t.subject(main.showTitle, input.reminder),
    text,
    html,
    headers: listUnsubscribeHeaders(`${input.answerUrl}/unsubscribe`),
    messageId: input.messageId,
  };
}
