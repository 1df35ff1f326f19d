// Queue states for the admin page, through @rappel/jobs. Redis being down is an expected state
// (jobs can be rebuilt from PostgreSQL), shown as such rather than as an error page.
import { loadEnv } from "@rappel/config";
import { getQueueOverview, type QueueOverview } from "@rappel/jobs";
import { getRedis } from "@/server/redis";

export type QueueStates = { available: true; queues: QueueOverview[] } | { available: false };

const TIMEOUT_MS = 3_000;

export async function readQueueStates(): Promise<QueueStates> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("queue overview timed out")), TIMEOUT_MS);
    });
    const prefix = loadEnv().QUEUE_PREFIX;
    return { available: true, queues: await Promise.race([getQueueOverview(getRedis(), { prefix }), timeout]) };
  } catch (error) {
    console.warn(JSON.stringify({ level: "warn", event: "admin.queues.unavailable", message: (error as Error).message }));
    return { available: false };
  } finally {
    clearTimeout(timer);
  }
}
