// Queued work that mentions a person. When a spectator is erased, jobs still waiting in Redis must
// not carry their id any longer (a test send "as this spectator", for instance). The check is
// generic over payloads: any string value anywhere in a payload equal to one of the ids counts, so
// a job kind added later is covered without a list of "fields that hold a spectator id".
import type { Job, JobType } from "bullmq";
import { QUEUE_NAMES, type TQueueName } from "./queues";
import type { JobProducer } from "./producer";

/**
 * States in which a job has not started: it can still be removed safely. BullMQ 6 has no separate
 * "paused" list: a paused queue keeps its jobs in "waiting" (the test pauses a queue to prove it).
 */
export const PENDING_JOB_STATES = ["waiting", "delayed", "prioritized", "waiting-children"] as const satisfies readonly JobType[];

const PAGE = 500;

/** True when any value in `data` (nested objects and arrays included) is one of `ids`. */
export function payloadReferences(data: unknown, ids: ReadonlySet<string>): boolean {
  if (typeof data === "string") return ids.has(data);
  if (Array.isArray(data)) return data.some((item) => payloadReferences(item, ids));
  if (data && typeof data === "object") return Object.values(data).some((value) => payloadReferences(value, ids));
  return false;
}

export interface RemovedJobs {
  removed: number;
  byQueue: Partial<Record<TQueueName, number>>;
  /** Jobs that matched but had started meanwhile (their handler reloads the person and finds nobody). */
  skipped: number;
}

/**
 * Removes the pending jobs of every queue whose payload references one of `ids`. Jobs of another
 * tenant (a payload naming a different `tenantId`) are never touched.
 */
export async function removePendingJobsReferencing(producer: JobProducer, tenantId: string, ids: readonly string[]): Promise<RemovedJobs> {
  const result: RemovedJobs = { removed: 0, byQueue: {}, skipped: 0 };
  if (ids.length === 0) return result;
  const wanted = new Set(ids);
  for (const name of QUEUE_NAMES) {
    const queue = producer.queue(name);
    const matches: Job[] = [];
    // Collected first, removed after: removing while paging would shift the pages.
    for (let start = 0; ; start += PAGE) {
      const page = await queue.getJobs([...PENDING_JOB_STATES], start, start + PAGE - 1, true);
      for (const job of page) {
        if (!job) continue;
        const data = job.data as Record<string, unknown> | undefined;
        if (data && typeof data.tenantId === "string" && data.tenantId !== tenantId) continue;
        if (payloadReferences(data, wanted)) matches.push(job);
      }
      if (page.length < PAGE) break;
    }
    for (const job of matches) {
      try {
        await job.remove();
        result.removed += 1;
        result.byQueue[name] = (result.byQueue[name] ?? 0) + 1;
      } catch {
        result.skipped += 1; // locked by a worker: it started between the listing and now
      }
    }
  }
  return result;
}
