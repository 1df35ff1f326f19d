// `pnpm start [--tickets N]`: the product (web + worker) with demo data, on a fresh machine.
// - PostgreSQL: DATABASE_URL (application role) and MIGRATION_DATABASE_URL (owner) when set;
//   otherwise an embedded PostgreSQL with its data in .data/postgres.
// - Redis: REDIS_URL, else redis://127.0.0.1:6379; required (no embedded Redis works with BullMQ).
// - Secrets: MASTER_KEY / AUTH_SECRET from the environment, else generated once in .data/dev.env.
// Then: migrations, demo data when the database has no tenant (or an interrupted demo load), a
// production build of the web app when there is none, and the two processes until Ctrl+C.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { ConfigError, parseEnv, type TEnv } from "@rappel/config";
import { createDatabase, migrationsDir, runMigrations, withTenant } from "@rappel/db";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TENANTS, seedDemo } from "@rappel/demo-data";
import { z } from "zod";
import { startChild, stopChildren, type Child } from "./start/children";
import { loadDevSecrets } from "./start/dev-env";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "./start/embedded-db";
import { checkRedis, waitForHttp } from "./start/services";

const root = resolve(import.meta.dirname, "..");
const log = (line: string): void => console.log(`[start] ${line}`);

function fail(message: string): never {
  console.error(`\n${message}\n`);
  process.exit(1);
}

let embedded: EmbeddedDatabase | undefined;
let children: Child[] = [];
let stopping = false;

async function shutdown(signal: NodeJS.Signals, code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    log(`stopping (${signal})…`);
    await stopChildren(children, signal);
    await embedded?.stop();
  }
  process.exit(code);
}

// No top-level await: the root package is CommonJS for tsx.
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { tickets: { type: "string" } } });
  const flags = z
    .object({ tickets: z.coerce.number().int().min(0).max(1_000_000).default(20_000) })
    .safeParse(values);
  if (!flags.success)
    fail("Usage: pnpm start [--tickets N]   (N from 0 to 1000000, default 20000)");
  const port = z.coerce.number().int().min(1).max(65535).default(3000).parse(process.env.PORT);

  // 1. Redis first: nothing works without it, and it is the likeliest thing to be missing.
  const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
  const redisProblem = await checkRedis(redisUrl, process.env.REDIS_URL !== undefined);
  if (redisProblem) fail(redisProblem);

  // 2. Secrets and database.
  const { secrets, created } = loadDevSecrets(join(root, ".data", "dev.env"));
  if (created) log("generated development secrets in .data/dev.env");
  let ownerUrl: string;
  let appUrl: string;
  if (process.env.DATABASE_URL) {
    if (!process.env.MIGRATION_DATABASE_URL) {
      fail(
        "DATABASE_URL is set but MIGRATION_DATABASE_URL is not. Set MIGRATION_DATABASE_URL to the database owner's URL\n" +
          "(migrations, bulk demo load) and DATABASE_URL to the application's own role (created by the migrations if missing).",
      );
    }
    ownerUrl = process.env.MIGRATION_DATABASE_URL;
    appUrl = process.env.DATABASE_URL;
    log("using the database of DATABASE_URL");
  } else {
    const dataDir = join(root, ".data", "postgres");
    if (created && existsSync(join(dataDir, "PG_VERSION"))) {
      // Its passwords and the key that wraps its demo data were in the lost file.
      fail(
        ".data/dev.env was missing but .data/postgres exists from an earlier start; its data is encrypted\n" +
          "with the lost keys. Delete .data/postgres (rm -rf .data/postgres) and run `pnpm start` again.",
      );
    }
    log("no DATABASE_URL: starting the embedded PostgreSQL (data in .data/postgres)");
    embedded = await startEmbeddedDatabase({
      dataDir,
      ownerPassword: secrets.EMBEDDED_PG_PASSWORD,
      appPassword: secrets.EMBEDDED_APP_PASSWORD,
      log,
    }).catch((error: Error) => fail(error.message));
    ({ ownerUrl, appUrl } = embedded);
    log(`embedded PostgreSQL listening on 127.0.0.1:${embedded.port}`);
  }

  process.on("SIGINT", () => void shutdown("SIGINT", 0));
  process.on("SIGTERM", () => void shutdown("SIGTERM", 0));

  try {
    // 3. The environment both processes get, validated by the product's own schema.
    const childEnv: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: appUrl,
      MIGRATION_DATABASE_URL: ownerUrl,
      REDIS_URL: redisUrl,
      MASTER_KEY: process.env.MASTER_KEY ?? secrets.MASTER_KEY,
      AUTH_SECRET: process.env.AUTH_SECRET ?? secrets.AUTH_SECRET,
      APP_URL: process.env.APP_URL ?? `http://localhost:${port}`,
      PORT: String(port),
    };
    let env: TEnv;
    try {
      env = parseEnv(childEnv);
    } catch (error) {
      throw error instanceof ConfigError ? new Error(error.message) : error;
    }

    // 4. Schema, then demo data when the database has no tenant yet.
    const migrated = await runMigrations({ ownerUrl, appUrl, migrationsDir, log });
    log(
      `migrations: ${migrated.applied.length} applied, ${migrated.alreadyApplied.length} already applied`,
    );
    const state = await demoState(appUrl);
    if (state === "empty" || state === "partial") {
      if (state === "partial") log("an earlier demo load was interrupted: loading it again");
      log(`loading demo data (${flags.data.tickets} tickets)…`);
      const report = await seedDemo({
        ownerUrl,
        appUrl,
        masterKey: { id: env.MASTER_KEY_ID, key: Buffer.from(env.MASTER_KEY, "base64") },
        tickets: flags.data.tickets,
        reset: state === "partial",
        log,
      });
      log(
        `demo data loaded in ${report.seconds} s: ${report.tenants.map((t) => `${t.slug} (${t.tickets} tickets)`).join(", ")}`,
      );
    } else {
      log(
        `the database already has tenants (${state === "complete" ? "the demo" : "not the demo"}): nothing loaded (pnpm db:seed --reset reloads the demo)`,
      );
    }

    // 5. A production build of the web app, once.
    if (!existsSync(join(root, "apps", "web", ".next", "BUILD_ID"))) {
      log("building the web app (first start only)…");
      const build = spawnSync("pnpm", ["--filter", "@rappel/web", "build"], {
        cwd: root,
        env: childEnv,
        stdio: "inherit",
      });
      if (build.status !== 0) throw new Error("the web app's build failed (see above)");
    }

    // 6. The two processes; if either stops on its own, stop everything.
    children = [
      startChild(
        "web",
        "pnpm",
        // The app's own server (apps/web/server.ts): Next.js plus the survey pages it serves itself.
        ["--filter", "@rappel/web", "exec", "node", "--import", "tsx", "server.ts", "--port", String(port)],
        { cwd: root, env: { ...childEnv, NODE_ENV: "production" } },
      ),
      startChild("worker", "pnpm", ["--filter", "@rappel/worker", "start"], {
        cwd: root,
        env: childEnv,
      }),
    ];
    for (const child of children) {
      void child.exited.then((code) => {
        if (!stopping) {
          console.error(`[start] ${child.name} exited (code ${code}): stopping everything`);
          void shutdown("SIGTERM", 1);
        }
      });
    }
    if (await waitForHttp(`http://127.0.0.1:${port}/`, 120_000)) printWelcome(env.APP_URL);
    else log(`the web app does not answer on port ${port} yet; see its output above`);
  } catch (error) {
    console.error(`\n${error instanceof Error ? error.message : String(error)}\n`);
    await shutdown("SIGTERM", 1);
  }
}

