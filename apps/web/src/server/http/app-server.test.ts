// The app's HTTP server over real loopback HTTP: the survey pages answered by our handlers with
// their headers and a Server-Timing, everything else handed to the Next.js handler (here a stand-in
// that only says it was called: booting Next belongs to the e2e runner), against the real
// PostgreSQL and Redis.
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@rappel/db";
import type { TestDatabase } from "@rappel/db/testing";
import { createPublicWorld, openPublicTestDatabase, type PublicWorld } from "@/features/satisfaction/public/testing/public-world";
import { createAppServer } from "./app-server";
import { MAX_BODY_BYTES } from "./node-bridge";

let testDb: TestDatabase;
let db: Database;
let w: PublicWorld;
let server: Server;
let base: string;
const nextCalls: string[] = [];

beforeAll(async () => {
  ({ testDb, db } = await openPublicTestDatabase());
  w = await createPublicWorld(db);
  server = createAppServer(async (req, res) => {
    nextCalls.push(req.url ?? "");
    res.end("from next");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await db?.$disconnect();
  await testDb?.drop();
});

const form = (fields: Record<string, string>) => ({
  method: "POST",
  body: new URLSearchParams(fields),
  redirect: "manual" as const,
  headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": "198.51.100.9" },
});

describe("the app's HTTP server", () => {
  it("serves the answer page itself, with the public pages' headers and its own time", async () => {
    const res = await fetch(`${base}/s/${w.code}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("x-robots-tag")).toBe("noindex, nofollow");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(res.headers.get("server-timing")).toMatch(/^total;dur=\d+(\.\d)?$/);
    expect(await res.text()).toContain(`action="/s/${w.code}/answer"`);
    expect(nextCalls).toEqual([]);
  });

  it("saves a posted page and redirects to the next one", async () => {
    const res = await fetch(`${base}/s/${w.code}/answer`, form({ page: "0", shown: "nps", nav: "next", q_nps: "9" }));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/s/${w.code}?p=1`);
    expect(res.headers.get("server-timing")).toMatch(/^total;dur=/);
    expect(await (await fetch(`${base}/s/${w.code}?p=0`)).text()).toMatch(/name="q_nps" value="9" checked/);
  });

  it("answers 404 for an unknown link or sub-path, 405 for a method a path does not take, no body for HEAD", async () => {
    expect((await fetch(`${base}/s/abcdefghijkZ`)).status).toBe(404);
    const unknownPath = await fetch(`${base}/s/${w.code}/nowhere`);
    expect(unknownPath.status).toBe(404);
    expect(await unknownPath.text()).toContain("Lien inconnu");
    const put = await fetch(`${base}/s/${w.code}/answer`, { method: "PUT" });
    expect(put.status).toBe(405);
    expect(put.headers.get("allow")).toBe("POST");
    const head = await fetch(`${base}/s/${w.code}/thanks`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
  });

  it("throttles a link hammered with posts (429), through the shared Redis counters", async () => {
    const own = await createPublicWorld(db);
    const statuses: number[] = [];
    // token-write allows 40 posts per link per 10 minutes (rate-limit.ts).
    for (let i = 0; i < 41; i += 1) statuses.push((await fetch(`${base}/s/${own.code}/answer`, form({ page: "0", shown: "nps", nav: "next", q_nps: "5" }))).status);
    expect(statuses.slice(0, 40).every((status) => status === 303)).toBe(true);
    expect(statuses[40]).toBe(429);
  });

  it("refuses an oversized body without reading it all", async () => {
    const res = await fetch(`${base}/s/${w.code}/answer`, form({ page: "0", q_nps: "1", pad: "x".repeat(MAX_BODY_BYTES) }));
    expect(res.status).toBe(413);
  });

  it("hands every other path to Next.js", async () => {
    const res = await fetch(`${base}/sign-in?x=1`);
    expect(await res.text()).toBe("from next");
    expect(nextCalls).toEqual(["/sign-in?x=1"]);
  });
});
