import { describe, expect, it } from "vitest";
import { DEFAULT_RECIPIENT_RULES, groupFestivalPerformances, isSampledIn, planSendTimes, selectRecipients, type RecipientCandidate } from "./dispatch-plan";
import { holdForQuietHours, isQuietTime, parisParts, parisToUtc } from "./paris-time";
import { contrastRatio, meetsAaWithWhite } from "./contrast";

const iso = (s: string) => new Date(s);

describe("Paris time and quiet hours", () => {
  it("converts local Paris time both ways across DST", () => {
    expect(parisToUtc({ year: 2026, month: 12, day: 1, hour: 9, minute: 0 }).toISOString()).toBe("2026-12-01T08:00:00.000Z");
    expect(parisToUtc({ year: 2026, month: 7, day: 1, hour: 9, minute: 0 }).toISOString()).toBe("2026-07-01T07:00:00.000Z");
    expect(parisParts(iso("2026-03-29T01:30:00Z"))).toMatchObject({ day: 29, hour: 3, minute: 30 });
  });

  it("holds a send between 21:00 and 09:00 Paris until 09:00", () => {
    expect(holdForQuietHours(iso("2026-12-01T19:59:00Z")).toISOString()).toBe("2026-12-01T19:59:00.000Z"); // 20:59
    expect(holdForQuietHours(iso("2026-12-01T20:00:00Z")).toISOString()).toBe("2026-12-02T08:00:00.000Z"); // 21:00
    expect(holdForQuietHours(iso("2026-12-01T23:30:00Z")).toISOString()).toBe("2026-12-02T08:00:00.000Z"); // 00:30 next day
    expect(holdForQuietHours(iso("2026-07-01T06:59:00Z")).toISOString()).toBe("2026-07-01T07:00:00.000Z"); // 08:59 summer
    expect(holdForQuietHours(iso("2026-12-31T22:00:00Z")).toISOString()).toBe("2027-01-01T08:00:00.000Z"); // year change
    expect(holdForQuietHours(iso("2026-12-01T23:30:00Z"), { startHour: 0, endHour: 0 }).toISOString()).toBe("2026-12-01T23:30:00.000Z"); // none
    expect(isQuietTime(iso("2026-12-01T12:30:00Z"), { startHour: 13, endHour: 14 })).toBe(true);
    expect(isQuietTime(iso("2026-12-01T13:30:00Z"), { startHour: 13, endHour: 14 })).toBe(false);
  });
});

describe("planSendTimes", () => {
  it("sends delay after the real end, held by quiet hours, with a reminder before closing", () => {
    // Ends 22:30 Paris; +3 h = 01:30 → held to 09:00.
    const plan = planSendTimes(iso("2026-12-01T21:30:00Z"), { delayMinutes: 180, reminderAfterDays: 3, closesAt: iso("2026-12-31T00:00:00Z") });
    expect(plan.initialAt?.toISOString()).toBe("2026-12-02T08:00:00.000Z");
    expect(plan.reminderAt?.toISOString()).toBe("2026-12-05T08:00:00.000Z");
    // A matinee ending 17:00 Paris with a 3 h delay goes out at 20:00.
    expect(planSendTimes(iso("2026-12-06T16:00:00Z"), { delayMinutes: 180 }).initialAt?.toISOString()).toBe("2026-12-06T19:00:00.000Z");
  });

  it("sends nothing after the closing date, and drops a reminder that would be late", () => {
    expect(planSendTimes(iso("2026-12-01T21:30:00Z"), { delayMinutes: 180, closesAt: iso("2026-12-02T07:00:00Z") })).toEqual({ initialAt: null, reminderAt: null });
    expect(planSendTimes(iso("2026-12-01T21:30:00Z"), { delayMinutes: 180, reminderAfterDays: 7, closesAt: iso("2026-12-05T00:00:00Z") }).reminderAt).toBeNull();
  });
});

const candidate = (id: string, over: Partial<RecipientCandidate> = {}): RecipientCandidate => ({
  spectatorId: id, hasEmail: true, surveyConsent: null, lists: [], onlyComplimentary: false, alreadyInvited: false,
  lastInvitedAt: null, attendanceLastYear: 1, otherPerformanceEnds: [], ...over,
});

describe("selectRecipients", () => {
  const perf = { performanceId: "p1", endsAt: iso("2026-12-01T21:30:00Z") };
  const now = iso("2026-12-02T08:00:00Z");

  it("de-duplicates per person and applies every exclusion", () => {
    const result = selectRecipients(perf, [
      candidate("a"), candidate("a"),
      candidate("b", { hasEmail: false }),
      candidate("c", { surveyConsent: "withdrawn" }),
      candidate("d", { lists: ["opted_out"] }),
      candidate("e", { lists: ["restricted"] }),
      candidate("f", { lists: ["hard_bounced"] }),
      candidate("g", { lists: ["staff"] }),
      candidate("h", { onlyComplimentary: true }),
      candidate("i", { lastInvitedAt: iso("2026-11-20T10:00:00Z") }),
      candidate("j", { lastInvitedAt: iso("2026-10-01T10:00:00Z") }),
      candidate("k", { alreadyInvited: true }),
    ], { ...DEFAULT_RECIPIENT_RULES, excludeComplimentary: true }, now);
    expect(result.recipients.map((r) => r.spectatorId)).toEqual(["a", "j"]);
    expect(result.excluded).toEqual({
      no_email: 1, no_survey_consent: 1, opted_out: 1, restricted: 1, hard_bounced: 1, staff: 1, complimentary: 1, fatigue: 1, already_invited: 1,
    });
  });

  it("samples 1 in k frequent attenders, deterministically", () => {
    const many = Array.from({ length: 400 }, (_, i) => candidate(`s${i}`, { attendanceLastYear: 10 }));
    const rules = { ...DEFAULT_RECIPIENT_RULES, sampleEvery: 4, frequentThreshold: 6 };
    const kept = selectRecipients(perf, many, rules, now).recipients.length;
    expect(kept).toBeGreaterThan(60);
    expect(kept).toBeLessThan(140);
    expect(selectRecipients(perf, many, rules, now).recipients.length).toBe(kept);
    expect(isSampledIn("x", "p", 1)).toBe(true);
  });

  it("groups a festival-goer's close performances into one invitation after the last", () => {
    const p = (id: string, at: string) => ({ performanceId: id, endsAt: iso(at) });
    const others = [p("p0", "2026-07-10T20:00:00Z"), p("p2", "2026-07-12T20:00:00Z"), p("p9", "2026-07-20T20:00:00Z")];
    expect(groupFestivalPerformances(p("p1", "2026-07-11T20:00:00Z"), others, 36)).toEqual({ defer: true, performanceIds: [] });
    expect(groupFestivalPerformances(p("p2", "2026-07-12T20:00:00Z"), others, 36)).toEqual({ defer: false, performanceIds: ["p2"] }); // p0 is 48 h before
    // With p1 in between, each link is 24 h: one chain.
    const withP1 = [...others, p("p1", "2026-07-11T20:00:00Z")];
    expect(groupFestivalPerformances(p("p2", "2026-07-12T20:00:00Z"), withP1, 36).performanceIds).toEqual(["p0", "p1", "p2"]);
    expect(groupFestivalPerformances(p("p2", "2026-07-12T20:00:00Z"), withP1, 0).performanceIds).toEqual(["p2"]);
  });
});

describe("branding contrast", () => {
  it("checks AA against white text", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBe(21);
    expect(meetsAaWithWhite("#1f3a68")).toBe(true);
    expect(meetsAaWithWhite("#ffcc00")).toBe(false);
  });
});
