import { describe, expect, it } from "vitest";
import { ZE164, ZSmsContent, ZSmsSenderId, composeSms, previewSms, estimateSmsCampaign } from "./sms-content";

describe("SMS content rules", () => {
  it("accepts alphanumeric sender ids up to 11 characters, or a number", () => {
    for (const ok of ["LUMIERE", "Salle2026", "ABCDEFGHIJK", "+33612345678", "36180"]) expect(ZSmsSenderId.safeParse(ok).success, ok).toBe(true);
    for (const bad of ["ABCDEFGHIJKL", "La Lumière", "", "A-B"]) expect(ZSmsSenderId.safeParse(bad).success, bad).toBe(false);
  });

  it("normalises a test phone to E.164 and refuses national forms", () => {
    expect(ZE164.parse("+33 6 12 34 56 78")).toBe("+33612345678");
    expect(ZE164.safeParse("06 12 34 56 78").success).toBe(false);
  });

  it("validates the content model", () => {
    expect(ZSmsContent.safeParse({ text: "Bonjour", senderId: "LUMIERE" }).success).toBe(true);
    expect(ZSmsContent.safeParse({ text: " ", senderId: "LUMIERE" }).success).toBe(false);
  });

  it("applies merge tags with fallbacks and appends the opt-out mention once", () => {
    expect(composeSms('Bonjour {{firstName|"à vous"}} !', {}, "STOP au 36180")).toBe("Bonjour à vous !\nSTOP au 36180");
    expect(composeSms("Salut {{firstName}}\nSTOP au 36180", { firstName: "Léa" }, "STOP au 36180")).toBe("Salut Léa\nSTOP au 36180");
  });

  it("counts the mention, flags the characters that force UCS-2 and estimates the cost", () => {
    const gsm = previewSms("Ce soir à 20 h", "STOP au 36180", 100, 8);
    expect(gsm).toMatchObject({ encoding: "GSM-7", units: 28, segments: 1, costCents: 800 });
    expect(gsm.runs).toEqual([{ text: "Ce soir à 20 h\nSTOP au 36180", forcesUcs2: false }]);
    const ucs = previewSms("Ça commence — vite", "STOP au 36180", 10, 8);
    expect(ucs.encoding).toBe("UCS-2");
    expect(ucs.ucs2Characters).toEqual(["—"]);
    expect(ucs.runs.filter((r) => r.forcesUcs2).map((r) => r.text)).toEqual(["—"]);
  });
});

describe("SMS campaign cost, message by message", () => {
  const text = 'Bonjour {{firstName|"à vous"}}, ' + "x".repeat(120);
  it("counts each recipient's own segments: a long first name can take one message to two", () => {
    const mention = "STOP au 36180";
    // 9 + 120 + 14 = 143 characters with "Léa": one segment; a 25-letter name passes 160.
    const estimate = estimateSmsCampaign(text, mention, [{ firstName: "Léa" }, { firstName: "Marie-Charlotte-Éléonore" }, {}], 8);
    expect(estimate.messages).toBe(3);
    expect(estimate.segments).toBe(1 + 2 + 1);
    expect(estimate.costCents).toBe(4 * 8);
    // The template alone (fallbacks) would say 3 segments for 3 messages.
    expect(previewSms(text, mention, 3, 8).costCents).toBe(3 * 8);
  });

  it("counts a UCS-2 name in its own message only", () => {
    const estimate = estimateSmsCampaign("Bonjour {{firstName}} !", "STOP", [{ firstName: "Zoë" }, { firstName: "Łukasz" }], 10);
    expect(estimate).toEqual({ messages: 2, segments: 2, costCents: 20 });
  });
});
