// Abuse limits of the public survey endpoints: per link (someone hammering one invitation) and
// per client address (someone trying many links). Counters in Redis, shared by every web process;
// when Redis is down an in-memory limiter takes over rather than letting requests through.
import { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from "rate-limiter-flexible";
import { loadEnv } from "@rappel/config";

type Scope = "token-write" | "ip-read" | "ip-write";
const POLICIES: Record<Scope, { points: number; duration: number }> = {
  "token-write": { points: 40, duration: 600 },
  "ip-read": { points: 600, duration: 60 },
  "ip-write": { points: 200, duration: 60 },
};

const limiters = new Map<Scope, RateLimiterAbstract>();

// A connection of its own with auto-pipelining: the checks of every request arriving in the same
// tick leave in one socket write (under 50 concurrent clients the per-command writes were most of
// the limiter's cost). Kept apart from the app's shared connection, whose callers may not want it.
let pipelined: Redis | undefined;
function limitsRedis(): Redis {
  pipelined ??= new Redis(loadEnv().REDIS_URL, {
    connectionName: "rappel-web-survey-limits",
    connectTimeout: 5_000,
    maxRetriesPerRequest: 1,
    enableAutoPipelining: true,
  });
  return pipelined;
}

function limiter(scope: Scope): RateLimiterAbstract {
  let found = limiters.get(scope);
  if (!found) {
    const policy = POLICIES[scope];
    found = new RateLimiterRedis({
      storeClient: limitsRedis(),
      keyPrefix: `rl:survey:${scope}`,
      ...policy,
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix: `rl:survey:${scope}:mem`, ...policy }),
    });
    limiters.set(scope, found);
  }
  return found;
}

/**
 * True when the request may go on; false when one of its keys is over the limit. Each check is one
 * Lua call (rate-limiter-flexible's increment-and-expire script); the checks of a request are
 * issued in the same tick on the one auto-pipelined connection, so they travel as one round trip.
 */
export async function allowSurveyRequest(checks: { scope: Scope; key: string }[]): Promise<boolean> {
  try {
    await Promise.all(checks.map((c) => limiter(c.scope).consume(c.key)));
    return true;
  } catch (error) {
    if (error instanceof Error) throw error; // a real failure, not a "limit reached" verdict
    return false;
  }
}
