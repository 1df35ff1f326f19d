import { describe, expect, it } from "vitest";
import { clientIp } from "./client-ip";

describe("clientIp", () => {
  it("takes the first x-forwarded-for address", () => {
    expect(clientIp({ "x-forwarded-for": "203.0.113.7, 10.0.0.1" })).toBe("203.0.113.7");
    expect(clientIp(new Headers({ "x-forwarded-for": "198.51.100.2" }))).toBe("198.51.100.2");
    expect(clientIp({ "x-forwarded-for": ["192.0.2.1", "10.0.0.2"] })).toBe("192.0.2.1");
  });

  it("falls back to a shared bucket when the address is unknown", () => {
    expect(clientIp(undefined)).toBe("unknown");
    expect(clientIp({})).toBe("unknown");
    expect(clientIp({ "x-forwarded-for": " " })).toBe("unknown");
  });
});
