// Repeatable jobs live in Redis, which holds nothing that cannot be rebuilt: the schedules are
// declared in code (each handler's `schedules`) and upserted at every start-up. Upserting by a
// stable id is idempotent, so restarts never duplicate a schedule, and a Redis that lost its data
// gets them back on the next start. Schedulers found in Redis that no handler declares any more
// (renamed, or their handler removed) are deleted, so nothing fires jobs no one processes.
// Work that must survive a Redis loss is recorded in PostgreSQL first; its jobs are re-enqueued
// from there (by the handlers that later issues add), never kept only in a queue.
import { JOB_KINDS, QUEUE_NAMES, type JobProducer, type TQueueName } from "@rappel/jobs";
import type { JobHandler } from "./job-handler";
import type { Logger } from "./logger";

export interface SchedulerSync {
  upserted: string[];
  removed: string[];
}

export async function syncJobSchedulers(
  producer: JobProducer,
  handlers: readonly JobHandler[],
  logger: Logger,
): Promise<SchedulerSync> {
  const declared = new Map<TQueueName, Set<string>>();
  const upserted: string[] = [];
  for (const handler of handlers) {
    const queueName = JOB_KINDS[handler.kind].queue;
    for (const schedule of handler.schedules ?? []) {
      await producer.queue(queueName).upsertJobScheduler(schedule.id, schedule.repeat, {
        name: handler.kind,
        data: schedule.payload,
      });
      const ids = declared.get(queueName) ?? new Set<string>();
      ids.add(schedule.id);
      declared.set(queueName, ids);
      upserted.push(schedule.id);
      logger.info("job scheduler registered", {
        queue: queueName,
        scheduler: schedule.id,
        kind: handler.kind,
      });
    }
  }
  const removed: string[] = [];
  for (const queueName of QUEUE_NAMES) {
    const queue = producer.queue(queueName);
    for (const scheduler of await queue.getJobSchedulers()) {
      if (declared.get(queueName)?.has(scheduler.key)) continue;
      await queue.removeJobScheduler(scheduler.key);
      removed.push(scheduler.key);
      logger.warn("stale job scheduler removed", { queue: queueName, scheduler: scheduler.key });
    }
  }
  return { upserted, removed };
}
