// What the campaign benchmarks share: the worker as the benchmarks run it, polling, and the tally
// of what the SMTP peer received against the campaign's audience.
import { withTenant, type Database } from "@rappel/db";
import type { CampaignFixture } from "./campaign-fixture";
import { spawnWorker, type SpawnedWorker } from "./spawn-worker";
import type { SmtpPeerProcess } from "./smtp-peer-process";

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitUntil(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

export async function campaignStatus(db: Database, f: CampaignFixture): Promise<string> {
  const c = await withTenant(db, f.tenantId, (tx) => tx.campaign.findFirstOrThrow({ where: { id: f.campaignId }, select: { status: true } }));
  return c.status;
}

/** `databaseUrl` lets a benchmark name the worker's connections (application_name) to find its backends. */
export function startBenchWorker(prefix: string, redisUrl: string, smtpUrl: string, databaseUrl?: string): Promise<SpawnedWorker> {
  return spawnWorker({
    prefix,
    redisUrl,
    ...(databaseUrl ? { databaseUrl } : {}),
    graceMs: 1_000,
    env: { SMTP_URL: smtpUrl, APP_URL: "http://rappel.bench", WORKER_CONCURRENCY: "4", LOG_LEVEL: "info" },
  });
}

/** Per recipient of `f`: copies received (duplicates counted beyond the first) and the missing addresses. */
export function tally(peer: SmtpPeerProcess, f: CampaignFixture) {
  const seen = peer.recipients;
  let duplicates = 0;
  const missing: string[] = [];
  for (const email of f.emails.keys()) {
    const n = seen.get(email) ?? 0;
    if (n === 0) missing.push(email);
    if (n > 1) duplicates += n - 1;
  }
  return { received: peer.received, duplicates, missing };
}
