// Per-provider throttling shared by every worker process: a Redis-backed limiter of N messages
// per second per provider (the tenant's SMS account), so two workers sending the same tenant's
// campaign never exceed what the aggregator's contract allows (it would answer ESME_RTHROTTLED).
import type { Redis } from "ioredis";
import { RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";

export interface SmsThrottle {
  /** Resolves when one more message may leave through `provider` at `perSecond`. */
  take(provider: string, perSecond: number, signal?: AbortSignal): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * N messages per second per key, waiting for the next free slot; `newLimiter` makes the window
 * for one rate (Redis to share it between processes, memory within one). Keyed by rate too, so
 * a changed setting starts a fresh window instead of a wrong one.
 */
export function createSendThrottle(newLimiter: (perSecond: number) => RateLimiterAbstract, what: string): SmsThrottle {
  const limiters = new Map<number, RateLimiterAbstract>();
  const limiterFor = (perSecond: number) => {
    let limiter = limiters.get(perSecond);
    if (!limiter) limiters.set(perSecond, (limiter = newLimiter(perSecond)));
    return limiter;
  };
  return {
    async take(key, perSecond, signal) {
      for (;;) {
        if (signal?.aborted) throw new Error(`aborted while waiting for the ${what}`);
        try {
          await limiterFor(perSecond).consume(key, 1);
          return;
        } catch (error) {
          if (!(error instanceof RateLimiterRes)) throw error;
          await sleep(Math.max(error.msBeforeNext, 5));
        }
      }
    },
  };
}

export function createRedisSmsThrottle(redis: Redis, keyPrefix = "sms-throttle"): SmsThrottle {
  return createSendThrottle(
    (perSecond) => new RateLimiterRedis({ storeClient: redis, keyPrefix: `${keyPrefix}:${perSecond}`, points: perSecond, duration: 1 }),
    "SMS throttle",
  );
}
