import { describe, expect, it } from "vitest";
import { estimateSmsCost, isGsm7, measureSms, withOptOutMention } from "./sms-encoding";

describe("SMS encoding and segments", () => {
  it("keeps French accents of the GSM alphabet in GSM-7", () => {
    expect(isGsm7("Réservez à présent, café offert ! é è à ù ì ò Ç")).toBe(true);
    expect(measureSms("Bonjour").encoding).toBe("GSM-7");
  });

  it("counts extension characters twice", () => {
    expect(measureSms("10 €").units).toBe(5);
    expect(measureSms("[x]").units).toBe(5);
  });

  it("switches to UCS-2 and names the characters that forced it", () => {
    const m = measureSms("Ça commence à 20h — ê ô");
    expect(m.encoding).toBe("UCS-2");
    expect(m.ucs2Characters.sort()).toEqual(["ê", "ô", "—"].sort());
  });

  it("uses 160/153 septets and 70/67 units per segment", () => {
    expect(measureSms("a".repeat(160)).segments).toBe(1);
    expect(measureSms("a".repeat(161)).segments).toBe(2);
    expect(measureSms("a".repeat(306)).segments).toBe(2);
    expect(measureSms("a".repeat(307)).segments).toBe(3);
    expect(measureSms("ê".repeat(70)).segments).toBe(1);
    expect(measureSms("ê".repeat(71)).segments).toBe(2);
    expect(measureSms("ê".repeat(134)).segments).toBe(2);
    expect(measureSms("ê".repeat(135)).segments).toBe(3);
    expect(measureSms("🎭").units).toBe(2);
    expect(measureSms("a".repeat(159) + "€").segments).toBe(2);
    expect(measureSms("").segments).toBe(1);
  });

  it("adds the opt-out mention once, and counts it", () => {
    const text = withOptOutMention("Dernières places ce soir !");
    expect(text).toBe("Dernières places ce soir !\nSTOP au 36180");
    expect(withOptOutMention(text)).toBe(text);
    expect(measureSms(text).units).toBe(text.length);
  });

  it("estimates cost per segment and recipient", () => {
    expect(estimateSmsCost("a".repeat(200), 1000, 5)).toBe(2 * 1000 * 5);
  });
});
