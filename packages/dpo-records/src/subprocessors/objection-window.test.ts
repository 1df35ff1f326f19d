import { describe, expect, it } from "vitest";
import { OBJECTION_WINDOW_MS, canObject, decideEnablement, windowEndFor } from "./objection-window";

const sent = new Date("2026-11-20T10:00:00Z");
const end = new Date(sent.getTime() + OBJECTION_WINDOW_MS);
const change = (notice: { sentAt: Date | null; objectedAt: Date | null } | null, windowEndsAt = end) => ({ windowEndsAt, notice });

describe("objection window", () => {
  it("blocks enabling until 8 days after the notice, then allows it", () => {
    const c = change({ sentAt: sent, objectedAt: null });
    expect(decideEnablement([c], new Date(end.getTime() - 1))).toEqual({ allowed: false, reason: "window_open", until: end });
    expect(decideEnablement([c], end)).toEqual({ allowed: true });
  });

  it("counts 8 days from a notice sent late, not from the announcement", () => {
    const late = new Date(sent.getTime() + 3 * 24 * 3_600_000);
    const c = change({ sentAt: late, objectedAt: null });
    expect(windowEndFor(c)).toEqual(new Date(late.getTime() + OBJECTION_WINDOW_MS));
    expect(decideEnablement([c], new Date(end.getTime() + 1)).allowed).toBe(false);
  });

  it("never allows a tenant that objected, nor one never notified", () => {
    expect(decideEnablement([change({ sentAt: sent, objectedAt: sent })], new Date(end.getTime() + 1e10))).toEqual({ allowed: false, reason: "objected" });
    expect(decideEnablement([change({ sentAt: null, objectedAt: null })], new Date(end.getTime() + 1e10))).toEqual({ allowed: false, reason: "not_notified" });
    expect(decideEnablement([change(null)], new Date(end.getTime() + 1e10))).toEqual({ allowed: false, reason: "not_notified" });
    expect(decideEnablement([], sent)).toEqual({ allowed: true });
  });

  it("takes objections only while the window is open", () => {
    const c = change({ sentAt: sent, objectedAt: null });
    expect(canObject(c, sent)).toBe(true);
    expect(canObject(c, end)).toBe(false);
    expect(canObject(change({ sentAt: null, objectedAt: null }), sent)).toBe(false);
  });
});
