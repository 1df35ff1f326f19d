import { describe, expect, it } from "vitest";
import { ZSmsCampaignInput, parisLocalToUtc } from "./sms-campaigns";

describe("SMS campaign scheduling input", () => {
  it("reads a Paris wall-clock time in winter and in summer time", () => {
    expect(parisLocalToUtc("2026-12-01T09:30").toISOString()).toBe("2026-12-01T08:30:00.000Z");
    expect(parisLocalToUtc("2026-07-14T09:30").toISOString()).toBe("2026-07-14T07:30:00.000Z");
    // The morning after the switch to summer time (29 March 2026).
    expect(parisLocalToUtc("2026-03-29T08:00").toISOString()).toBe("2026-03-29T06:00:00.000Z");
  });

  it("validates the draft, and treats an empty schedule as now", () => {
    const base = { name: "Relance", segmentId: "", holdoutPercent: "0", attributionDays: "7", content: { text: "Bonjour", senderId: "LUMIERE" } };
    expect(ZSmsCampaignInput.parse({ ...base, scheduledAt: "" }).scheduledAt).toBeUndefined();
    expect(ZSmsCampaignInput.safeParse({ ...base, scheduledAt: "demain" }).success).toBe(false);
    expect(ZSmsCampaignInput.safeParse({ ...base, content: { text: "Bonjour", senderId: "Théâtre Lumière" } }).success).toBe(false);
  });
});
