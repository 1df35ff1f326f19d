// The contract between the worker runtime and one job kind. A handler gets its dependencies
// injected (database, clock, logger) and an abort signal raised when shutdown runs out of grace,
// so tests call it directly and the runtime can release it.
import type { Database } from "@rappel/db";
import type { JobProducer, TJobKind, TJobPayload } from "@rappel/jobs";
import type { RepeatOptions } from "bullmq";
import type { Clock } from "./clock";
import type { Logger } from "./logger";

export interface JobDependencies {
  db: Database;
  clock: Clock;
  /** The worker's own queues, for handlers that enqueue or inspect jobs (maintenance sweeps). */
  producer?: JobProducer;
}

export interface JobContext extends JobDependencies {
  /** Already bound to the job id, queue and kind. */
  logger: Logger;
  /** Aborted when the worker must stop before the job finished; the job is then retried later. */
  signal: AbortSignal;
}

export interface JobSchedule<K extends TJobKind> {
  /** Stable id: re-registering the same id updates the scheduler instead of adding one. */
  id: string;
  repeat: Pick<RepeatOptions, "pattern" | "tz" | "every">;
  payload: TJobPayload<K>;
}

export interface JobHandler<K extends TJobKind = TJobKind> {
  kind: K;
  /** Upper bound of parallel jobs of this kind's queue in one process (default from config). */
  concurrency?: number;
  schedules?: JobSchedule<K>[];
  /** Returns a small JSON-serialisable summary (stored by BullMQ as the job's return value). */
  handle(payload: TJobPayload<K>, context: JobContext): Promise<unknown>;
}

/** Keeps each handler's payload type checked where it is defined. */
export function defineJobHandler<K extends TJobKind>(handler: JobHandler<K>): JobHandler<K> {
  return handler;
}
