// `pnpm bench:satisfaction` (DESIGN.md §4): 
//   1. dispatch for one performance with N attendees (default 10,000): time from the job's start
//      until the local SMTP peer has accepted every message, count checked on the peer; a bare
//      nodemailer loop sending the same number of messages to the same peer is timed alongside;
//   2. the public survey page (needs `pnpm --filter @rappel/web build` first): p95 of GET and POST
//      under 50 concurrent clients over loopback, each client its own address (X-Forwarded-For).
// Prints progress on stderr and one JSON object as the last line on stdout.
//   BENCH_ATTENDEES=2000 BENCH_PAGE_REQUESTS=500 pnpm bench:satisfaction     a smaller run on a busy machine
//   BENCH_ONLY=page pnpm bench:satisfaction     only the page part (the dispatch keys are null): the
//     invitations are still created by a dispatch, of BENCH_PAGE_REQUESTS attendees, not timed
// The page part also times a trivial route handler (an invalid /m/o/ pixel: no database, no Redis)
// the same way, so a figure taken on a shared machine can be read as a ratio to what the server
// itself costs.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createDatabase, withTenant } from "@rappel/db";
import { createTestDatabase } from "@rappel/db/testing";
import { createMailTransport } from "@rappel/mail";
import { startSmtpPeer } from "@rappel/mail/testing";
import { createShortCode } from "@rappel/survey";
import { loadSurveyKeys } from "@rappel/survey/store";
import { createLogger } from "./logger";
import { dispatchPlan } from "./jobs/survey-dispatch";
import { syncDispatchPlans } from "./jobs/survey-planning";
import { addAttendees, addPerformance, createSurveyWorld } from "./testing/survey-fixtures";

const pageOnly = process.env.BENCH_ONLY === "page";
const pageRequests = Number(process.env.BENCH_PAGE_REQUESTS ?? 2_000);
const attendees = Number(process.env.BENCH_ATTENDEES ?? (pageOnly ? pageRequests : 10_000));
const log = (msg: string) => process.stderr.write(`[bench:satisfaction] ${msg}\n`);
const webDir = join(dirname(fileURLToPath(import.meta.url)), "../../web");

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! * 10) / 10;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function load(clients: number, total: number, request: (i: number) => Promise<Response>, expected: number[]): Promise<number[]> {
  const times: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < total) {
        const i = next++;
        const started = performance.now();
        const res = await request(i);
        await res.arrayBuffer();
        times.push(performance.now() - started);
        if (!expected.includes(res.status)) throw new Error(`unexpected status ${res.status}`);
      }
    }),
  );
  return times;
}

