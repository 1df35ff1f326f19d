// Every queue of the product, declared once so producers, the worker and the admin overview agree
// on names. A queue is declared before its first handler exists (the admin page shows it, empty);
// the worker only consumes queues for which it has registered a real handler.
import type { JobsOptions } from "bullmq";

export const QUEUE_NAMES = [
  "imports",
  "survey-dispatch",
  "email-send",
  "sms-send",
  "tracking",
  "privacy",
  "rollups",
  "maintenance",
] as const;

export type TQueueName = (typeof QUEUE_NAMES)[number];

export interface QueueDefinition {
  name: TQueueName;
  /** What belongs on this queue (shown on the admin page). */
  purpose: string;
  defaultJobOptions: JobsOptions;
}

// Redis holds no business data: completed jobs are kept only long enough to inspect, failed ones
// a little longer for the admin page. Retries back off exponentially; handlers are idempotent.
const retention: Pick<JobsOptions, "removeOnComplete" | "removeOnFail"> = {
  removeOnComplete: { age: 7 * 24 * 3600, count: 1000 },
  removeOnFail: { age: 30 * 24 * 3600, count: 5000 },
};

function define(name: TQueueName, purpose: string, options: JobsOptions = {}): QueueDefinition {
  return {
    name,
    purpose,
    defaultJobOptions: {
      attempts: 5,
      backoff: { type: "exponential", delay: 10_000 },
      ...retention,
      ...options,
    },
  };
}

export const QUEUES: Readonly<Record<TQueueName, QueueDefinition>> = {
  imports: define("imports", "ticketing and CRM imports (one job per import run)", { attempts: 3 }),
  "survey-dispatch": define(
    "survey-dispatch",
    "selecting who receives a post-show survey and creating the invitations",
  ),
  "email-send": define(
    "email-send",
    "sending one recorded e-mail delivery (send ledger keeps it exactly-once)",
    {
      attempts: 8,
    },
  ),
  "sms-send": define(
    "sms-send",
    "sending one recorded SMS delivery inside the allowed send window",
    { attempts: 8 },
  ),
  tracking: define(
    "tracking",
    "ingesting opens, clicks and unsubscribes recorded by the public endpoints",
  ),
  privacy: define("privacy", "retention purges, data-subject exports and tenant offboarding", {
    attempts: 3,
  }),
  rollups: define("rollups", "recomputing pseudonymous aggregates for dashboards"),
  maintenance: define(
    "maintenance",
    "platform housekeeping (audit chain verification, re-enqueueing from Postgres)",
    {
      attempts: 3,
    },
  ),
};

export function isQueueName(value: string): value is TQueueName {
  return (QUEUE_NAMES as readonly string[]).includes(value);
}

/** Namespaces every queue key in Redis; tests and parallel environments pass their own. */
export const DEFAULT_QUEUE_PREFIX = "rappel";
