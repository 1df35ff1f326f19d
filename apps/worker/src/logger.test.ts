import { describe, expect, it } from "vitest";
import { createLogger, createThrottle, errorFields } from "./logger";

describe("logger", () => {
  it("writes one JSON object per line with level, time, message and bound fields", () => {
    const lines: string[] = [];
    const logger = createLogger({
      level: "info",
      write: (l) => lines.push(l),
      now: () => new Date("2026-11-22T10:00:00Z"),
    });
    logger.child({ queue: "maintenance", jobId: "7" }).warn("job released", { durationMs: 12 });
    logger.debug("not written below the threshold");
    expect(lines).toEqual([
      '{"level":"warn","time":"2026-11-22T10:00:00.000Z","msg":"job released","queue":"maintenance","jobId":"7","durationMs":12}',
    ]);
  });

  it("keeps only the name and message of an error unless the stack is asked for", () => {
    expect(errorFields(new TypeError("boom"))).toEqual({ error: "boom", errorName: "TypeError" });
    expect(errorFields(new Error("x"), { stack: true }).stack).toContain("Error: x");
    expect(errorFields("plain")).toEqual({ error: "plain" });
  });

  it("throttles repeated errors per key", () => {
    let t = 0;
    const allow = createThrottle(1_000, () => t);
    expect([allow("redis"), allow("redis"), allow("pg")]).toEqual([true, false, true]);
    t = 1_000;
    expect(allow("redis")).toBe(true);
  });
});
