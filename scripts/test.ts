// `pnpm test`: everything that proves the product works, in the order that fails fastest.
//   1. PostgreSQL and Redis answer (tests use the real ones; nothing is mocked)
//   2. lint and typecheck of every package (Turborepo)
//   3. unit and integration tests of every package (one vitest run, real PostgreSQL and Redis)
//   4. the web app's production build and the Playwright journeys in Chromium
// Ends with one line "N passed, N failed" over all tests. `--no-e2e` skips step 4.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { createConnection } from "node:net";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const reports = join(root, ".test-results");
const withE2e = !process.argv.includes("--no-e2e");

function step(title: string): void {
  console.log(`\n== ${title}`);
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): number {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ host, port, timeout: 2000 });
    socket.once("connect", () => (socket.end(), done(true)));
    socket.once("error", () => done(false));
    socket.once("timeout", () => (socket.destroy(), done(false)));
  });
}

interface Counts {
  passed: number;
  failed: number;
}

function vitestCounts(file: string): Counts {
  if (!existsSync(file)) return { passed: 0, failed: 0 };
  const report = JSON.parse(readFileSync(file, "utf8")) as { numPassedTests: number; numFailedTests: number };
  return { passed: report.numPassedTests, failed: report.numFailedTests };
}

function playwrightCounts(file: string): Counts {
  if (!existsSync(file)) return { passed: 0, failed: 0 };
  const report = JSON.parse(readFileSync(file, "utf8")) as { stats: { expected: number; unexpected: number; flaky: number } };
  return { passed: report.stats.expected + report.stats.flaky, failed: report.stats.unexpected };
}

async function main(): Promise<number> {
  rmSync(reports, { recursive: true, force: true });
  mkdirSync(reports, { recursive: true });

  step("services");
  const services = [
    { name: "PostgreSQL", host: "127.0.0.1", port: 5432 },
    { name: "Redis", host: "127.0.0.1", port: 6379 },
  ];
  for (const s of services) {
    if (!(await reachable(s.host, s.port))) {
      console.error(`${s.name} does not answer on ${s.host}:${s.port}; the tests need it (see README, "Running the tests").`);
      return 1;
    }
    console.log(`${s.name} answers on ${s.host}:${s.port}`);
  }

  step("lint and typecheck");
  if (run("pnpm", ["exec", "turbo", "run", "lint", "typecheck", "--concurrency=2", "--output-logs=errors-only"]) !== 0) {
    console.log("\nlint/typecheck: 0 passed, 1 failed");
    return 1;
  }

  step("unit and integration tests");
  const vitestJson = join(reports, "vitest.json");
  const unitStatus = run("pnpm", [
    "exec", "vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`,
  ]);
  const unit = vitestCounts(vitestJson);
  if (unitStatus !== 0 && unit.failed === 0) unit.failed = 1; // a crash outside any test

  const e2e: Counts = { passed: 0, failed: 0 };
  if (withE2e) {
    step("web build and browser journeys");
    const playwrightJson = join(reports, "playwright.json");
    let status = run("pnpm", ["--filter", "@rappel/web", "build"]);
    if (status === 0) {
      status = run("pnpm", ["--filter", "@rappel/web", "e2e"], {
        PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson,
      });
    }
    Object.assign(e2e, playwrightCounts(playwrightJson));
    if (status !== 0 && e2e.failed === 0) e2e.failed = 1;
  }

  const passed = unit.passed + e2e.passed;
  const failed = unit.failed + e2e.failed;
  console.log(`\nunit/integration: ${unit.passed} passed, ${unit.failed} failed`);
  if (withE2e) console.log(`browser: ${e2e.passed} passed, ${e2e.failed} failed`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

process.env.TURBO_TELEMETRY_DISABLED ??= "1";
process.exit(await main());
