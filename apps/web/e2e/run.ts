// End-to-end runner: a fresh database with demo data, the built app served by server.ts on a
// free port, then Playwright in Debian's Chromium; everything is torn down afterwards and the
// process exits with Playwright's code.
//   pnpm --filter @rappel/web e2e               run the suite (extra args go to `playwright test`)
//   pnpm --filter @rappel/web e2e -- --serve    only seed and serve, to explore by hand (Ctrl-C stops)
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import { createTestDatabase, type TestDatabase } from "@rappel/db/testing";
import { startSmtpPeer, type SmtpPeer } from "@rappel/mail/testing";
import { createJobProducer } from "@rappel/jobs";
import { removeQueuePrefix } from "@rappel/jobs/testing";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from "@rappel/demo-data";
import { masterKeyFromEnv } from "@rappel/personal-data";
import { startWorker, type E2eWorker } from "./worker";
import { seedOffboardingTenant } from "./offboarding-fixture";

const webDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const nextBin = require.resolve("next/dist/bin/next");
const playwrightBin = require.resolve("@playwright/test/cli");

// A Redis database of its own, so sign-in throttling and used TOTP codes from the e2e run never
// meet a developer's local state (and the previous run's are cleared below).
const REDIS_URL = process.env.E2E_REDIS_URL ?? "redis://127.0.0.1:6379/11";

