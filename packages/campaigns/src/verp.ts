// VERP envelope senders: each campaign message's Return-Path names its delivery, so a bounce
// (DSN) sent back to it says which (campaign, recipient) failed even when the DSN quotes
// nothing of the original. The local part carries two ids (no personal data) and an HMAC over
// them, so nobody can forge a bounce that suppresses someone else's address. It also carries a
// short keyed tag of the address the message was sent to, so a hard bounce suppresses that
// address — not the one the spectator has since (which may be a new, working one). RFC 5321
// limits a local part to 64 octets: "b" + base64url(campaign 16 B + spectator 16 B + address tag
// 3 B + MAC 8 B) is 59; addresses made before the tag (55, no tag) still verify.
// base64url is case-sensitive: MTAs return the envelope sender verbatim, as RFC 5321 requires.
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";

export interface VerpClaims {
  campaignId: string;
  spectatorId: string;
  /** Keyed tag of the address the message was sent to (absent from addresses made before it). */
  addressTag?: string;
}

const PREFIX = "b";
const MAC_BYTES = 8;
const TAG_BYTES = 3;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Derived from the master key like the tracking key, under its own label. */
export function deriveVerpKey(masterKey: Uint8Array): Buffer {
  return Buffer.from(hkdfSync("sha256", masterKey, Buffer.alloc(0), "rappel:verp:v1", 32));
}

const uuidBytes = (id: string) => Buffer.from(id.replace(/-/g, ""), "hex");
const uuidText = (b: Buffer) => {
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};
const mac = (key: Uint8Array, ids: Buffer) => createHmac("sha256", key).update(ids).digest().subarray(0, MAC_BYTES);

const tagBytes = (key: Uint8Array, address: string) =>
  createHmac("sha256", key).update(`sent-to:${address.trim().toLowerCase()}`).digest().subarray(0, TAG_BYTES);

/** The tag of `address` (case and spaces ignored), to compare with a claim's `addressTag`. */
export function verpAddressTag(key: Uint8Array, address: string): string {
  return tagBytes(key, address).toString("hex");
}

/** The signed local part, e.g. "bq7…" (59 characters; 55 without the recipient's address). */
export function verpLocalPart(key: Uint8Array, claims: VerpClaims, sentTo?: string): string {
  if (!UUID.test(claims.campaignId) || !UUID.test(claims.spectatorId)) throw new Error("VERP ids must be UUIDs");
  const signed = Buffer.concat([uuidBytes(claims.campaignId), uuidBytes(claims.spectatorId), ...(sentTo ? [tagBytes(key, sentTo)] : [])]);
  return PREFIX + Buffer.concat([signed, mac(key, signed)]).toString("base64url");
}

export function verpAddress(key: Uint8Array, claims: VerpClaims, bounceDomain: string, sentTo?: string): string {
  return `${verpLocalPart(key, claims, sentTo)}@${bounceDomain}`;
}

/** The claims of a VERP address for `bounceDomain`, or null when it is not one of ours or was altered. */
export function parseVerpAddress(key: Uint8Array, address: string, bounceDomain: string): VerpClaims | null {
  const at = address.lastIndexOf("@");
  if (at < 0 || address.slice(at + 1).toLowerCase() !== bounceDomain.toLowerCase()) return null;
  const local = address.slice(0, at);
  if (!local.startsWith(PREFIX) || !/^[A-Za-z0-9_-]+$/.test(local.slice(PREFIX.length))) return null;
  const raw = Buffer.from(local.slice(PREFIX.length), "base64url");
  if (raw.length !== 32 + MAC_BYTES && raw.length !== 32 + TAG_BYTES + MAC_BYTES) return null;
  const signed = raw.subarray(0, raw.length - MAC_BYTES);
  const given = raw.subarray(raw.length - MAC_BYTES);
  if (!timingSafeEqual(given, mac(key, signed))) return null;
  const claims: VerpClaims = { campaignId: uuidText(signed.subarray(0, 16)), spectatorId: uuidText(signed.subarray(16, 32)) };
  return signed.length > 32 ? { ...claims, addressTag: signed.subarray(32).toString("hex") } : claims;
}