async function main(): Promise<void> {
  const masterKeyB64 = randomBytes(32).toString("base64");
  const master = { id: "mk1", key: Buffer.from(masterKeyB64, "base64") };
  const testDb = await createTestDatabase("rappel_bench_sat");
  const db = createDatabase(testDb.appUrl, { max: 6 });
  const peer = await startSmtpPeer({ keep: "envelope" });
  let server: ChildProcess | undefined;
  try {
    log(`seeding ${attendees} attendees`);
    const world = await createSurveyWorld(db, master, { fatigueDays: 0, quietStartHour: 0, quietEndHour: 0 });
    const endsAt = new Date(Date.now() - 4 * 3_600_000);
    const performanceId = await addPerformance(db, world, endsAt);
    await addAttendees(db, master, world, [performanceId], Array.from({ length: attendees }, (_, i) => ({ email: `bench${i}@example.test` })));
    const now = new Date();
    const [plan] = await withTenant(db, world.tenantId, async (tx) => {
      await syncDispatchPlans(tx, world.tenantId, now);
      return tx.surveyDispatchPlan.findMany({ where: { tenantId: world.tenantId } });
    });

    const mail = createMailTransport(peer.url, { ignoreTls: true, maxConnections: 8 });
    const services = { master, mail, appUrl: "http://127.0.0.1", from: "Bench <bench@rappel.test>", sendConcurrency: 32 };
    const logger = createLogger({ level: "warn" });
    log("dispatching");
    const started = performance.now();
    const outcome = await dispatchPlan(db, services, { tenantId: world.tenantId, planId: plan!.id }, { clock: { now: () => now }, logger });
    await peer.waitForMessages(attendees, 120_000);
    const dispatchSeconds = (performance.now() - started) / 1000;
    const received = peer.messages.length;
    log(`dispatch: ${dispatchSeconds.toFixed(2)} s`);
    log(`dispatch detail: ${dispatchSeconds.toFixed(2)} s, ${received} received (${JSON.stringify(outcome).slice(0, 200)})`);

    // The same number of messages through a bare pooled nodemailer loop, for the ratio.
    let bareSeconds = Number.NaN;
    if (!pageOnly) {
      peer.clear();
      const bareStarted = performance.now();
      let sent = 0;
      await Promise.all(
        Array.from({ length: 32 }, async () => {
          while (sent < attendees) {
            const i = sent++;
            await mail.send({ from: services.from, to: `bare${i}@example.test`, subject: "bench", text: "x".repeat(1500), html: `<p>${"x".repeat(3000)}</p>` });
          }
        }),
      );
      await peer.waitForMessages(attendees, 120_000);
      bareSeconds = (performance.now() - bareStarted) / 1000;
      log(`bare nodemailer loop: ${bareSeconds.toFixed(2)} s`);
    }
    mail.close();

    let page: Record<string, number | string | null> = { page_get_p95_ms: null, page_post_p95_ms: null, page_note: "apps/web is not built (.next/BUILD_ID missing): run `pnpm --filter @rappel/web build` first" };
    if (existsSync(join(webDir, ".next", "BUILD_ID"))) {
      const port = await freePort();
      const baseUrl = `http://127.0.0.1:${port}`;
      const require = createRequire(join(webDir, "package.json"));
      const nextBin = join(dirname(require.resolve("next/package.json")), "dist/bin/next");
      server = spawn(process.execPath, [nextBin, "start", "--port", String(port), "--hostname", "127.0.0.1"], {
        cwd: webDir,
        env: {
          ...process.env, NODE_ENV: "production", DATABASE_URL: testDb.appUrl, MIGRATION_DATABASE_URL: testDb.ownerUrl,
          MASTER_KEY: masterKeyB64, MASTER_KEY_ID: "mk1", AUTH_SECRET: randomBytes(32).toString("base64"), APP_URL: baseUrl,
        },
        stdio: "ignore",
        detached: true,
      });
      for (let i = 0; ; i += 1) {
        try {
          if ((await fetch(`${baseUrl}/sign-in`)).ok) break;
        } catch {
          /* not up yet */
        }
        if (i > 120) throw new Error("next start did not answer within 60 s");
        await new Promise((r) => setTimeout(r, 500));
      }
      const invitations = await withTenant(db, world.tenantId, (tx) => tx.surveyInvitation.findMany({ where: { tenantId: world.tenantId }, select: { id: true }, take: Math.max(pageRequests, 1) }));
      const keys = await withTenant(db, world.tenantId, (tx) => loadSurveyKeys(tx, world.tenantId, master));
      // The links of the e-mails: short codes (/s/<code>).
      const { linkNumber } = await db.tenant.findUniqueOrThrow({ where: { id: world.tenantId }, select: { linkNumber: true } });
      const tokens = invitations.map((i) => createShortCode(keys.tokenKey, linkNumber, i.id));
      const ip = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
      const get = (i: number) => fetch(`${baseUrl}/s/${tokens[i % tokens.length]}`, { headers: { "x-forwarded-for": ip(i % 50) }, redirect: "manual" });
      const trivial = (i: number) => fetch(`${baseUrl}/m/o/not-a-token`, { headers: { "x-forwarded-for": ip(i % 50) }, redirect: "manual" });
      await load(10, 100, trivial, [200]);
      log("trivial route handler under 50 clients");
      const trivialTimes = await load(50, pageRequests, trivial, [200]);
      log(`trivial p50 ${percentile(trivialTimes, 50)} ms, p95 ${percentile(trivialTimes, 95)} ms`);
      log("warming up the page");
      await load(10, 100, get, [200]);
      log("GET under 50 clients");
      const getTimes = await load(50, pageRequests, get, [200]);
      log(`GET p50 ${percentile(getTimes, 50)} ms, p95 ${percentile(getTimes, 95)} ms`);
      const post = (i: number) => {
        const body = new URLSearchParams({ page: "0", shown: "nps", nav: "next", q_nps: String(i % 11) });
        if (i % 11 <= 6) body.set("shown", "nps,disappointed");
        return fetch(`${baseUrl}/s/${tokens[i % tokens.length]}/answer`, {
          method: "POST", body, redirect: "manual", headers: { "x-forwarded-for": ip(i % 50), "content-type": "application/x-www-form-urlencoded" },
        });
      };
      log("POST under 50 clients");
      const postTimes = await load(50, pageRequests, post, [303]);
      log(`POST p50 ${percentile(postTimes, 50)} ms, p95 ${percentile(postTimes, 95)} ms`);
      page = {
        page_get_p50_ms: percentile(getTimes, 50), page_get_p95_ms: percentile(getTimes, 95),
        page_post_p50_ms: percentile(postTimes, 50), page_post_p95_ms: percentile(postTimes, 95), page_requests_each: pageRequests, page_clients: 50,
        trivial_get_p50_ms: percentile(trivialTimes, 50), trivial_get_p95_ms: percentile(trivialTimes, 95),
        page_get_vs_trivial_p95: Math.round((percentile(getTimes, 95) / percentile(trivialTimes, 95)) * 10) / 10,
        page_post_vs_trivial_p95: Math.round((percentile(postTimes, 95) / percentile(trivialTimes, 95)) * 10) / 10,
      };
    }
    console.log(
      JSON.stringify({
        attendees,
        ...(pageOnly
          ? { dispatch_10k_s: null, dispatch_messages_received: null, bare_nodemailer_s: null, dispatch_vs_bare_ratio: null, dispatch_note: "BENCH_ONLY=page" }
          : {
              dispatch_10k_s: Math.round(dispatchSeconds * 100) / 100,
              dispatch_messages_received: received,
              bare_nodemailer_s: Math.round(bareSeconds * 100) / 100,
              dispatch_vs_bare_ratio: Math.round((dispatchSeconds / bareSeconds) * 100) / 100,
            }),
        ...page,
      }),
    );
  } finally {
    if (server?.pid) {
      try {
        process.kill(-server.pid, "SIGTERM");
      } catch {
        /* already gone */
      }
    }
    await peer.stop();
    await db.$disconnect();
    await testDb.drop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
