import { describe, expect, it } from "vitest";
import { isCrossSite } from "./upload-route";

const req = (headers: Record<string, string>) => new Request("http://app.test/api/v1/ui/x/imports", { method: "POST", headers });

describe("isCrossSite", () => {
  it("accepts the app's own form posts", () => {
    expect(isCrossSite(req({ host: "app.test", origin: "http://app.test", "sec-fetch-site": "same-origin" }))).toBe(false);
    expect(isCrossSite(req({ host: "app.test" }))).toBe(false);
  });

  it("refuses posts from another site", () => {
    expect(isCrossSite(req({ host: "app.test", origin: "https://evil.test" }))).toBe(true);
    expect(isCrossSite(req({ host: "app.test", "sec-fetch-site": "cross-site" }))).toBe(true);
    expect(isCrossSite(req({ host: "app.test", origin: "not a url" }))).toBe(true);
  });
});
