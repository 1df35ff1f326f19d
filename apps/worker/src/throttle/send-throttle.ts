// Per-provider throttling for both channels: N messages per second per key (an SMS account, an
// SMTP relay), waiting for the next free slot. The Redis limiter is shared by every worker
// process, so two workers sending the same tenant's campaign never exceed what the provider's
// contract allows (an SMSC would answer ESME_RTHROTTLED, a relay 421).
import type { Redis } from "ioredis";
import { RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";

export interface SendThrottle {
  /** Resolves when one more message may leave through `key` at `perSecond`. */
  take(key: string, perSecond: number, signal?: AbortSignal): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `newLimiter` makes the window for one rate (Redis to share it between processes, memory within
 * one). Keyed by rate too, so a changed setting starts a fresh window instead of a wrong one.
 * `what` names the throttle in the abort message ("SMS throttle", "SMTP relay throttle").
 */
export function createSendThrottle(newLimiter: (perSecond: number) => RateLimiterAbstract, what: string): SendThrottle {
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

/** The throttle shared between processes through Redis; `what` as for createSendThrottle. */
export function createRedisSendThrottle(redis: Redis, keyPrefix: string, what: string): SendThrottle {
  return createSendThrottle(
    (perSecond) => new RateLimiterRedis({ storeClient: redis, keyPrefix: `${keyPrefix}:${perSecond}`, points: perSecond, duration: 1 }),
    what,
  );
}
