// Typed producers: the only way the apps put work on a queue. The payload is validated before it
// reaches Redis, and the queue is derived from the job kind, so a caller cannot misroute a job.
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { z } from "zod";
import {
  JOB_KINDS,
  parseJobPayload,
  type TJobKind,
  type TJobPayload,
  type TVerifyAuditChainsPayload,
  type TImportFilePayload,
  type TPrivacyPurgeRunPayload,
  type TPrivacyOffboardingStepPayload,
  type TPrivacyRotateMasterKeyPayload,
  type TPrivacyRequestForwardPayload,
  type TPrivacyRequestExtensionNoticePayload,
} from "./payloads";
import { DEFAULT_QUEUE_PREFIX, QUEUES, type TQueueName } from "./queues";
import { JobPayloadError } from "./errors";

export type QueueErrorListener = (error: Error, queue: TQueueName) => void;

/** Creates one BullMQ Queue handle for a known queue, with its default job options. */
export function openQueue(
  name: TQueueName,
  connection: Redis,
  prefix = DEFAULT_QUEUE_PREFIX,
  onError?: QueueErrorListener,
): Queue {
  const queue = new Queue(name, {
    connection,
    prefix,
    defaultJobOptions: QUEUES[name].defaultJobOptions,
  });
  // Connection errors also reject the call that hit them; without a listener BullMQ would print
  // each one raw to stderr while Redis is down.
  queue.on("error", (error) => onError?.(error, name));
  return queue;
}

export interface JobProducer {
  readonly prefix: string;
  queue(name: TQueueName): Queue;
  /** Closes the queue handles; the Redis connection belongs to the caller. */
  close(): Promise<void>;
}

export function createJobProducer(
  connection: Redis,
  options: { prefix?: string; onError?: QueueErrorListener } = {},
): JobProducer {
  const prefix = options.prefix ?? DEFAULT_QUEUE_PREFIX;
  const open = new Map<TQueueName, Queue>();
  return {
    prefix,
    queue(name) {
      let queue = open.get(name);
      if (!queue) {
        queue = openQueue(name, connection, prefix, options.onError);
        open.set(name, queue);
      }
      return queue;
    },
    async close() {
      await Promise.all([...open.values()].map((q) => q.close()));
      open.clear();
    },
  };
}

// BullMQ refuses integer-looking custom ids and uses ":" as its key separator.
const ZEnqueueOptions = z.strictObject({
  jobId: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,200}$/, "must be 1–200 letters, digits, '_', '.' or '-'")
    .refine((v) => !/^\d+$/.test(v), "must not be a bare integer")
    .optional(),
  delayMs: z.number().int().min(0).optional(),
});
export type TEnqueueOptions = z.infer<typeof ZEnqueueOptions>;

export interface EnqueuedJob {
  id: string;
  queue: TQueueName;
  kind: TJobKind;
}

/** Validates and enqueues a job of `kind` on its queue. A repeated `jobId` is a no-op in BullMQ. */
export async function enqueueJob<K extends TJobKind>(
  producer: JobProducer,
  kind: K,
  payload: TJobPayload<K>,
  options: TEnqueueOptions = {},
): Promise<EnqueuedJob> {
  const data = parseJobPayload(kind, payload);
  const parsedOptions = ZEnqueueOptions.safeParse(options);
  if (!parsedOptions.success) {
    throw new JobPayloadError(
      kind,
      parsedOptions.error.issues.map(
        (i) => `options.${i.path.map(String).join(".")}: ${i.message}`,
      ),
    );
  }
  const { jobId, delayMs } = parsedOptions.data;
  const queueName = JOB_KINDS[kind].queue;
  const job = await producer.queue(queueName).add(kind, data, {
    ...(jobId ? { jobId } : {}),
    ...(delayMs ? { delay: delayMs } : {}),
  });
  if (!job.id) throw new Error(`BullMQ returned no id for a "${kind}" job`);
  return { id: job.id, queue: queueName, kind };
}

export function enqueueVerifyAuditChains(
  producer: JobProducer,
  payload: TVerifyAuditChainsPayload,
  options?: TEnqueueOptions,
): Promise<EnqueuedJob> {
  return enqueueJob(producer, "verify-audit-chains", payload, options);
}

/**
 * Enqueues the processing of an import whose mapping was confirmed. The job id is derived from the
 * import id, so a double click or a retried request does not queue the same import twice.
 */
export function enqueueImportFile(
  producer: JobProducer,
  payload: TImportFilePayload,
  options: Omit<TEnqueueOptions, "jobId"> & {
    /**
     * A later run of the same import (staff retry after a failure): BullMQ keeps a failed job
     * for a while, and the same id would make the new enqueue a no-op. Runs are numbered from 1.
     */
    run?: number;
  } = {},
): Promise<EnqueuedJob> {
  const { run, ...rest } = options;
  const suffix = run && run > 1 ? `-run${Math.floor(run)}` : "";
  return enqueueJob(producer, "import-file", payload, { ...rest, jobId: `import-${payload.importId}${suffix}` });
}

/** Enqueues an approved purge; the run id is the job id, so a double approval queues it once. */
export function enqueuePrivacyPurgeRun(producer: JobProducer, payload: TPrivacyPurgeRunPayload): Promise<EnqueuedJob> {
  return enqueueJob(producer, "privacy-purge-run", payload, { jobId: `purge-${payload.runId}` });
}

/**
 * One offboarding step. The job id names the record and its attempt count, so a double click is
 * one job while a retry after a failure (attempts incremented) is a new one.
 */
export function enqueueOffboardingStep(
  producer: JobProducer,
  step: "export" | "destroy",
  payload: TPrivacyOffboardingStepPayload,
  attempt: number,
): Promise<EnqueuedJob> {
  const kind = step === "export" ? "privacy-offboarding-export" : "privacy-offboarding-destroy";
  return enqueueJob(producer, kind, payload, { jobId: `offboarding-${step}-${payload.offboardingId}-${attempt}` });
}

/** A master key rotation (idempotent; the handler runs one at a time, concurrency 1). */
export function enqueueMasterKeyRotation(producer: JobProducer, payload: TPrivacyRotateMasterKeyPayload, options?: TEnqueueOptions): Promise<EnqueuedJob> {
  return enqueueJob(producer, "privacy-rotate-master-key", payload, options);
}

/**
 * One job per forward attempt (`attempt` 0 at intake, then the forward's attempts count on a
 * manual retry): BullMQ drops a repeated id, and the forward row keeps it to one e-mail anyway.
 */
export function enqueuePrivacyRequestForward(producer: JobProducer, payload: TPrivacyRequestForwardPayload, attempt = 0): Promise<EnqueuedJob> {
  return enqueueJob(producer, "privacy-request-forward", payload, { jobId: `dsr-forward-${payload.requestId}-${attempt}` });
}

/** One job per extension (a second extension is a new notice); the request row keeps it to one e-mail. */
export function enqueuePrivacyRequestExtensionNotice(producer: JobProducer, payload: TPrivacyRequestExtensionNoticePayload): Promise<EnqueuedJob> {
  return enqueueJob(producer, "privacy-request-extension-notice", payload, { jobId: `dsr-extension-${payload.requestId}-${payload.extensionMonths}` });
}
