import { randomBytes } from "node:crypto";
import { testRedisUrl } from "@rappel/jobs/testing";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedisSendThrottle } from "./send-throttle";

let redis: Redis;
beforeAll(() => {
  redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: 2 });
});
afterAll(async () => {
  await redis.quit();
});

describe("createRedisSendThrottle", () => {
  it("lets N messages per second through, then waits for the next window", async () => {
    const throttle = createRedisSendThrottle(redis, `throttle-test-${randomBytes(4).toString("hex")}`, "SMTP relay throttle");
    const started = Date.now();
    for (let i = 0; i < 3; i++) await throttle.take("relay-a", 2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
  });

  it("names its own channel when the wait is aborted", async () => {
    const throttle = createRedisSendThrottle(redis, `throttle-test-${randomBytes(4).toString("hex")}`, "SMTP relay throttle");
    await throttle.take("relay-b", 1);
    const abort = new AbortController();
    const waiting = throttle.take("relay-b", 1, abort.signal);
    abort.abort();
    await expect(waiting).rejects.toThrow("aborted while waiting for the SMTP relay throttle");
  });
});
