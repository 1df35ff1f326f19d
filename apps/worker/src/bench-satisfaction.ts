// `pnpm bench:satisfaction` (DESIGN.md §4): 
//   1. dispatch for one performance with N attendees (default 10,000): time from the job's start
//      until the local SMTP peer has accepted every message, count checked on the peer; a bare
//      nodemailer loop sending the same number of messages to the same peer is timed alongside;
//   2. the public survey page (needs `pnpm --filter @rappel/web build` first), served by the app's
//      own server (apps/web/server.ts): p95 of GET and POST under 50 concurrent clients over
//      loopback, each client its own address (X-Forwarded-For); both as the clients see it
//      (page_*_p95_ms) and as the server reports it in Server-Timing (page_*_server_p95_ms).
// Prints progress on stderr and one JSON object as the last line on stdout.
//   BENCH_ATTENDEES=2000 BENCH_PAGE_REQUESTS=500 pnpm bench:satisfaction     a smaller run on a busy machine
//   BENCH_ONLY=page pnpm bench:satisfaction     only the page part (the dispatch keys are null): the
//     invitations are still created by a dispatch, of BENCH_PAGE_REQUESTS attendees, not timed
// The page part also times the server's cheapest answer (an unknown path under a link: a static
// 404 page, no database, no Redis) the same way, so a figure taken on a shared machine can be read
// as a ratio to what serving anything costs; and a trivial Next.js route handler (an invalid /m/o/
// pixel), to show what the Next pipeline alone costs beside it.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { Agent, request as httpRequest } from "node:http";
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

// One keep-alive socket per client, as a browser keeps its connection: the figures are the
// server's, not TCP set-up's. node:http rather than fetch: on a 2-core machine the load generator
// shares the CPU with the server, and the lighter client steals less of it.
const agent = new Agent({ keepAlive: true, maxSockets: 50 });

interface Answer {
  status: number;
  serverMs: number | null;
}

function send(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { agent, method: options.method ?? "GET", headers: options.headers }, (res) => {
      res.resume(); // the body is read (and dropped) so the socket goes back to the pool
      res.on("end", () => {
        const timing = /total;dur=([\d.]+)/.exec(String(res.headers["server-timing"] ?? ""));
        resolve({ status: res.statusCode ?? 0, serverMs: timing ? Number(timing[1]) : null });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

interface Timings {
  client: number[];
  server: number[];
}

async function load(clients: number, total: number, request: (i: number) => Promise<Answer>, expected: number[]): Promise<Timings> {
  const times: Timings = { client: [], server: [] };
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < total) {
        const i = next++;
        const started = performance.now();
        const res = await request(i);
        times.client.push(performance.now() - started);
        if (res.serverMs !== null) times.server.push(res.serverMs);
        if (!expected.includes(res.status)) throw new Error(`unexpected status ${res.status}`);
      }
    }),
  );
  return times;
}

const p95OrNull = (values: number[]) => (values.length ? percentile(values, 95) : null);

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
      server = spawn(process.execPath, ["--import", "tsx", "server.ts", "--port", String(port), "--hostname", "127.0.0.1"], {
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
        if (i > 120) throw new Error("the app's server did not answer within 60 s");
        await new Promise((r) => setTimeout(r, 500));
      }
      const invitations = await withTenant(db, world.tenantId, (tx) => tx.surveyInvitation.findMany({ where: { tenantId: world.tenantId }, select: { id: true }, take: Math.max(pageRequests, 1) }));
      const keys = await withTenant(db, world.tenantId, (tx) => loadSurveyKeys(tx, world.tenantId, master));
      // The links of the e-mails: short codes (/s/<code>).
      const { linkNumber } = await db.tenant.findUniqueOrThrow({ where: { id: world.tenantId }, select: { linkNumber: true } });
      const tokens = invitations.map((i) => createShortCode(keys.tokenKey, linkNumber, i.id));
      const ip = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
      const get = (i: number) => send(`${baseUrl}/s/${tokens[i % tokens.length]}`, { headers: { "x-forwarded-for": ip(i % 50) } });
      const trivial = (i: number) => send(`${baseUrl}/s/${tokens[i % tokens.length]}/nowhere`, { headers: { "x-forwarded-for": ip(i % 50) } });
      const nextTrivial = (i: number) => send(`${baseUrl}/m/o/not-a-token`, { headers: { "x-forwarded-for": ip(i % 50) } });
      await load(10, 100, trivial, [404]);
      await load(10, 100, nextTrivial, [200]);
      log("trivial answers under 50 clients");
      const trivialTimes = await load(50, pageRequests, trivial, [404]);
      log(`trivial (our server) p50 ${percentile(trivialTimes.client, 50)} ms, p95 ${percentile(trivialTimes.client, 95)} ms`);
      const nextTrivialTimes = await load(50, pageRequests, nextTrivial, [200]);
      log(`trivial Next route handler p50 ${percentile(nextTrivialTimes.client, 50)} ms, p95 ${percentile(nextTrivialTimes.client, 95)} ms`);
      log("warming up the page");
      await load(10, 100, get, [200]);
      log("GET under 50 clients");
      const getTimes = await load(50, pageRequests, get, [200]);
      log(`GET p50 ${percentile(getTimes.client, 50)} ms, p95 ${percentile(getTimes.client, 95)} ms, server p95 ${p95OrNull(getTimes.server)} ms`);
      const post = (i: number) => {
        const body = new URLSearchParams({ page: "0", shown: "nps", nav: "next", q_nps: String(i % 11) });
        if (i % 11 <= 6) body.set("shown", "nps,disappointed");
        return send(`${baseUrl}/s/${tokens[i % tokens.length]}/answer`, {
          method: "POST", body: body.toString(), headers: { "x-forwarded-for": ip(i % 50), "content-type": "application/x-www-form-urlencoded" },
        });
      };
      log("POST under 50 clients");
      const postTimes = await load(50, pageRequests, post, [303]);
      log(`POST p50 ${percentile(postTimes.client, 50)} ms, p95 ${percentile(postTimes.client, 95)} ms, server p95 ${p95OrNull(postTimes.server)} ms`);
      const trivialP95 = percentile(trivialTimes.client, 95);
      page = {
        page_get_p50_ms: percentile(getTimes.client, 50), page_get_p95_ms: percentile(getTimes.client, 95),
        page_post_p50_ms: percentile(postTimes.client, 50), page_post_p95_ms: percentile(postTimes.client, 95),
        page_get_server_p95_ms: p95OrNull(getTimes.server), page_post_server_p95_ms: p95OrNull(postTimes.server),
        page_requests_each: pageRequests, page_clients: 50,
        trivial_get_p50_ms: percentile(trivialTimes.client, 50), trivial_get_p95_ms: trivialP95, trivial_get_server_p95_ms: p95OrNull(trivialTimes.server),
        next_trivial_get_p95_ms: percentile(nextTrivialTimes.client, 95),
        page_get_vs_trivial_p95: Math.round((percentile(getTimes.client, 95) / trivialP95) * 10) / 10,
        page_post_vs_trivial_p95: Math.round((percentile(postTimes.client, 95) / trivialP95) * 10) / 10,
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
    agent.destroy();
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
