// Wires the worker process together: connections, queue workers, schedulers, health endpoint,
// and the ordered shutdown (stop fetching → finish or release jobs → close Redis and Prisma).
import type { TEnv } from "@rappel/config";
import { createDatabase, type Database } from "@rappel/db";
import { createJobProducer, createRedisConnection } from "@rappel/jobs";
import type { Redis } from "ioredis";
import { masterKeyFromEnv, type MasterKeyEnv } from "@rappel/personal-data";
import { createSmsRuntime, installSmsRuntime, type SmsRuntime } from "./sms/sms-runtime";
import { rebindOnSmsSettingsChange } from "./sms/sms-settings-listener";
import { createRedisSendThrottle } from "./throttle/send-throttle";
import { installRelayThrottle } from "./mail/campaign-transports";
import { closeSenders } from "./jobs/campaign-engine";
import type { TCliOptions } from "./cli-options";
import type { Clock } from "./clock";
import { startHealthServer, type HealthServer } from "./health";
import { startFeedbackReceiverFromEnv, type FeedbackReceiverEnv } from "./feedback/feedback-receiver";
import type { JobHandler } from "./job-handler";
import { createThrottle, errorFields, type Logger } from "./logger";
import { syncJobSchedulers } from "./schedulers";
import { startWorkerPool, type CloseReport, type WorkerPool } from "./worker-pool";

export interface WorkerProcessOptions {
  env: Pick<TEnv, "DATABASE_URL" | "REDIS_URL" | "WORKER_HEALTH_PORT" | "WORKER_CONCURRENCY"> & FeedbackReceiverEnv & Partial<MasterKeyEnv>;
  cli: TCliOptions;
  handlers: readonly JobHandler[];
  clock: Clock;
  logger: Logger;
}

export interface WorkerProcess {
  health: HealthServer;
  pool: WorkerPool;
  db: Database;
  /** Idempotent; a second call returns the first shutdown's promise. */
  shutdown(reason: string): Promise<CloseReport>;
}

