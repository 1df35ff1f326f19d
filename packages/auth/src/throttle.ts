// Sign-in throttling: failed attempts are counted per e-mail (stops guessing one account's
// password from many addresses) and per client IP (stops spraying many accounts from one
// place). Counters live in Redis so every web process shares them; when Redis is unavailable an
// in-memory limiter takes over (per process) rather than letting attempts through unthrottled.
import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract, type RateLimiterRes } from "rate-limiter-flexible";

export interface ThrottlePolicy {
  /** Failures allowed within the window; the next attempt is refused. */
  points: number;
  /** Window over which failures are counted, in seconds. */
  windowSeconds: number;
  /** How long an identity stays locked once it reached `points`, in seconds. */
  lockSeconds: number;
}

export const DEFAULT_THROTTLE = {
  email: { points: 5, windowSeconds: 15 * 60, lockSeconds: 15 * 60 },
  ip: { points: 30, windowSeconds: 60 * 60, lockSeconds: 30 * 60 },
} satisfies Record<"email" | "ip", ThrottlePolicy>;

export interface ThrottleKey {
  email: string;
  ip: string;
}

export type ThrottleVerdict = { locked: false } | { locked: true; retryAfterSeconds: number };

export interface SignInThrottleOptions {
  redis: Redis;
  /** Namespaces the Redis keys (tests use a unique one). */
  keyPrefix?: string;
  email?: ThrottlePolicy;
  ip?: ThrottlePolicy;
}

/** Keys carry a hash of the e-mail, not the address itself (Redis is not a place for identifiers). */
function emailKey(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("hex").slice(0, 32);
}

function isRateLimiterRes(value: unknown): value is RateLimiterRes {
  return typeof value === "object" && value !== null && "msBeforeNext" in value && "consumedPoints" in value;
}

class Counter {
  private readonly limiter: RateLimiterAbstract;

  constructor(
    redis: Redis,
    prefix: string,
    private readonly policy: ThrottlePolicy,
  ) {
    const common = { keyPrefix: prefix, points: policy.points, duration: policy.windowSeconds };
    this.limiter = new RateLimiterRedis({
      ...common,
      storeClient: redis,
      // Do not queue commands while Redis reconnects: fall back to memory at once.
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory(common),
    });
  }

  async verdict(key: string): Promise<ThrottleVerdict> {
    const res = await this.limiter.get(key);
    if (res && res.consumedPoints >= this.policy.points) {
      return { locked: true, retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) };
    }
    return { locked: false };
  }

  async fail(key: string): Promise<ThrottleVerdict> {
    let res: RateLimiterRes;
    try {
      res = await this.limiter.consume(key);
    } catch (rejection) {
      // consume rejects with the limiter's state once the points are used up.
      if (!isRateLimiterRes(rejection)) throw rejection;
      res = rejection;
    }
    if (res.consumedPoints >= this.policy.points) {
      // Reaching the limit starts a lock of its own length, whatever is left of the window.
      await this.limiter.block(key, this.policy.lockSeconds);
      return { locked: true, retryAfterSeconds: this.policy.lockSeconds };
    }
    return { locked: false };
  }

  async clear(key: string): Promise<void> {
    await this.limiter.delete(key);
  }
}

function later(a: ThrottleVerdict, b: ThrottleVerdict): ThrottleVerdict {
  if (!a.locked) return b;
  if (!b.locked) return a;
  return a.retryAfterSeconds >= b.retryAfterSeconds ? a : b;
}

export class SignInThrottle {
  private readonly byEmail: Counter;
  private readonly byIp: Counter;
  private readonly usedCodes: Map<string, number> = new Map();

  constructor(private readonly options: SignInThrottleOptions) {
    const prefix = options.keyPrefix ?? "rappel:signin";
    this.byEmail = new Counter(options.redis, `${prefix}:email`, options.email ?? DEFAULT_THROTTLE.email);
    this.byIp = new Counter(options.redis, `${prefix}:ip`, options.ip ?? DEFAULT_THROTTLE.ip);
  }

  private get prefix(): string {
    return this.options.keyPrefix ?? "rappel:signin";
  }

  /** Before checking a password: is this e-mail or IP locked out? */
  async check(key: ThrottleKey): Promise<ThrottleVerdict> {
    const [email, ip] = await Promise.all([this.byEmail.verdict(emailKey(key.email)), this.byIp.verdict(key.ip)]);
    return later(email, ip);
  }

  /** Counts a failed attempt against both the e-mail and the IP. */
  async recordFailure(key: ThrottleKey): Promise<ThrottleVerdict> {
    const [email, ip] = await Promise.all([this.byEmail.fail(emailKey(key.email)), this.byIp.fail(key.ip)]);
    return later(email, ip);
  }

  /** A successful sign-in forgets the account's failures (the IP's count stays). */
  async recordSuccess(key: ThrottleKey): Promise<void> {
    await this.byEmail.clear(emailKey(key.email));
  }

  /**
   * Marks a TOTP code as used by this user; false when it was already used (a replayed code).
   * Codes are valid for about 90 s (±1 step), so the mark lives that long.
   */
  async claimTotpCode(userId: string, code: string, ttlSeconds = 120): Promise<boolean> {
    const id = createHash("sha256").update(`${userId}:${code}`).digest("hex").slice(0, 32);
    const redis = this.options.redis;
    if (redis.status === "ready") {
      const set = await redis.set(`${this.prefix}:totp:${id}`, "1", "EX", ttlSeconds, "NX");
      return set === "OK";
    }
    // Redis down: remember in this process so a replay here is still refused.
    const now = Date.now();
    for (const [k, expires] of this.usedCodes) if (expires <= now) this.usedCodes.delete(k);
    if (this.usedCodes.has(id)) return false;
    this.usedCodes.set(id, now + ttlSeconds * 1000);
    return true;
  }
}
