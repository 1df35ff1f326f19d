// Throttling against the real Redis (127.0.0.1:6379), each test in its own key namespace.
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SignInThrottle } from "./throttle";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
let redis: Redis;
const prefixes: string[] = [];

function throttle(overrides: Partial<ConstructorParameters<typeof SignInThrottle>[0]> = {}): SignInThrottle {
  const keyPrefix = `rappel-test:${randomBytes(6).toString("hex")}`;
  prefixes.push(keyPrefix);
  return new SignInThrottle({
    redis,
    keyPrefix,
    email: { points: 3, windowSeconds: 60, lockSeconds: 120 },
    ip: { points: 5, windowSeconds: 60, lockSeconds: 300 },
    ...overrides,
  });
}

beforeAll(async () => {
  redis = new Redis(REDIS_URL);
  await redis.ping();
});

afterAll(async () => {
  for (const prefix of prefixes) {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
  }
  await redis.quit();
});

describe("sign-in throttle", () => {
  it("locks an e-mail after its allowed failures and says for how long", async () => {
    const t = throttle();
    const key = { email: "someone@example.test", ip: "10.0.0.1" };
    expect(await t.check(key)).toEqual({ locked: false });
    expect(await t.recordFailure(key)).toEqual({ locked: false });
    expect(await t.recordFailure(key)).toEqual({ locked: false });
    expect(await t.recordFailure(key)).toEqual({ locked: true, retryAfterSeconds: 120 });
    const verdict = await t.check(key);
    expect(verdict.locked).toBe(true);
    if (verdict.locked) {
      expect(verdict.retryAfterSeconds).toBeGreaterThan(100);
      expect(verdict.retryAfterSeconds).toBeLessThanOrEqual(120);
    }
    // The same e-mail from another address is still locked; another account is not.
    expect((await t.check({ ...key, ip: "10.0.0.2" })).locked).toBe(true);
    expect(await t.check({ email: "other@example.test", ip: "10.0.0.2" })).toEqual({ locked: false });
  });

  it("treats e-mails case-insensitively and keeps no address in Redis keys", async () => {
    const t = throttle();
    for (let i = 0; i < 3; i++) await t.recordFailure({ email: "Mixed.Case@Example.test", ip: `10.1.0.${i}` });
    expect((await t.check({ email: "mixed.case@example.test", ip: "10.1.0.9" })).locked).toBe(true);
    const keys = await redis.keys(`${prefixes.at(-1)}:*`);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.some((k) => k.toLowerCase().includes("mixed.case"))).toBe(false);
  });

  it("locks an IP that sprays many accounts", async () => {
    const t = throttle();
    for (let i = 0; i < 4; i++) expect((await t.recordFailure({ email: `a${i}@example.test`, ip: "10.2.0.1" })).locked).toBe(false);
    expect(await t.recordFailure({ email: "a5@example.test", ip: "10.2.0.1" })).toEqual({ locked: true, retryAfterSeconds: 300 });
    const fresh = await t.check({ email: "never-tried@example.test", ip: "10.2.0.1" });
    expect(fresh.locked).toBe(true);
    expect(await t.check({ email: "never-tried@example.test", ip: "10.2.0.2" })).toEqual({ locked: false });
  });

  it("forgets an account's failures after a success", async () => {
    const t = throttle();
    const key = { email: "forgetful@example.test", ip: "10.3.0.1" };
    await t.recordFailure(key);
    await t.recordFailure(key);
    await t.recordSuccess(key);
    expect(await t.recordFailure(key)).toEqual({ locked: false });
    expect(await t.recordFailure(key)).toEqual({ locked: false });
  });

  it("refuses a TOTP code used twice by the same user", async () => {
    const t = throttle();
    expect(await t.claimTotpCode("user-1", "123456")).toBe(true);
    expect(await t.claimTotpCode("user-1", "123456")).toBe(false);
    expect(await t.claimTotpCode("user-2", "123456")).toBe(true);
  });

  it("keeps throttling in memory when Redis is unreachable", async () => {
    // A client pointed at a closed port never becomes ready.
    const down = new Redis("redis://127.0.0.1:1", { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false });
    try {
      const t = new SignInThrottle({ redis: down, keyPrefix: "rappel-test:down", email: { points: 2, windowSeconds: 60, lockSeconds: 60 } });
      const key = { email: "offline@example.test", ip: "10.4.0.1" };
      await t.recordFailure(key);
      expect(await t.recordFailure(key)).toEqual({ locked: true, retryAfterSeconds: 60 });
      expect((await t.check(key)).locked).toBe(true);
      expect(await t.claimTotpCode("user-1", "654321")).toBe(true);
      expect(await t.claimTotpCode("user-1", "654321")).toBe(false);
    } finally {
      down.disconnect();
    }
  });
});
