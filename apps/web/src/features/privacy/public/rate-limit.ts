// Per-IP limits of the public request form: each submission e-mails a code to whatever address is
// typed, so someone must not use the form to flood mailboxes or guess codes. Counters in Redis
// (shared by every web process), built like the survey endpoints' limits; when Redis is down an
// in-memory limiter takes over rather than letting requests through. The client address comes
// from clientIp (TRUSTED_PROXY_HOPS decides which X-Forwarded-For entry is the client's).
import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from "rate-limiter-flexible";

export type PublicFormScope = "submit" | "verify";
export const PUBLIC_FORM_POLICIES: Record<PublicFormScope, { points: number; duration: number }> = {
  submit: { points: 5, duration: 600 },
  verify: { points: 20, duration: 600 },
};

export function createPublicFormLimiter(storeClient: Redis, keyPrefix = "rl:privacy-form") {
  const limiters = new Map<PublicFormScope, RateLimiterAbstract>();
  const limiter = (scope: PublicFormScope) => {
    let found = limiters.get(scope);
    if (!found) {
      const policy = PUBLIC_FORM_POLICIES[scope];
      found = new RateLimiterRedis({
        storeClient,
        keyPrefix: `${keyPrefix}:${scope}`,
        ...policy,
        rejectIfRedisNotReady: true,
        insuranceLimiter: new RateLimiterMemory({ keyPrefix: `${keyPrefix}:${scope}:mem`, ...policy }),
      });
      limiters.set(scope, found);
    }
    return found;
  };
  /** True when this client may go on; false once it is over the scope's limit. */
  return async function allow(scope: PublicFormScope, ip: string): Promise<boolean> {
    try {
      await limiter(scope).consume(ip);
      return true;
    } catch (error) {
      if (error instanceof Error) throw error; // a real failure, not a "limit reached" verdict
      return false;
    }
  };
}
