import { describe, expect, it } from "vitest";
import { clientIp } from "./client-ip";

describe("clientIp", () => {
  it("takes the address the outermost trusted proxy saw, not what the client wrote", () => {
    // The client forged 203.0.113.7; our one proxy appended the real peer 198.51.100.9.
    expect(clientIp({ "x-forwarded-for": "203.0.113.7, 198.51.100.9" }, 1)).toBe("198.51.100.9");
    // Two proxies (CDN then load balancer): the CDN saw the client.
    expect(clientIp({ "x-forwarded-for": "203.0.113.7, 198.51.100.9, 10.0.0.1" }, 2)).toBe("198.51.100.9");
    expect(clientIp(new Headers({ "x-forwarded-for": "198.51.100.2" }), 1)).toBe("198.51.100.2");
    expect(clientIp({ "x-forwarded-for": ["192.0.2.1", "10.0.0.2"] }, 1)).toBe("10.0.0.2");
  });

  it("uses the left-most entry when there are fewer entries than trusted proxies", () => {
    expect(clientIp({ "x-forwarded-for": "192.0.2.1" }, 3)).toBe("192.0.2.1");
  });

  it("falls back to a shared bucket when the address is unknown", () => {
    expect(clientIp(undefined, 1)).toBe("unknown");
    expect(clientIp({}, 1)).toBe("unknown");
    expect(clientIp({ "x-forwarded-for": " , " }, 1)).toBe("unknown");
  });
});
