// Queue states for the platform admin page (/admin/queues). Reads counts and recent failures only:
// never payloads, which the page has no reason to show.
import type { Redis } from "ioredis";
import { openQueue } from "./producer";
import { DEFAULT_QUEUE_PREFIX, QUEUE_NAMES, QUEUES, type TQueueName } from "./queues";

export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
  paused: number;
}

export interface QueueFailure {
  id: string;
  name: string;
  failedReason: string;
  /** When the last attempt failed, or null if BullMQ did not record it. */
  finishedOn: Date | null;
  attemptsMade: number;
}

export interface QueueOverview {
  name: TQueueName;
  purpose: string;
  counts: QueueCounts;
  isPaused: boolean;
  /** Workers connected to this queue; null when Redis does not allow listing clients. */
  workerCount: number | null;
  /** Most recent failures first. */
  recentFailures: QueueFailure[];
}

const MAX_REASON_LENGTH = 500;

export async function getQueueOverview(
  connection: Redis,
  options: { prefix?: string; failures?: number } = {},
): Promise<QueueOverview[]> {
  const prefix = options.prefix ?? DEFAULT_QUEUE_PREFIX;
  const failures = options.failures ?? 5;
  return Promise.all(
    QUEUE_NAMES.map(async (name) => {
      const queue = openQueue(name, connection, prefix);
      try {
        const [raw, isPaused, failed, workerCount] = await Promise.all([
          queue.getJobCounts("waiting", "prioritized", "active", "delayed", "failed", "completed"),
          queue.isPaused(),
          failures > 0 ? queue.getFailed(0, failures - 1) : Promise.resolve([]),
          queue.getWorkersCount().catch(() => null),
        ]);
        const count = (key: string): number => raw[key] ?? 0;
        // Prioritised jobs are waiting too (BullMQ keeps them in a separate set). A paused queue
        // keeps its jobs in the wait list; they are reported as paused, so the counts add up.
        const waiting = count("waiting") + count("prioritized");
        return {
          name,
          purpose: QUEUES[name].purpose,
          counts: {
            waiting: isPaused ? 0 : waiting,
            active: count("active"),
            delayed: count("delayed"),
            failed: count("failed"),
            completed: count("completed"),
            paused: isPaused ? waiting : 0,
          },
          isPaused,
          workerCount,
          recentFailures: failed.map((job) => ({
            id: job.id ?? "",
            name: job.name,
            failedReason: (job.failedReason ?? "").slice(0, MAX_REASON_LENGTH),
            finishedOn: job.finishedOn ? new Date(job.finishedOn) : null,
            attemptsMade: job.attemptsMade,
          })),
        } satisfies QueueOverview;
      } finally {
        await queue.close();
      }
    }),
  );
}
