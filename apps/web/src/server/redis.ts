// One Redis connection per process, for short-lived state (sign-in throttling) and reading queue
// states. "producer" connections fail fast: a request never hangs on an unreachable Redis.
import type { Redis } from "ioredis";
import { loadEnv } from "@rappel/config";
import { createRedisConnection } from "@rappel/jobs";

const holder = globalThis as typeof globalThis & { rappelRedis?: Redis };

export function getRedis(): Redis {
  holder.rappelRedis ??= createRedisConnection(loadEnv().REDIS_URL, { role: "producer", name: "rappel-web" });
  return holder.rappelRedis;
}
