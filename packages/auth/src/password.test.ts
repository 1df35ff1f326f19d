import { describe, expect, it } from "vitest";
import { generateDataKey } from "@rappel/personal-data";
import { hashPassword, verifyPassword } from "./password";
import { checkTotp, generateTotpSecret, openTotpSecret, sealTotpSecret, totpCode } from "./totp";

describe("passwords", () => {
  it("hashes with argon2id and verifies", async () => {
    const stored = await hashPassword("correct horse battery");
    expect(stored.startsWith("$argon2id$")).toBe(true);
    expect(await verifyPassword(stored, "correct horse battery")).toBe(true);
    expect(await verifyPassword(stored, "wrong horse battery")).toBe(false);
    expect(await verifyPassword("garbage", "x")).toBe(false);
  });

  it("refuses short passwords", async () => {
    await expect(hashPassword("short")).rejects.toThrow(/at least 12/);
  });
});

describe("TOTP", () => {
  it("accepts the current code and refuses others", () => {
    const secret = generateTotpSecret();
    const code = totpCode(secret);
    expect(checkTotp(secret, code)).toBe(true);
    expect(checkTotp(secret, code === "000000" ? "111111" : "000000")).toBe(false);
    expect(checkTotp(secret, "abc")).toBe(false);
  });

  it("stores the secret sealed, bound to its user", () => {
    const master = { id: "mk1", key: generateDataKey() };
    const secret = generateTotpSecret();
    const sealed = sealTotpSecret(master, "user-1", secret);
    expect(Buffer.from(sealed).includes(Buffer.from(secret))).toBe(false);
    expect(openTotpSecret(master, "user-1", sealed)).toBe(secret);
    expect(() => openTotpSecret(master, "user-2", sealed)).toThrow();
  });

  it("still opens a secret sealed under the previous master key during a rotation", () => {
    const old = { id: "mk1", key: generateDataKey() };
    const secret = generateTotpSecret();
    const sealed = sealTotpSecret(old, "user-1", secret);
    const rotated = { id: "mk2", key: generateDataKey(), previous: [old] };
    expect(openTotpSecret(rotated, "user-1", sealed)).toBe(secret);
    expect(() => openTotpSecret({ id: "mk2", key: rotated.key }, "user-1", sealed)).toThrow();
  });
});
