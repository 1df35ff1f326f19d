// The BullMQ worker for the e2e run (imports need it): started with the app's environment, its
// own health port and log file; ready when /readyz answers 200; stopped with SIGTERM (graceful
// drain) and, if it overruns, SIGKILL.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const workerDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "worker");

export interface E2eWorker {
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function startWorker(env: NodeJS.ProcessEnv, healthPort: number, logPath: string, timeoutMs = 60_000): Promise<E2eWorker> {
  const tsxCli = require.resolve("tsx/cli");
  const log = createWriteStream(logPath);
  const child = spawn(process.execPath, [tsxCli, "src/main.ts"], {
    cwd: workerDir,
    env: { ...env, WORKER_HEALTH_PORT: String(healthPort), WORKER_SHUTDOWN_GRACE_MS: "5000" },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the worker exited with code ${child.exitCode} (see ${logPath})`);
    try {
      if ((await fetch(`http://127.0.0.1:${healthPort}/readyz`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the worker was not ready within ${timeoutMs / 1000} s (see ${logPath})`);
    await new Promise((r) => setTimeout(r, 300));
  }

  return {
    process: child,
    async stop() {
      if (child.exitCode !== null || !child.pid) return;
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        return; // already gone
      }
      const timer = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 25_000));
      if ((await Promise.race([exited, timer])) === "timeout") {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          // gone meanwhile
        }
      }
    },
  };
}
