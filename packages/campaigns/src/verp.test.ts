import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { deriveVerpKey, parseVerpAddress, verpAddress, verpAddressTag, verpLocalPart } from "./verp";

const key = deriveVerpKey(randomBytes(32));
const claims = { campaignId: randomUUID(), spectatorId: randomUUID() };

describe("VERP envelope senders", () => {
  it("round-trips the delivery within RFC 5321's 64-octet local part, with no personal data", () => {
    const address = verpAddress(key, claims, "bounces.rappel.example");
    expect(verpLocalPart(key, claims).length).toBeLessThanOrEqual(64);
    expect(address).toMatch(/^b[A-Za-z0-9_-]+@bounces\.rappel\.example$/);
    expect(parseVerpAddress(key, address, "BOUNCES.rappel.example")).toEqual(claims);
  });

  it("refuses an altered, foreign or differently keyed address", () => {
    const address = verpAddress(key, claims, "bounces.rappel.example");
    const local = address.split("@")[0]!;
    const flipped = `${local.slice(0, 10)}${local[10] === "A" ? "B" : "A"}${local.slice(11)}@bounces.rappel.example`;
    expect(parseVerpAddress(key, flipped, "bounces.rappel.example")).toBeNull();
    expect(parseVerpAddress(key, address, "other.example")).toBeNull();
    expect(parseVerpAddress(deriveVerpKey(randomBytes(32)), address, "bounces.rappel.example")).toBeNull();
    expect(parseVerpAddress(key, "postmaster@bounces.rappel.example", "bounces.rappel.example")).toBeNull();
  });

  it("carries a signed tag of the address sent to, and still reads addresses made without it", () => {
    const local = verpLocalPart(key, claims, "Lea.Martin@Example.net");
    expect(local.length).toBeLessThanOrEqual(64);
    expect(local).not.toMatch(/lea|martin|example/i);
    const parsed = parseVerpAddress(key, `${local}@bounces.rappel.example`, "bounces.rappel.example");
    expect(parsed).toEqual({ ...claims, addressTag: verpAddressTag(key, "lea.martin@example.net ") });
    expect(parsed?.addressTag).not.toBe(verpAddressTag(key, "lea.martin@example.org"));
    // A tag swapped for another address's breaks the signature.
    const other = verpLocalPart(key, claims, "someone@example.net");
    const raw = Buffer.from(local.slice(1), "base64url");
    raw.set(Buffer.from(other.slice(1), "base64url").subarray(32, 35), 32);
    expect(parseVerpAddress(key, `b${raw.toString("base64url")}@bounces.rappel.example`, "bounces.rappel.example")).toBeNull();
    expect(parseVerpAddress(key, verpAddress(key, claims, "bounces.rappel.example"), "bounces.rappel.example")).toEqual(claims);
  });
});
