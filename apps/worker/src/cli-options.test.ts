import { describe, expect, it } from "vitest";
import { CliOptionsError, parseCliOptions } from "./cli-options";

describe("parseCliOptions", () => {
  it("defaults to the product prefix and a 25 s grace period", () => {
    expect(parseCliOptions([])).toEqual({ queuePrefix: "rappel", shutdownGraceMs: 25_000 });
  });

  it("reads both options", () => {
    expect(parseCliOptions(["--queue-prefix", "staging", "--shutdown-grace-ms", "500"])).toEqual({
      queuePrefix: "staging",
      shutdownGraceMs: 500,
    });
    expect(parseCliOptions(["--", "--queue-prefix", "staging"]).queuePrefix).toBe("staging");
  });

  it("refuses unknown flags and bad values with a message naming the flag", () => {
    expect(() => parseCliOptions(["--grace", "1"])).toThrow(CliOptionsError);
    expect(() => parseCliOptions(["--shutdown-grace-ms", "soon"])).toThrow(/--shutdown-grace-ms/);
    expect(() => parseCliOptions(["--queue-prefix", "a:b"])).toThrow(/--queue-prefix/);
  });
});

describe("defaults from the environment", () => {
  it("uses the configured values unless a flag overrides them", () => {
    expect(parseCliOptions([], { queuePrefix: "staging", shutdownGraceMs: 5000 })).toEqual({
      queuePrefix: "staging",
      shutdownGraceMs: 5000,
    });
    expect(parseCliOptions(["--queue-prefix", "t1"], { queuePrefix: "staging" }).queuePrefix).toBe("t1");
  });
});
