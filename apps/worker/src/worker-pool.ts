// Runs one BullMQ Worker per queue that has at least one handler, dispatching by job name (the
// job kind). Closing stops fetching, lets active jobs finish within a grace period, then releases
// the ones still running back to the wait list (not failed, not lost) so another worker retries.
import {
  JOB_KINDS,
  JobPayloadError,
  UnknownJobKindError,
  parseJobPayload,
  type TQueueName,
} from "@rappel/jobs";
import { UnrecoverableError, WaitingError, Worker, type Job } from "bullmq";
import type { Redis } from "ioredis";
import type { JobDependencies, JobHandler } from "./job-handler";
import { createThrottle, errorFields, type Logger } from "./logger";

export interface WorkerPoolOptions {
  connection: Redis;
  prefix: string;
  handlers: readonly JobHandler[];
  deps: JobDependencies;
  logger: Logger;
  /** Default parallelism per queue; a handler may ask for less. */
  concurrency: number;
}

export interface QueueWorkerStatus {
  queue: TQueueName;
  kinds: string[];
  running: boolean;
  concurrency: number;
  activeJobs: number;
}

export interface CloseReport {
  /** Jobs handed back to the queue because the grace period ran out. */
  released: number;
  /** True when the workers could not be closed cleanly within grace + release window. */
  timedOut: boolean;
}

// After the grace period: time allowed to hand released jobs back to Redis and close.
const RELEASE_WINDOW_MS = 5_000;

