// Runs the real worker process (`tsx src/main.ts`, as `pnpm start` does) for end-to-end tests,
// pointed at the test database and a test queue prefix, and collects its JSON log lines.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { appDatabaseUrl, freePort, waitFor } from "./fixtures";

const workerDir = fileURLToPath(new URL("../..", import.meta.url));

export interface SpawnedWorker {
  child: ChildProcess;
  port: number;
  lines: Record<string, unknown>[];
  stderr: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  waitForLog(
    predicate: (line: Record<string, unknown>) => boolean,
    what: string,
  ): Promise<Record<string, unknown>>;
  get(path: string): Promise<{ status: number; body: Record<string, unknown> }>;
  /** Polls until the health server answers at all (any status). */
  waitForHealthServer(): Promise<void>;
}

export interface SpawnOptions {
  prefix: string;
  redisUrl: string;
  graceMs?: number;
  databaseUrl?: string;
  /** Extra or overriding environment variables. */
  env?: Record<string, string>;
}

/** Extra Node flags for the spawned worker (e.g. `--cpu-prof`, which NODE_OPTIONS refuses). */
function nodeArgs(): string[] {
  return (process.env.WORKER_NODE_ARGS ?? "").split(" ").filter(Boolean);
}

export async function spawnWorker(options: SpawnOptions): Promise<SpawnedWorker> {
  const port = await freePort();
  const args = ["src/main.ts", "--queue-prefix", options.prefix];
  if (options.graceMs !== undefined) args.push("--shutdown-grace-ms", String(options.graceMs));
  // tsx as a loader in this one process, not its CLI wrapper: the wrapper relays signals through
  // an IPC handshake with a 30 ms wait, and on a loaded machine it gave up and exited with 143.
  const child = spawn(process.execPath, [...nodeArgs(), "--import", "tsx", ...args], {
    cwd: workerDir,
    env: {
      ...process.env,
      NODE_ENV: "test",
      DATABASE_URL: options.databaseUrl ?? appDatabaseUrl(),
      REDIS_URL: options.redisUrl,
      WORKER_HEALTH_PORT: String(port),
      WORKER_CONCURRENCY: "2",
      LOG_LEVEL: "debug",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: Record<string, unknown>[] = [];
  const stderr: string[] = [];
  let buffered = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    buffered += chunk;
    const parts = buffered.split("\n");
    buffered = parts.pop() ?? "";
    for (const part of parts) {
      if (!part.trim()) continue;
      try {
        lines.push(JSON.parse(part) as Record<string, unknown>);
      } catch {
        lines.push({ level: "unparsed", msg: part });
      }
    }
  });
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => stderr.push(chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );

  const get = async (path: string) => {
    const response = await fetch(`http://127.0.0.1:${port}${path}`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  return {
    child,
    port,
    lines,
    stderr,
    exited,
    get,
    waitForLog: (predicate, what) =>
      waitFor(
        () => lines.find(predicate),
        `${what} (stderr: ${stderr.join("").slice(-500)})`,
        30_000,
      ),
    waitForHealthServer: async () => {
      await waitFor(
        async () => {
          if (child.exitCode !== null)
            throw new Error(`worker exited early: ${stderr.join("").slice(-1000)}`);
          return get("/healthz").then(
            () => true,
            () => undefined,
          );
        },
        "the health endpoint",
        30_000,
      );
    },
  };
}
