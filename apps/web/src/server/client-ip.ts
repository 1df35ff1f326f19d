// The client's address for per-IP throttling. Each proxy in front of the app appends the address
// it saw to X-Forwarded-For, so only the right-most entries were written by machines we trust;
// anything to their left came from the client and may be forged. With `trustedHops` proxies, the
// client is the entry `trustedHops` from the right. `next start` reached directly only fills the
// header when it is absent (a forged one passes through): deploy behind a reverse proxy.
import { loadEnv } from "@rappel/config";

type HeaderBag = Record<string, string | string[] | undefined> | Headers | undefined;

export function clientIp(headers: HeaderBag, trustedHops: number = loadEnv().TRUSTED_PROXY_HOPS): string {
  const raw = headers instanceof Headers ? headers.get("x-forwarded-for") : headers?.["x-forwarded-for"];
  const value = Array.isArray(raw) ? raw.join(",") : raw;
  const entries = (value ?? "").split(",").map((entry) => entry.trim()).filter(Boolean);
  const chosen = entries[Math.max(0, entries.length - trustedHops)];
  return chosen ? chosen.slice(0, 64) : "unknown";
}