/** True when the promise settled within `ms`. */
async function bounded(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise.then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export interface WorkerPool {
  status(): QueueWorkerStatus[];
  /** Resolves when every worker is closed; jobs still running after graceMs are released. */
  close(graceMs: number): Promise<CloseReport>;
}

type Outcome = { kind: "done"; value: unknown } | { kind: "released" };

function groupByQueue(handlers: readonly JobHandler[]): Map<TQueueName, Map<string, JobHandler>> {
  const groups = new Map<TQueueName, Map<string, JobHandler>>();
  for (const handler of handlers) {
    const queue = JOB_KINDS[handler.kind].queue;
    const kinds = groups.get(queue) ?? new Map<string, JobHandler>();
    if (kinds.has(handler.kind))
      throw new Error(`two handlers registered for job kind "${handler.kind}"`);
    kinds.set(handler.kind, handler);
    groups.set(queue, kinds);
  }
  return groups;
}

export function startWorkerPool(options: WorkerPoolOptions): WorkerPool {
  /** Running jobs by `queue/jobId`, each with the controller that releases it. */
  const active = new Map<string, AbortController>();
  let released = 0;
  let closing = false;
  const throttle = createThrottle(10_000);
  const workers: { queue: TQueueName; kinds: string[]; worker: Worker }[] = [];

  async function processJob(
    queue: TQueueName,
    handlers: Map<string, JobHandler>,
    job: Job,
    token?: string,
  ): Promise<unknown> {
    const log = options.logger.child({
      queue,
      jobId: job.id,
      kind: job.name,
      attempt: job.attemptsMade + 1,
    });
    const handler = handlers.get(job.name);
    if (!handler) {
      log.error("no handler for this job kind on this queue");
      throw new UnrecoverableError(new UnknownJobKindError(job.name).message);
    }
    let payload: unknown;
    try {
      payload = parseJobPayload(handler.kind, job.data);
    } catch (error) {
      // Retrying cannot fix a malformed payload; fail it for good and say why.
      if (error instanceof JobPayloadError) {
        log.error("job payload rejected", { error: error.message });
        throw new UnrecoverableError(error.message);
      }
      throw error;
    }
    if (closing) {
      // A fetch already in flight when close() began can still hand us a job; give it back.
      await job.moveToWait(token);
      log.debug("job handed back: worker is closing");
      throw new WaitingError();
    }
    const key = `${queue}/${job.id ?? ""}`;
    const release = new AbortController();
    active.set(key, release);
    const startedAt = Date.now();
    log.info("job started");
    try {
      // `payload` was just validated against this handler's own kind.
      const work = handler.handle(payload as never, {
        ...options.deps,
        logger: log,
        signal: release.signal,
      });
      const releasedSignal = new Promise<Outcome>((resolve) => {
        release.signal.addEventListener("abort", () => resolve({ kind: "released" }), {
          once: true,
        });
      });
      let outcome: Outcome;
      try {
        outcome = await Promise.race([
          work.then((value): Outcome => ({ kind: "done", value })),
          releasedSignal,
        ]);
      } catch (error) {
        // A handler that stops because of the release signal is released, not failed.
        if (!release.signal.aborted) throw error;
        outcome = { kind: "released" };
      }
      if (outcome.kind === "done") {
        log.info("job completed", { durationMs: Date.now() - startedAt });
        return outcome.value;
      }
      // The handler may still be running; its outcome no longer matters (handlers are idempotent).
      work.catch(() => undefined);
      await job.moveToWait(token);
      released += 1;
      log.warn("job released back to the queue at shutdown", {
        durationMs: Date.now() - startedAt,
      });
      // Tells BullMQ the job was moved on purpose: neither completed nor failed.
      throw new WaitingError();
    } catch (error) {
      if (error instanceof WaitingError) throw error;
      const attempts = job.opts.attempts ?? 1;
      log.error("job failed", {
        ...errorFields(error, { stack: true }),
        willRetry: job.attemptsMade + 1 < attempts,
        durationMs: Date.now() - startedAt,
      });
      throw error;
    } finally {
      active.delete(key);
    }
  }

  for (const [queue, handlers] of groupByQueue(options.handlers)) {
    const kinds = [...handlers.keys()];
    const limits = [...handlers.values()].map((h) => h.concurrency ?? options.concurrency);
    const concurrency = Math.max(1, Math.min(options.concurrency, ...limits));
    const worker = new Worker(queue, (job, token) => processJob(queue, handlers, job, token), {
      connection: options.connection,
      prefix: options.prefix,
      concurrency,
      name: `rappel-worker:${queue}`,
    });
    // Without a listener an "error" event would crash the process; connection errors repeat
    // while Redis is down, so they are logged at warn and the health check reports the outage.
    worker.on("error", (error) => {
      if (throttle(`worker:${queue}`))
        options.logger.warn("queue worker error", { queue, ...errorFields(error) });
    });
    workers.push({ queue, kinds, worker });
    options.logger.info("queue worker started", { queue, kinds: kinds.join(","), concurrency });
  }

  return {
    status() {
      return workers.map(({ queue, kinds, worker }) => ({
        queue,
        kinds,
        running: worker.isRunning(),
        concurrency: worker.concurrency,
        activeJobs: [...active.keys()].filter((k) => k.startsWith(`${queue}/`)).length,
      }));
    },
    async close(graceMs) {
      closing = true;
      // With Redis unreachable and nothing running there is nothing to finish, and BullMQ's
      // graceful close would wait for a connection that may never come back.
      if (active.size === 0 && options.connection.status !== "ready") {
        options.logger.warn("redis unavailable at shutdown, closing queue workers at once");
        await bounded(
          Promise.all(workers.map(({ worker }) => worker.close(true))),
          RELEASE_WINDOW_MS,
        );
        return { released, timedOut: false };
      }
      const closed = Promise.all(workers.map(({ worker }) => worker.close()));
      const timer = setTimeout(() => {
        if (active.size === 0) return;
        options.logger.warn("shutdown grace period over, releasing active jobs", {
          activeJobs: active.size,
          graceMs,
        });
        for (const release of active.values()) release.abort(new Error("worker shutting down"));
      }, graceMs);
      try {
        const finished = await bounded(closed, graceMs + RELEASE_WINDOW_MS);
        if (!finished) {
          // Typically Redis went away mid-shutdown. Jobs still marked active in Redis are not
          // lost: their lock expires and BullMQ's stalled-job check puts them back in the queue.
          options.logger.warn(
            "queue workers did not close in time; unfinished jobs will be recovered as stalled",
            {
              activeJobs: active.size,
            },
          );
        }
        return { released, timedOut: !finished };
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
