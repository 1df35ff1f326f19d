// Per-provider throttling shared by every worker process: a Redis-backed limiter of N messages
// per second per provider (the tenant's SMS account), so two workers sending the same tenant's
// campaign never exceed what the aggregator's contract allows (it would answer ESME_RTHROTTLED).
import type { Redis } from "ioredis";
import { RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";

export interface SmsThrottle {
  /** Resolves when one more message may leave through `provider` at `perSecond`. */
  take(provider: string, perSecond: number, signal?: AbortSignal): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createRedisSmsThrottle(redis: Redis, keyPrefix = "sms-throttle"): SmsThrottle {
  const limiters = new Map<number, RateLimiterRedis>();
  const limiterFor = (perSecond: number) => {
    let limiter = limiters.get(perSecond);
    if (!limiter) {
      // Keyed by rate too, so a changed setting starts a fresh window instead of a wrong one.
      limiter = new RateLimiterRedis({ storeClient: redis, keyPrefix: `${keyPrefix}:${perSecond}`, points: perSecond, duration: 1 });
      limiters.set(perSecond, limiter);
    }
    return limiter;
  };
  return {
    async take(provider, perSecond, signal) {
      for (;;) {
        if (signal?.aborted) throw new Error("aborted while waiting for the SMS throttle");
        try {
          await limiterFor(perSecond).consume(provider, 1);
          return;
        } catch (error) {
          if (!(error instanceof RateLimiterRes)) throw error;
          await sleep(Math.max(error.msBeforeNext, 5));
        }
      }
    },
  };
}
