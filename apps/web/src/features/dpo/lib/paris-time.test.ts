import { describe, expect, it } from "vitest";
import { isoToParisLocal, parisLocalToIso } from "./paris-time";

describe("Paris wall-clock time", () => {
  it("converts in winter (UTC+1) and summer (UTC+2), both ways", () => {
    expect(parisLocalToIso("2026-11-20T10:00")).toBe("2026-11-20T09:00:00.000Z");
    expect(parisLocalToIso("2026-07-01T10:00")).toBe("2026-07-01T08:00:00.000Z");
    expect(isoToParisLocal("2026-11-20T09:00:00.000Z")).toBe("2026-11-20T10:00");
    expect(parisLocalToIso("not a date")).toBeNull();
  });
});
