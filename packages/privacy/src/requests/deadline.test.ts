import { describe, expect, it } from "vitest";
import { computeDeadline, extendDeadline } from "./deadline";

const d = (iso: string) => new Date(iso);

describe("data-subject request deadline", () => {
  it("is one calendar month from receipt, to the end of the Paris day", () => {
    const deadline = computeDeadline({ receivedAt: d("2026-03-15T09:00:00Z"), verifiedAt: d("2026-03-15T09:00:00Z"), extensionMonths: 0 });
    expect(deadline).toMatchObject({ paused: false, dueDay: "2026-04-15" });
    if (!deadline.paused) expect(deadline.dueAt.toISOString()).toBe("2026-04-15T21:59:59.999Z");
  });

  it("ends on the last day of a shorter month", () => {
    expect(computeDeadline({ receivedAt: d("2026-01-31T10:00:00Z"), verifiedAt: d("2026-01-31T10:00:00Z"), extensionMonths: 0 })).toMatchObject({ dueDay: "2026-02-28" });
    expect(computeDeadline({ receivedAt: d("2028-01-31T10:00:00Z"), verifiedAt: d("2028-01-31T10:00:00Z"), extensionMonths: 0 })).toMatchObject({ dueDay: "2028-02-29" });
    expect(computeDeadline({ receivedAt: d("2026-12-31T10:00:00Z"), verifiedAt: d("2026-12-31T10:00:00Z"), extensionMonths: 2 })).toMatchObject({ dueDay: "2027-03-31" });
  });

  it("counts the Paris day of receipt (late evening UTC is the next day in Paris)", () => {
    expect(computeDeadline({ receivedAt: d("2026-05-31T22:30:00Z"), verifiedAt: d("2026-05-31T22:30:00Z"), extensionMonths: 0 })).toMatchObject({ dueDay: "2026-07-01" });
  });

  it("is paused while the identity is unverified, then runs from the verification", () => {
    expect(computeDeadline({ receivedAt: d("2026-03-15T09:00:00Z"), verifiedAt: null, extensionMonths: 0 })).toEqual({ paused: true });
    expect(computeDeadline({ receivedAt: d("2026-03-15T09:00:00Z"), verifiedAt: d("2026-03-20T09:00:00Z"), extensionMonths: 0 })).toMatchObject({ dueDay: "2026-04-20" });
  });

  it("extends by up to two months, with reasons, within the first month only", () => {
    const input = { receivedAt: d("2026-03-15T09:00:00Z"), verifiedAt: d("2026-03-15T09:00:00Z"), extensionMonths: 0 };
    const reason = "Demande complexe : 14 années d'historique réparties sur trois billetteries.";
    expect(extendDeadline(input, 2, reason, d("2026-04-10T09:00:00Z"))).toBe(2);
    expect(computeDeadline({ ...input, extensionMonths: 2 })).toMatchObject({ dueDay: "2026-06-15" });
    expect(() => extendDeadline(input, 3, reason, d("2026-04-10T09:00:00Z"))).toThrow(/2 months at most/);
    expect(() => extendDeadline({ ...input, extensionMonths: 1 }, 2, reason, d("2026-04-10T09:00:00Z"))).toThrow(/already 1/);
    expect(() => extendDeadline(input, 1, "", d("2026-04-10T09:00:00Z"))).toThrow(/needs its reasons/);
    expect(() => extendDeadline(input, 1, reason, d("2026-04-16T09:00:00Z"))).toThrow(/within the first month/);
    expect(() => extendDeadline({ ...input, verifiedAt: null }, 1, reason, d("2026-03-16T09:00:00Z"))).toThrow(/verify/);
  });
});
