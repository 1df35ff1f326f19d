// The precompiled template must give the very message buildCampaignMessage gives: same fields,
// same MIME bytes (the boundary aside, which is random per message).
import { describe, expect, it } from "vitest";
import { deriveTrackingKey, verifyTrackingToken } from "@rappel/campaigns";
import { buildMime } from "@rappel/mail";
import { buildCampaignMessage, type CampaignForSend, type CampaignRecipient, type MessageContext, type SenderForSend } from "./campaign-message";
import { CampaignMessageTemplate } from "./campaign-template";

const SHOW = "3f1c2b8e-1d4e-4c55-9a43-5a0b6a3b1c01";
const campaign: CampaignForSend = {
  tenantId: "0b6f1f3e-3d0a-4f5e-9a1b-2c3d4e5f6a7b",
  tenantSlug: "lumiere",
  id: "7d2a9c1e-5b4f-4e3a-8c2d-1f0e9d8c7b6a",
  subject: '{{firstName|"Bonjour"}}, la saison commence',
  preheader: "Trois soirées pour {{lastName}}",
  content: {
    blocks: [
      { type: "text", text: 'Bonjour {{firstName|"à vous"}} {{ lastName }},\n\nLa saison <commence> & {{venueName|"ici"}}.' },
      { type: "image", src: "https://cdn.example/a.png", alt: "Affiche", href: "https://billetterie.example/affiche?a=1&b=2" },
      { type: "button", label: "Réserver, {{firstName}}", href: "https://billetterie.example/saison" },
      { type: "show_card", showId: SHOW, href: "https://billetterie.example/show" },
      { type: "footer", text: "Théâtre de la Lumière\nLyon" },
    ],
  },
};
const sender: SenderForSend = { fromName: "Théâtre \"Lumière\"", fromEmail: "billetterie@lumiere.example", replyTo: "contact@lumiere.example" };
const ctx: MessageContext = {
  appUrl: "https://rappel.example/",
  trackingKey: deriveTrackingKey(Buffer.alloc(32, 7)),
  showCards: new Map([[SHOW, { title: "Nuit <jazz>", genre: "Jazz", venueName: "Grande salle", startsAt: new Date("2026-12-05T19:00:00Z") }]]),
  verp: { key: Buffer.alloc(32, 9), domain: "bounces.rappel.example" },
};

const recipients: CampaignRecipient[] = [
  { spectatorId: "11111111-1111-4111-8111-111111111111", email: "lea@example.net", values: { firstName: "Léa", lastName: "Martin" } },
  { spectatorId: "22222222-2222-4222-8222-222222222222", email: "x@example.net", values: { firstName: null, lastName: "D'Artagnan & <Fils>" } },
  { spectatorId: "33333333-3333-4333-8333-333333333333", email: "y@example.net", values: { firstName: "  ", lastName: undefined } },
  { spectatorId: "44444444-4444-4444-8444-444444444444", email: "z@example.net", values: { firstName: "Zoë 李 \"$&\" $1", lastName: "Ünal" } },
  // A line break becomes <br> in the HTML text blocks: this one takes the full render.
  { spectatorId: "55555555-5555-4555-8555-555555555555", email: "w@example.net", values: { firstName: "Anne\nMarie", lastName: "Roy" } },
];

const now = new Date("2026-11-23T08:00:00Z");
const mimeOf = (message: ReturnType<typeof buildCampaignMessage>) =>
  buildMime(message, "lumiere.example", now).toString("utf8").replace(/=_rappel_[0-9a-f]+/g, "=_rappel_BOUNDARY");

describe("CampaignMessageTemplate", () => {
  it.each(recipients)("builds the same message as buildCampaignMessage for $email", (recipient) => {
    const template = new CampaignMessageTemplate(campaign, sender, ctx);
    for (const subject of [campaign.subject, "Variante B pour {{lastName|\"vous\"}}"]) {
      const expected = buildCampaignMessage({ ...campaign, subject }, sender, recipient, ctx);
      const built = template.build(recipient, subject);
      expect(built).toEqual(expected);
      expect(mimeOf(built)).toBe(mimeOf(expected));
    }
  });

  it("reuses its render across recipients and keeps each recipient's links their own", () => {
    const template = new CampaignMessageTemplate(campaign, sender, ctx);
    const [a, b] = [template.build(recipients[0]!, campaign.subject), template.build(recipients[3]!, campaign.subject)];
    const tokens = (html: string) => [...html.matchAll(/\/m\/c\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/g)].map((m) => m[1]!);
    const claims = tokens(b.html!).map((t) => verifyTrackingToken(ctx.trackingKey, t, "click"));
    expect(claims.map((c) => c.spectatorId)).toEqual(claims.map(() => recipients[3]!.spectatorId));
    expect(tokens(a.html!)).not.toEqual(tokens(b.html!));
  });

  it("names only the merge tags a subject's message uses", () => {
    const template = new CampaignMessageTemplate({ ...campaign, preheader: "", content: { blocks: [{ type: "text", text: "Bonjour" }] } }, sender, ctx);
    expect(template.tagsUsed("{{firstName}}")).toEqual(["firstName"]);
    expect(template.tagsUsed("Saison")).toEqual([]);
  });

  it("renders message by message a campaign whose text holds its marker characters", () => {
    const odd = { ...campaign, preheader: "\uE000open\uE001" };
    const template = new CampaignMessageTemplate(odd, sender, ctx);
    expect(template.build(recipients[0]!, odd.subject)).toEqual(buildCampaignMessage(odd, sender, recipients[0]!, ctx));
  });
});
