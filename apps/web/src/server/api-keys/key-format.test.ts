import { describe, expect, it } from "vitest";
import { displayPrefix, generateApiKey, hashApiKey, parseApiKey, verifyApiKey } from "./key-format";

const TENANT = "3f2b8c1e-7d4a-4e9b-a1c2-0d9e8f7a6b5c";

describe("API key format", () => {
  it("puts the tenant id (without dashes), the prefix and the secret in the key", () => {
    const { key, prefix } = generateApiKey(TENANT);
    expect(key).toMatch(/^rpl_3f2b8c1e7d4a4e9ba1c20d9e8f7a6b5c_[a-z2-7]{8}_[a-z2-7]{52}$/);
    expect(key.split("_")[2]).toBe(prefix);
  });

  it("parses a key back into its tenant and prefix", () => {
    const { key, prefix } = generateApiKey(TENANT);
    expect(parseApiKey(key)).toEqual({ tenantId: TENANT, prefix, key });
    expect(parseApiKey(`  ${key}\n`)?.key).toBe(key);
  });

  it("refuses text that is not shaped like a key", () => {
    const { key } = generateApiKey(TENANT);
    for (const bad of ["", "rpl_", key.slice(0, -1), `${key}a`, key.replace("rpl_", "rpk_"), key.toUpperCase(), key.replace(/_[a-z2-7]{8}_/, "_ABCDEFGH_")]) {
      expect(parseApiKey(bad), bad).toBeNull();
    }
  });

  it("generates a different key every time", () => {
    const keys = new Set(Array.from({ length: 50 }, () => generateApiKey(TENANT).key));
    expect(keys.size).toBe(50);
  });

  it("stores only the SHA-256 of the key, and verifies against it", () => {
    const { key, secretHash } = generateApiKey(TENANT);
    expect(secretHash).toBe(hashApiKey(key));
    expect(secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(secretHash).not.toContain(key.split("_")[3]);
    expect(verifyApiKey(key, secretHash)).toBe(true);
  });

  it("rejects a key whose secret differs by one character, and a malformed stored hash", () => {
    const { key, secretHash } = generateApiKey(TENANT);
    const last = key.at(-1) === "a" ? "b" : "a";
    expect(verifyApiKey(`${key.slice(0, -1)}${last}`, secretHash)).toBe(false);
    expect(verifyApiKey(key, "")).toBe(false);
    expect(verifyApiKey(key, "abcd")).toBe(false);
  });

  it("is deterministic given the random source (base32 of the bytes)", () => {
    const zeros = (n: number) => new Uint8Array(n);
    const { key } = generateApiKey(TENANT, zeros);
    expect(key).toBe(`rpl_3f2b8c1e7d4a4e9ba1c20d9e8f7a6b5c_aaaaaaaa_${"a".repeat(52)}`);
    const ff = (n: number) => new Uint8Array(n).fill(255);
    expect(generateApiKey(TENANT, ff).prefix).toBe("77777777");
  });

  it("shows only the prefix after creation", () => {
    expect(displayPrefix("abcd2345")).toBe("rpl_…_abcd2345_…");
  });
});
