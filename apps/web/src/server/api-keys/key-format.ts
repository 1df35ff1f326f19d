// API keys: `rpl_<tenant id, 32 hex>_<prefix, 8 chars>_<secret, 52 chars>`.
// The tenant id comes first so the key can be looked up inside that tenant's row-level security
// scope (the lookup never runs across tenants); the prefix names the key in the UI and finds its
// row; only a SHA-256 of the whole key is stored. A key carries 256 random bits, so a fast hash is
// enough (a slow password hash protects guessable secrets, which these are not).
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

export { API_KEY_SCOPES, ZApiKeyScope, type TApiKeyScope } from "./scopes";

const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
const PREFIX_CHARS = 8;
const SECRET_BYTES = 32;
const KEY_PATTERN = /^rpl_([0-9a-f]{32})_([a-z2-7]{8})_([a-z2-7]{52})$/;

/** RFC 4648 base32, lower case, no padding: no `_` or `-`, so the separators stay unambiguous. */
function base32(bytes: Uint8Array): string {
  let out = "";
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

function compactTenantId(tenantId: string): string {
  const compact = tenantId.replaceAll("-", "").toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(compact)) throw new Error("tenantId must be a UUID");
  return compact;
}

function expandTenantId(compact: string): string {
  return `${compact.slice(0, 8)}-${compact.slice(8, 12)}-${compact.slice(12, 16)}-${compact.slice(16, 20)}-${compact.slice(20)}`;
}

export interface NewApiKey {
  /** The whole key: shown once, never stored. */
  key: string;
  prefix: string;
  secretHash: string;
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

export function generateApiKey(tenantId: string, random: (n: number) => Uint8Array = randomBytes): NewApiKey {
  const prefix = base32(random(5)).slice(0, PREFIX_CHARS);
  const secret = base32(random(SECRET_BYTES));
  const key = `rpl_${compactTenantId(tenantId)}_${prefix}_${secret}`;
  return { key, prefix, secretHash: hashApiKey(key) };
}

export interface ParsedApiKey {
  tenantId: string;
  prefix: string;
  key: string;
}

/** Null when the text is not shaped like a key (no database work is done for it). */
export function parseApiKey(text: string): ParsedApiKey | null {
  const match = KEY_PATTERN.exec(text.trim());
  if (!match) return null;
  return { tenantId: expandTenantId(match[1]!), prefix: match[2]!, key: match[0] };
}

/** Constant-time comparison of the presented key's hash with the stored one. */
export function verifyApiKey(key: string, storedHash: string): boolean {
  const presented = Buffer.from(hashApiKey(key), "hex");
  const stored = Buffer.from(storedHash, "hex");
  // Both are 32-byte digests; a malformed stored value simply never matches.
  return stored.length === presented.length && timingSafeEqual(presented, stored);
}

/** The part of a key that may be shown again after creation, e.g. in the keys list. */
export function displayPrefix(prefix: string): string {
  return `rpl_…_${prefix}_…`;
}
