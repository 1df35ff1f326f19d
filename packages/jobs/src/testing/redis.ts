// Test helpers: every test run works under its own queue prefix on the real Redis and removes its
// keys afterwards, so runs in parallel (or a developer's running worker) never see each other.
import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";

export function testRedisUrl(): string {
  return process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
}

export function uniqueQueuePrefix(label = "test"): string {
  return `rappel-${label}-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
}

/** Deletes every key under `prefix` (BullMQ keys are `<prefix>:<queue>:…`). */
export async function removeQueuePrefix(connection: Redis, prefix: string): Promise<number> {
  let cursor = "0";
  let removed = 0;
  do {
    const [next, keys] = await connection.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 500);
    cursor = next;
    if (keys.length > 0) removed += await connection.del(...keys);
  } while (cursor !== "0");
  return removed;
}
