import { describe, expect, it } from "vitest";
import { ZEmailContent } from "./blocks";
import { applyMergeTags, findMergeTagProblems } from "./merge-tags";
import { renderEmail } from "./render-email";
import { deriveTrackingKey, isMachineOpen, signTrackingToken, verifyTrackingToken, InvalidTrackingTokenError } from "./tracking-tokens";

const SHOW = "3f1c2b8e-1d4e-4c55-9a43-5a0b6a3b1c01";

describe("merge tags", () => {
  it("uses the value, else the fallback, else nothing", () => {
    const t = '{{firstName|"cher spectateur"}}, {{ lastName }}!';
    expect(applyMergeTags(t, { firstName: "Léa", lastName: "Martin" })).toBe("Léa, Martin!");
    expect(applyMergeTags(t, { firstName: " " })).toBe("cher spectateur, !");
  });
  it("reports unknown tags", () => {
    expect(findMergeTagProblems("{{prenom}} {{firstName}}")).toHaveLength(1);
  });
});

describe("renderEmail", () => {
  const content = ZEmailContent.parse({
    blocks: [
      { type: "text", text: 'Bonjour {{firstName|"à vous"}},\n\nLa saison <commence>.' },
      { type: "button", label: "Réserver", href: "https://billetterie.example/saison" },
      { type: "show_card", showId: SHOW, href: "https://billetterie.example/show" },
      { type: "footer", text: "Théâtre de la Lumière" },
    ],
  });
  const rendered = renderEmail(content, {
    subject: "{{firstName}}, la saison commence",
    preheader: "Trois soirées",
    values: { firstName: "<Léa>" },
    showCards: new Map([[SHOW, { title: "Nuit jazz", venueName: "Grande salle", startsAt: new Date("2026-12-05T19:00:00Z") }]]),
    trackLink: (url, i) => `https://t.example/c/${i}?u=${encodeURIComponent(url)}`,
    openPixelUrl: "https://t.example/o/x.gif",
    unsubscribeUrl: "https://t.example/u/x",
  });

  it("escapes merged values in HTML and keeps them clear in text", () => {
    expect(rendered.html).toContain("Bonjour &lt;Léa&gt;,");
    expect(rendered.html).toContain("La saison &lt;commence&gt;.");
    expect(rendered.text).toContain("Bonjour <Léa>,");
    expect(rendered.subject).toBe("<Léa>, la saison commence");
  });
  it("rewrites every link for tracking, adds the pixel, preheader and unsubscribe link", () => {
    expect(rendered.html).toContain("https://t.example/c/0?u=https%3A%2F%2Fbilletterie.example%2Fsaison");
    expect(rendered.html).toContain("https://t.example/c/1?");
    expect(rendered.html).toContain('src="https://t.example/o/x.gif"');
    expect(rendered.html).toContain("Trois soirées");
    expect(rendered.text).toContain("Se désinscrire : https://t.example/u/x");
  });
  it("renders the show card in Paris time, responsive", () => {
    expect(rendered.html).toContain("Nuit jazz");
    expect(rendered.html).toMatch(/samedi 5 décembre (à )?20:00/);
    expect(rendered.html).toContain("@media (max-width:620px)");
  });
  it("refuses javascript: links in blocks", () => {
    expect(ZEmailContent.safeParse({ blocks: [{ type: "button", label: "x", href: "javascript:alert(1)" }] }).success).toBe(false);
  });
});

describe("tracking tokens", () => {
  const key = deriveTrackingKey(new Uint8Array(32).fill(7));
  const claims = { kind: "click" as const, tenantId: "t", campaignId: "c", spectatorId: "s", url: "https://example.fr/x", link: 2 };
  it("round-trips and refuses tampering or another kind", () => {
    const token = signTrackingToken(key, claims);
    expect(verifyTrackingToken(key, token, "click")).toEqual(claims);
    const forged = signTrackingToken(deriveTrackingKey(new Uint8Array(32)), { ...claims, url: "https://evil.example" });
    expect(() => verifyTrackingToken(key, forged, "click")).toThrow(InvalidTrackingTokenError);
    expect(() => verifyTrackingToken(key, token, "unsubscribe")).toThrow(InvalidTrackingTokenError);
    const [body, mac] = token.split(".");
    expect(() => verifyTrackingToken(key, `${body}A.${mac}`, "click")).toThrow(InvalidTrackingTokenError);
  });
  it("tells machine opens apart", () => {
    expect(isMachineOpen("Mozilla/5.0", "17.58.1.2")).toBe(true);
    expect(isMachineOpen("Mozilla/5.0")).toBe(true);
    expect(isMachineOpen("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)")).toBe(false);
  });
});
