// Invitation links. A token names its tenant (like the REST API keys do), so the public page can
// open the right tenant scope, plus 144 bits of HMAC over the invitation id with a key derived
// from the tenant's data key: unguessable, never stored (only its SHA-256 is), and derivable
// again by the worker for a reminder. Destroying the tenant's data key kills every link.
import { createHash, createHmac, hkdfSync } from "node:crypto";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SECRET_BYTES = 18;

export function deriveTokenKey(dataKey: Buffer): Buffer {
  return Buffer.from(hkdfSync("sha256", dataKey, Buffer.alloc(0), "rappel:survey-token:v1", 32));
}

export function createInvitationToken(tokenKey: Buffer, tenantId: string, invitationId: string): string {
  const tenant = Buffer.from(tenantId.replaceAll("-", ""), "hex");
  const secret = createHmac("sha256", tokenKey).update(invitationId).digest().subarray(0, SECRET_BYTES);
  return Buffer.concat([tenant, secret]).toString("base64url");
}

/** The tenant named by a token, or null when the token is malformed (→ "unknown link" page). */
export function readTokenTenant(token: string): string | null {
  if (!/^[A-Za-z0-9_-]{40,60}$/.test(token)) return null;
  const raw = Buffer.from(token, "base64url");
  if (raw.length !== 16 + SECRET_BYTES) return null;
  const hex = raw.subarray(0, 16).toString("hex");
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return UUID.test(id) ? id : null;
}

export function hashToken(token: string): Uint8Array<ArrayBuffer> {
  const digest = createHash("sha256").update(token).digest();
  const out = new Uint8Array(new ArrayBuffer(digest.length));
  out.set(digest);
  return out;
}

// Short links (/s/<code>, for the e-mail): 11 base62 characters of HMAC over the invitation id
// (65.5 bits, derivable again like the long token, never stored: only its SHA-256 is), then the
// tenant's link number in base62 (1–4 characters) so the page finds the tenant without a
// cross-tenant lookup, which row-level security forbids. See docs/decisions/0011.
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const SHORT_SECRET_CHARS = 11;
const SHORT_CODE = /^[0-9A-Za-z]{12,15}$/;

function base62(value: bigint, width = 0): string {
  let out = "";
  for (let v = value; v > 0n; v /= 62n) out = BASE62[Number(v % 62n)]! + out;
  return out.padStart(Math.max(width, 1), "0");
}

export function createShortCode(tokenKey: Buffer, linkNumber: number, invitationId: string): string {
  if (!Number.isSafeInteger(linkNumber) || linkNumber < 1) throw new Error(`invalid tenant link number ${linkNumber}`);
  const mac = createHmac("sha256", tokenKey).update(`short:${invitationId}`).digest();
  // 256 bits reduced modulo 62^11: the bias is below 2^-190.
  const secret = base62(BigInt(`0x${mac.toString("hex")}`) % 62n ** BigInt(SHORT_SECRET_CHARS), SHORT_SECRET_CHARS);
  return secret + base62(BigInt(linkNumber));
}

/** The tenant link number named by a short code, or null when the text is not a short code. */
export function readShortCodeLinkNumber(code: string): number | null {
  if (!SHORT_CODE.test(code)) return null;
  let n = 0;
  for (const c of code.slice(SHORT_SECRET_CHARS)) n = n * 62 + BASE62.indexOf(c);
  return n >= 1 ? n : null;
}