function log(line: string): void {
  console.log(`[e2e] ${line}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: webDir, env, stdio: "inherit" });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function waitForServer(url: string, server: ChildProcess, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the app's server exited with code ${server.exitCode} (see test-results/server.log)`);
    try {
      const res = await fetch(url, { redirect: "manual" });
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the server did not answer at ${url} within ${timeoutMs / 1000} s`);
}

/**
 * Starts the e2e Redis database clean (no throttling counters, used TOTP codes or jobs left by
 * a previous run), then puts jobs on a queue no worker consumes yet (tracking), so the
 * admin queue page has a waiting and a delayed job to show while the worker runs imports.
 */
async function prepareE2eRedis(queuePrefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    // Also the public privacy form's per-IP counters: every journey comes from the same address.
    const keys = [...(await redis.keys("rappel:signin:*")), ...(await redis.keys("rl:privacy-form:*"))];
    if (keys.length) await redis.del(...keys);
    const producer = createJobProducer(redis, { prefix: queuePrefix });
    // Raw adds on a queue with no handler (tracking events are written by the web app directly):
    // these are only counted, never run.
    const queue = producer.queue("tracking");
    await queue.add("e2e-fixture", {}, { jobId: "e2e-waiting" });
    await queue.add("e2e-fixture", {}, { jobId: "e2e-delayed", delay: 3_600_000 });
    await producer.close();
  } finally {
    redis.disconnect();
  }
}

/** The server signed everyone in during the suite: its logs must not contain a password or secret. */
function checkServerLogHasNoSecrets(...paths: string[]): number {
  const path = paths.join(", ");
  const text = paths.map((p) => (existsSync(p) ? readFileSync(p, "utf8") : "")).join("\n");
  const secrets = [DEMO_PASSWORD, ...DEMO_ACCOUNTS.flatMap((a) => (a.totpSecret ? [a.totpSecret] : []))];
  const leaked = secrets.filter((secret) => text.includes(secret));
  if (leaked.length === 0) {
    log("server log checked: no password or TOTP secret in it");
    return 0;
  }
  console.error(`[e2e] the server log contains ${leaked.length} secret(s) used in the suite (${path})`);
  return 1;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2).filter((a) => a !== "--");
  const serveOnly = args.includes("--serve");
  const playwrightArgs = args.filter((a) => a !== "--serve");

  if (!existsSync(join(webDir, ".next", "BUILD_ID"))) {
    log("no production build found: running `next build`");
    const code = await run(process.execPath, [nextBin, "build"], { ...process.env, NODE_ENV: "production" });
    if (code !== 0) return code;
  }

  let db: TestDatabase | undefined;
  let server: ChildProcess | undefined;
  let worker: E2eWorker | undefined;
  let smtpPeer: SmtpPeer | undefined;
  // Every e-mail the app or the worker sends lands here as a .eml file, for the journeys to read.
  const mailDir = mkdtempSync(join(tmpdir(), "rappel-e2e-mail-"));
  // Uploaded files of the run: shared by the app (which stores them) and the worker (which reads them).
  const storageDir = mkdtempSync(join(tmpdir(), "rappel-e2e-storage-"));
  // Queues of this run only: two runs at once (two developers' sessions on one machine) must not
  // consume each other's jobs, and the run removes its keys when it ends.
  const queuePrefix = `e2e-${randomBytes(4).toString("hex")}`;
  const cleanup = async () => {
    await worker?.stop();
    await smtpPeer?.stop();
    rmSync(storageDir, { recursive: true, force: true });
    rmSync(mailDir, { recursive: true, force: true });
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    await removeQueuePrefix(redis, queuePrefix).catch(() => 0);
    redis.disconnect();
    if (server && server.exitCode === null) {
      // The app's server was spawned in its own process group: stop it and its workers.
      try {
        if (server.pid) process.kill(-server.pid, "SIGTERM");
      } catch {
        // already gone
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    if (db && !process.env.KEEP_TEST_DB) {
      await db.drop();
      log(`dropped database ${db.name}`);
    }
  };
  process.once("SIGINT", () => void cleanup().then(() => process.exit(130)));
  process.once("SIGTERM", () => void cleanup().then(() => process.exit(143)));

  try {
    db = await createTestDatabase("rappel_e2e");
    log(`database ${db.name} created and migrated`);
    const masterKeyB64 = randomBytes(32).toString("base64");
    const started = Date.now();
    await seedDemo({
      ownerUrl: db.ownerUrl,
      appUrl: db.appUrl,
      masterKey: masterKeyFromEnv({ MASTER_KEY: masterKeyB64, MASTER_KEY_ID: "mk1" }),
      tickets: 20000,
      seed: 42,
    });
    log(`demo data seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    // The offboarding journey destroys a tenant of its own, never a demo tenant.
    await seedOffboardingTenant(db.appUrl, masterKeyFromEnv({ MASTER_KEY: masterKeyB64, MASTER_KEY_ID: "mk1" }));
    await prepareE2eRedis(queuePrefix);

    smtpPeer = await startSmtpPeer({
      onMessage: (mail) => writeFileSync(join(mailDir, `${Date.now()}-${randomBytes(3).toString("hex")}.eml`), mail.raw),
    });
    log(`SMTP peer at ${smtpPeer.url} (mail folder ${mailDir})`);

    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: db.appUrl,
      MIGRATION_DATABASE_URL: db.ownerUrl,
      REDIS_URL,
      MASTER_KEY: masterKeyB64,
      MASTER_KEY_ID: "mk1",
      AUTH_SECRET: randomBytes(32).toString("base64"),
      APP_URL: baseUrl,
      STORAGE_DIR: storageDir,
      QUEUE_PREFIX: queuePrefix,
      SMTP_URL: smtpPeer.url,
    };
    mkdirSync(join(webDir, "test-results"), { recursive: true });
    const serverLog = createWriteStream(join(webDir, "test-results", "server.log"));
    server = spawn(process.execPath, ["--import", "tsx", "server.ts", "--port", String(port), "--hostname", "127.0.0.1"], {
      cwd: webDir,
      env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    server.stdout?.pipe(serverLog);
    server.stderr?.pipe(serverLog);
    await waitForServer(`${baseUrl}/sign-in`, server);
    log(`app listening at ${baseUrl}`);
    worker = await startWorker(env, await freePort(), join(webDir, "test-results", "worker.log"));
    log("worker ready (log: test-results/worker.log)");

    const testEnv: NodeJS.ProcessEnv = {
      ...process.env,
      E2E_BASE_URL: baseUrl,
      E2E_MAIL_DIR: mailDir,
      // For journeys that prepare their own rows (satisfaction: a performance that just ended).
      E2E_DATABASE_URL: db.appUrl,
      // For the DPO history's tamper check: the owner can rewrite rows the application cannot.
      E2E_OWNER_DATABASE_URL: db.ownerUrl,
      E2E_MASTER_KEY: masterKeyB64,
      E2E_DEMO: JSON.stringify({ password: DEMO_PASSWORD, accounts: DEMO_ACCOUNTS }),
    };
    if (serveOnly) {
      log(`serving until Ctrl-C; demo password: ${DEMO_PASSWORD}`);
      await new Promise<void>((resolve) => server?.on("exit", () => resolve()));
      return 0;
    }
    const code = await run(process.execPath, [playwrightBin, "test", ...playwrightArgs], testEnv);
    return Math.max(code, checkServerLogHasNoSecrets(join(webDir, "test-results", "server.log"), join(webDir, "test-results", "worker.log")));
  } finally {
    await cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error("[e2e] failed:", error);
    process.exit(1);
  },
);