void main();

/**
 * Whether the demo is there: memberships are created last, so demo tenants without them are the
 * remains of an interrupted load (Ctrl+C during the first start).
 */
async function demoState(appUrl: string): Promise<"empty" | "complete" | "partial" | "other"> {
  const db = createDatabase(appUrl, { max: 1 });
  try {
    const tenants = await db.tenant.findMany({ select: { id: true, slug: true } });
    if (tenants.length === 0) return "empty";
    const demo = tenants.filter((t) => DEMO_TENANTS.some((d) => d.slug === t.slug));
    if (demo.length === 0) return "other";
    if (demo.length < DEMO_TENANTS.length) return "partial";
    for (const t of demo) {
      const members = await withTenant(db, t.id, (tx) =>
        tx.membership.count({ where: { tenantId: t.id } }),
      );
      if (members === 0) return "partial";
    }
    return "complete";
  } finally {
    await db.$disconnect();
  }
}

function printWelcome(appUrl: string): void {
  const rows = [
    ["e-mail", "role(s)", "password", "TOTP secret (platform roles)"],
    ...DEMO_ACCOUNTS.map((a) => [
      a.email,
      [a.platformRole, ...a.memberships.map((m) => `${m.role} @ ${m.tenantSlug}`)]
        .filter(Boolean)
        .join(", "),
      DEMO_PASSWORD,
      a.totpSecret ?? "",
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]): string =>
    `  ${r.map((cell, i) => cell.padEnd(widths[i]!)).join("  ")}`.trimEnd();
  console.log(`\n  Rappel is running: open ${appUrl}\n`);
  console.log(line(rows[0]!));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const r of rows.slice(1)) console.log(line(r));
  console.log(
    "\n  Superadmin and DPO sign-ins also ask for a TOTP code: `oathtool --totp -b <TOTP secret>`",
  );
  console.log("  (or add the secret to an authenticator app). Stop with Ctrl+C.\n");
}
