// Signed tracking links. A token names (tenant, campaign, spectator[, link]) and carries an
// HMAC-SHA256 over them, so the public endpoints trust no parameter they did not sign. Click
// links carry the destination inside the signed token: there is no open redirect to abuse.
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";

export type TTrackingKind = "open" | "click" | "unsubscribe";

export interface TrackingClaims {
  kind: TTrackingKind;
  tenantId: string;
  campaignId: string;
  spectatorId: string;
  /** Click only: the destination and the link's position. */
  url?: string;
  link?: number;
}

/** Derives the tracking key from the master key, so no extra secret needs configuring. */
export function deriveTrackingKey(masterKey: Uint8Array): Buffer {
  return Buffer.from(hkdfSync("sha256", masterKey, Buffer.alloc(0), "rappel:tracking-links:v1", 32));
}

const b64 = (b: Buffer | string) => Buffer.from(b).toString("base64url");

export function signTrackingToken(key: Uint8Array, claims: TrackingClaims): string {
  const body = b64(JSON.stringify([claims.kind, claims.tenantId, claims.campaignId, claims.spectatorId, claims.url ?? null, claims.link ?? null]));
  const mac = createHmac("sha256", key).update(body).digest().subarray(0, 16);
  return `${body}.${b64(mac)}`;
}

export class InvalidTrackingTokenError extends Error {
  readonly status = 404;
  constructor() {
    super("this link is not valid (it may have been altered)");
    this.name = "InvalidTrackingTokenError";
  }
}

export function verifyTrackingToken(key: Uint8Array, token: string, kind: TTrackingKind): TrackingClaims {
  const [body, mac] = token.split(".");
  if (!body || !mac) throw new InvalidTrackingTokenError();
  const expected = createHmac("sha256", key).update(body).digest().subarray(0, 16);
  const given = Buffer.from(mac, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new InvalidTrackingTokenError();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    throw new InvalidTrackingTokenError();
  }
  if (!Array.isArray(parsed) || parsed[0] !== kind) throw new InvalidTrackingTokenError();
  const [, tenantId, campaignId, spectatorId, url, link] = parsed as [string, string, string, string, string | null, number | null];
  if (kind === "click" && (typeof url !== "string" || !/^https?:\/\//i.test(url))) throw new InvalidTrackingTokenError();
  return { kind, tenantId, campaignId, spectatorId, ...(url ? { url } : {}), ...(link !== null ? { link } : {}) };
}

/** Opens fetched by machines (Apple Mail Privacy Protection, Gmail's image proxy prefetch,
 * security scanners) are counted apart from human opens. */
export function isMachineOpen(userAgent: string | null | undefined, ip?: string | null): boolean {
  const ua = userAgent ?? "";
  if (!ua) return true;
  // Apple MPP fetches with a bare "Mozilla/5.0" user agent from Apple's proxy ranges (17.0.0.0/8).
  if (ip && /^17\./.test(ip)) return true;
  if (/^Mozilla\/5\.0$/.test(ua.trim())) return true;
  return /bot|crawler|spider|preview|scanner|barracuda|proofpoint|mimecast|python|curl|wget|HeadlessChrome/i.test(ua);
}
