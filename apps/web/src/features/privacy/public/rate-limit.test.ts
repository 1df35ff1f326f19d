// The public form's per-IP limit on the real Redis, with the client address taken the way the
// action takes it (X-Forwarded-For read through TRUSTED_PROXY_HOPS).
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedisConnection } from "@rappel/jobs";
import type { Redis } from "ioredis";
import { clientIp } from "@/server/client-ip";
import { createPublicFormLimiter, PUBLIC_FORM_POLICIES } from "./rate-limit";

let redis: Redis;
const prefix = `rl-test-${randomBytes(4).toString("hex")}`;
beforeAll(() => {
  redis = createRedisConnection(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", { role: "producer" });
});
afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

describe("public request form throttling", () => {
  it("refuses an address past its limit, per IP, while another client goes on", async () => {
    const allow = createPublicFormLimiter(redis, prefix);
    // One proxy in front: the client is the right-most entry; a forged left entry changes nothing.
    const attacker = clientIp(new Headers({ "x-forwarded-for": "1.2.3.4, 203.0.113.7" }), 1);
    const forged = clientIp(new Headers({ "x-forwarded-for": "9.9.9.9, 203.0.113.7" }), 1);
    expect(forged).toBe(attacker);
    for (let i = 0; i < PUBLIC_FORM_POLICIES.submit.points; i++) expect(await allow("submit", attacker)).toBe(true);
    expect(await allow("submit", forged)).toBe(false);
    expect(await allow("submit", clientIp(new Headers({ "x-forwarded-for": "198.51.100.2" }), 1))).toBe(true);
    // Scopes count apart: the code check is not used up by the submissions.
    expect(await allow("verify", attacker)).toBe(true);
  });
});
