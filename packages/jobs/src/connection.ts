// Redis connections for BullMQ. Workers block on Redis and must retry forever
// (`maxRetriesPerRequest: null`, which BullMQ requires); producers (the web app) should fail fast
// instead, so a request never hangs on an unreachable Redis — the intent is already in Postgres.
// Health probes must answer "down" at once rather than queue the command until Redis is back.
import { Redis } from "ioredis";

export type TRedisRole = "worker" | "producer" | "probe";

export function createRedisConnection(
  url: string,
  options: { role: TRedisRole; name?: string },
): Redis {
  const common = {
    connectionName: options.name ?? `rappel-${options.role}`,
    connectTimeout: 5_000,
  };
  if (options.role === "worker") return new Redis(url, { ...common, maxRetriesPerRequest: null });
  if (options.role === "probe")
    return new Redis(url, { ...common, maxRetriesPerRequest: 0, enableOfflineQueue: false });
  return new Redis(url, { ...common, maxRetriesPerRequest: 1 });
}
