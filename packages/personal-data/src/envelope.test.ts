import { describe, expect, it } from "vitest";
import { DecryptionError, generateDataKey, open, seal, unwrapDataKey, wrapDataKey } from "./envelope";

describe("envelope encryption", () => {
  const key = generateDataKey();

  it("round-trips a value and never stores it in clear", () => {
    const sealed = seal(key, "camille.martin@example.fr", "spectator:t1:email");
    expect(sealed.includes(Buffer.from("camille"))).toBe(false);
    expect(open(key, sealed, "spectator:t1:email").toString()).toBe("camille.martin@example.fr");
  });

  it("uses a fresh IV: the same value seals differently each time", () => {
    expect(seal(key, "x", "a").equals(seal(key, "x", "a"))).toBe(false);
  });

  it("never gives two seals the same IV, across refills of its pool of random IVs", () => {
    const ivs = new Set<string>();
    for (let i = 0; i < 5_000; i++) {
      const sealed = seal(key, "x", "a");
      ivs.add(sealed.subarray(1, 13).toString("hex"));
      expect(open(key, sealed, "a").toString()).toBe("x");
    }
    expect(ivs.size).toBe(5_000);
  });

  it("refuses a ciphertext moved to another tenant or field, or tampered with", () => {
    const sealed = seal(key, "06 12 34 56 78", "spectator:t1:phone");
    expect(() => open(key, sealed, "spectator:t2:phone")).toThrow(DecryptionError);
    expect(() => open(key, sealed, "spectator:t1:email")).toThrow(DecryptionError);
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => open(key, tampered, "spectator:t1:phone")).toThrow(DecryptionError);
    expect(() => open(generateDataKey(), sealed, "spectator:t1:phone")).toThrow(DecryptionError);
  });

  it("wraps a data key so that only the master key and the same tenant unwrap it", () => {
    const master = generateDataKey();
    const wrapped = wrapDataKey(master, key, "tenant-a");
    expect(unwrapDataKey(master, wrapped, "tenant-a").equals(key)).toBe(true);
    expect(() => unwrapDataKey(master, wrapped, "tenant-b")).toThrow(DecryptionError);
    expect(() => unwrapDataKey(generateDataKey(), wrapped, "tenant-a")).toThrow(DecryptionError);
  });
});
