import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { deriveVerpKey, parseVerpAddress, verpAddress, verpLocalPart } from "./verp";

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
});
