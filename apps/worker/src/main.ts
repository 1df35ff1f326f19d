// Worker entry point: `pnpm --filter @rappel/worker start`.
// Exit codes: 0 after a graceful shutdown, 1 when start-up fails or shutdown cannot complete.
import { loadEnv } from "@rappel/config";
import { assertSafeAppRole } from "@rappel/db";
import { CliOptionsError, parseCliOptions, type TCliOptions } from "./cli-options";
import { systemClock } from "./clock";
import { createLogger, errorFields, type Logger } from "./logger";
import { jobHandlers } from "./registry";
import { startWorkerProcess, type WorkerProcess } from "./worker-process";

// Beyond the grace period, releasing jobs and closing connections get this long before we give up.
const SHUTDOWN_OVERRUN_MS = 15_000;

function parseCliOrExit(logger: Logger, defaults: Partial<TCliOptions>): TCliOptions {
  try {
    return parseCliOptions(process.argv.slice(2), defaults);
  } catch (error) {
    if (error instanceof CliOptionsError) {
      logger.error("invalid command-line options", errorFields(error));
      process.exit(1);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const env = loadEnv();
  const logger = createLogger({
    level: env.LOG_LEVEL,
    bindings: { service: "worker", pid: process.pid },
  });
  const cli = parseCliOrExit(logger, {
    queuePrefix: env.QUEUE_PREFIX,
    shutdownGraceMs: env.WORKER_SHUTDOWN_GRACE_MS,
  });

  // Signals are handled from the start: a SIGTERM that arrives while the worker is still starting
  // (jobs may already be running) waits for start-up to finish, then shuts down the same way.
  const state: { started?: Promise<WorkerProcess> } = {};
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (signalled) {
      logger.info("already shutting down", { signal });
      return;
    }
    signalled = true;
    logger.info("signal received", { signal });
    setTimeout(() => {
      logger.error("shutdown did not finish in time, exiting", { overrunMs: SHUTDOWN_OVERRUN_MS });
      process.exit(1);
    }, cli.shutdownGraceMs + SHUTDOWN_OVERRUN_MS).unref();
    if (!state.started) process.exit(0); // nothing started yet: nothing to drain
    state.started
      .then((worker) => worker.shutdown(signal))
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error("shutdown failed", errorFields(error, { stack: true }));
          process.exit(1);
        },
      );
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);

  // Refuse to run as a role that could escape row-level security.
  await assertSafeAppRole(env.DATABASE_URL);
  state.started = startWorkerProcess({
    env,
    cli,
    handlers: jobHandlers,
    clock: systemClock,
    logger,
  });
  await state.started;
}

main().catch((error: unknown) => {
  // Config errors exit inside loadEnv with their own message; anything else is one JSON line.
  process.stderr.write(
    `${JSON.stringify({ level: "error", time: new Date().toISOString(), msg: "worker failed to start", ...errorFields(error, { stack: true }) })}\n`,
  );
  process.exit(1);
});
