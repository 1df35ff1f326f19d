// The client's address for per-IP throttling. `next start` fills x-forwarded-for with the socket
// address when no proxy set it; behind a reverse proxy, the proxy's value is used. A client can
// forge this header when it reaches Next directly, which is why the per-e-mail limit does not
// depend on it.
type HeaderBag = Record<string, string | string[] | undefined> | Headers | undefined;

export function clientIp(headers: HeaderBag): string {
  const raw = headers instanceof Headers ? headers.get("x-forwarded-for") : headers?.["x-forwarded-for"];
  const value = Array.isArray(raw) ? raw[0] : raw;
  const first = value?.split(",")[0]?.trim();
  return first ? first.slice(0, 64) : "unknown";
}