/** Resolves to the promise's value, or to `fallback` when it takes longer than `ms`. */
async function bounded<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<T>((resolve) => (timer = setTimeout(() => resolve(fallback), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Logs a connection's errors at most once per interval: while Redis is down they repeat. */
function logConnectionErrors(connection: Redis, what: string, logger: Logger): void {
  const throttle = createThrottle(10_000);
  connection.on("error", (error: unknown) => {
    if (throttle(what))
      logger.warn("redis connection error", { connection: what, ...errorFields(error) });
  });
}

async function quitRedis(connection: Redis): Promise<void> {
  const quit = connection.quit().then(
    () => true,
    () => false,
  );
  if (!(await bounded(quit, 2_000, false))) connection.disconnect();
}

/**
 * How often every tenant's SMPP bind is checked against its settings: the safety net behind the
 * web app's settings-changed signal (re-binds after a drop also back off on their own).
 */
export const SMS_RECEIVERS_EVERY_MS = 60_000;
const SMS_FIRST_BIND_DELAY_MS = 3_000;

function startSmsService(options: WorkerProcessOptions, db: Database, redis: Redis): { stop(): Promise<void> } {
  const { env, logger } = options;
  if (!env.MASTER_KEY || !env.MASTER_KEY_ID) return { stop: async () => undefined };
  const runtime: SmsRuntime = createSmsRuntime({
    db, redis, master: masterKeyFromEnv({ ...env, MASTER_KEY: env.MASTER_KEY, MASTER_KEY_ID: env.MASTER_KEY_ID }), clock: options.clock, logger,
  });
  installSmsRuntime(runtime);
  // A subscribed connection takes no other command: one of its own for the settings signal.
  const subscriber = createRedisConnection(env.REDIS_URL, { role: "worker", name: "rappel-worker-settings" });
  logConnectionErrors(subscriber, "settings-subscriber", logger);
  void rebindOnSmsSettingsChange(runtime.gateway, subscriber, options.cli.queuePrefix, logger)
    .catch((error: unknown) => logger.warn("SMS settings signal not subscribed (the periodic scan still applies changes)", errorFields(error)));
  const bindAll = () =>
    void runtime.gateway.keepReceiversBound().catch((error: unknown) => logger.warn("SMS receivers not bound", errorFields(error)));
  // The first pass waits a little: start-up (queues, health server) goes first.
  const first = setTimeout(bindAll, SMS_FIRST_BIND_DELAY_MS);
  first.unref();
  const timer = setInterval(bindAll, SMS_RECEIVERS_EVERY_MS);
  timer.unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await quitRedis(subscriber);
      installSmsRuntime(null);
      await runtime.gateway.close();
    },
  };
}

export async function startWorkerProcess(options: WorkerProcessOptions): Promise<WorkerProcess> {
  const { env, cli, logger } = options;
  // A job holds one connection (one transaction per unit of work), except an import's rollup
  // refresh, which holds three (a coordinating transaction and two parts: decision 0024); plus the
  // probe. Connections are opened on demand, so the bound costs nothing until used.
  const db = createDatabase(env.DATABASE_URL, { max: env.WORKER_CONCURRENCY * 3 + 2 });
  const connection = createRedisConnection(env.REDIS_URL, {
    role: "worker",
    name: "rappel-worker",
  });
  const probe = createRedisConnection(env.REDIS_URL, {
    role: "probe",
    name: "rappel-worker-probe",
  });
  logConnectionErrors(connection, "worker", logger);
  logConnectionErrors(probe, "probe", logger);
  const queueErrors = createThrottle(10_000);
  const producer = createJobProducer(connection, {
    prefix: cli.queuePrefix,
    onError: (error, queue) => {
      if (queueErrors(queue)) logger.warn("queue error", { queue, ...errorFields(error) });
    },
  });

  // SMS: the providers' long-lived binds (receipts, inbound STOP) live in the worker process,
  // next to the jobs that send through them; absent without a master key (nothing to unseal).
  const sms = startSmsService(options, db, connection);
  // SMTP relays' messages-per-second limits hold across every worker process (the same
  // Redis-backed window as SMS providers, under its own prefix).
  installRelayThrottle(createRedisSendThrottle(connection, "smtp-throttle", "SMTP relay throttle"));

  const pool = startWorkerPool({
    connection,
    prefix: cli.queuePrefix,
    handlers: options.handlers,
    deps: { db, clock: options.clock, producer },
    logger,
    concurrency: env.WORKER_CONCURRENCY,
  });

  let shuttingDown = false;
  let health: HealthServer;
  try {
    health = await startHealthServer({
      port: env.WORKER_HEALTH_PORT,
      checks: {
        redis: async () => {
          await probe.ping();
        },
        postgres: async () => {
          await db.$queryRaw`SELECT 1`;
        },
      },
      workers: () => pool.status(),
      isShuttingDown: () => shuttingDown,
      logger,
    });
  } catch (error) {
    await pool.close(0);
    await sms.stop();
    await Promise.all([quitRedis(connection), quitRedis(probe), db.$disconnect()]);
    throw error;
  }

  // Bounces and complaints by SMTP (off unless FEEDBACK_SMTP_PORT is set).
  const feedback = await startFeedbackReceiverFromEnv(env, { db, clock: options.clock, producer }, logger).catch(async (error: unknown) => {
    await health.close();
    await pool.close(0);
    await Promise.all([quitRedis(connection), quitRedis(probe), db.$disconnect()]);
    throw error;
  });

  // Not awaited: with Redis down at start-up the worker still serves its (failing) health check,
  // and the commands go through as soon as Redis answers.
  void syncJobSchedulers(producer, options.handlers, logger).catch((error: unknown) =>
    logger.error("job schedulers could not be registered", errorFields(error, { stack: true })),
  );

  let stopping: Promise<CloseReport> | undefined;
  const shutdown = (reason: string): Promise<CloseReport> => {
    stopping ??= (async () => {
      shuttingDown = true;
      logger.info("shutting down", { reason, graceMs: cli.shutdownGraceMs });
      // Senders of bounces retry later: stop taking mail first.
      await bounded(feedback?.stop() ?? Promise.resolve(), 2_000, undefined);
      const report = await pool.close(cli.shutdownGraceMs);
      // The campaign senders' SMTP pools and group-commit connections, once no job uses them.
      await bounded(closeSenders(), 2_000, undefined);
      await bounded(sms.stop(), 3_000, undefined);
      await bounded(producer.close(), 2_000, undefined);
      await health.close();
      await Promise.all([quitRedis(connection), quitRedis(probe)]);
      // A handler released after the grace period may still hold a connection; do not wait for it.
      await bounded(db.$disconnect(), 2_000, undefined);
      logger.info("shutdown complete", { released: report.released, timedOut: report.timedOut });
      return report;
    })();
    return stopping;
  };

  logger.info("worker started", {
    queues: pool
      .status()
      .map((w) => w.queue)
      .join(","),
    prefix: cli.queuePrefix,
  });
  return { health, pool, db, shutdown };
}
