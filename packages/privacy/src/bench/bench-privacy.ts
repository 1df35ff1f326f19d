// `pnpm bench:privacy`: the retention purge on the largest demo tenant, seeded so that it alone
// holds 1,000,000 tickets unless --tickets says otherwise, while a reader (its own process)
// queries the same tables continuously. Every customer of the tenant is made due (a 0-month
// override), so the purge anonymises all its tickets and orders and deletes its spectators and
// consents. Prints JSON on the last line.
// Then the full offboarding of that tenant: export with a checksummed receipt, destruction
// (jobs, Redis keys, data key, partitions, rows, files), and the signed PDF attestation.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createRedisConnection } from "@rappel/jobs";
import { createDatabase, withTenant } from "@rappel/db";
import { createTestDatabase } from "@rappel/db/testing";
import { DEMO_TENANTS, seedDemo } from "@rappel/demo-data";
import { z } from "zod";
import { attestationSigningKey, buildAttestationPdf } from "../offboarding/attestation";
import { destroyTenant } from "../offboarding/destroy-tenant";
import { exportTenantData } from "../offboarding/export-tenant";
import { executePurgeRun, planPurges } from "../purge-engine";

interface Read {
  at: number;
  ms: number;
  error?: string;
}

/** Starts bench-purge-reader.ts in its own Node process; stop() ends it and returns its reads. */
async function startReader(url: string, tenantId: string, performanceId: string): Promise<{ stop: () => Promise<Read[]> }> {
  const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(new URL("./bench-purge-reader.ts", import.meta.url))], {
    env: { ...process.env, READER_DATABASE_URL: url, READER_TENANT_ID: tenantId, READER_PERFORMANCE_ID: performanceId },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  await new Promise<void>((resolve, reject) => {
    const poll = setInterval(() => {
      if (out.startsWith("ready\n")) {
        clearInterval(poll);
        resolve();
      }
    }, 20);
    void exited.then(() => {
      clearInterval(poll);
      reject(new Error("the reader process exited before it was ready"));
    });
  });
  return {
    async stop() {
      child.kill("SIGTERM");
      const code = await exited;
      if (code !== 0) throw new Error(`the reader process exited with ${code}`);
      return JSON.parse(out.slice("ready\n".length)) as Read[];
    },
  };
}

// `pnpm bench:privacy -- --tickets N` passes a literal "--" through pnpm; drop it.
const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: { tickets: { type: "string" }, batch: { type: "string" } },
});
const args = z
  .object({
    tickets: z.coerce.number().int().min(1_000).max(10_000_000).default(1_000_000),
    batch: z.coerce.number().int().min(10).max(100_000).default(1_000),
  })
  .parse(values);

const testDb = await createTestDatabase("rappel_privacy_bench");
const db = createDatabase(testDb.appUrl, { max: 4 });
const owner = createDatabase(testDb.ownerUrl, { max: 2 });
const masterKey = { id: "bench", key: Buffer.alloc(32, 7) };
try {
  const seedStarted = performance.now();
  // The demo splits its tickets between tenants by share; seed enough for the largest to hold them.
  const shares = DEMO_TENANTS.map((t) => t.share);
  const seedTickets = Math.ceil((args.tickets * shares.reduce((a, b) => a + b, 0)) / Math.max(...shares));
  const report = await seedDemo({
    ownerUrl: testDb.ownerUrl,
    appUrl: testDb.appUrl,
    masterKey,
    tickets: seedTickets,
    seed: 42,
    rollups: false,
    log: (line) => console.error(line),
  });
  console.error(`seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);
  const largest = [...report.tenants].sort((a, b) => b.tickets - a.tickets)[0]!;
  const tenant = await db.tenant.findUniqueOrThrow({ where: { slug: largest.slug } });
  const tenantId = tenant.id;
  const performanceId = await withTenant(db, tenantId, async (tx) => {
    await tx.retentionOverride.create({ data: { tenantId, category: "customer", activeMonths: 0, archiveMonths: 0 } });
    await tx.privacySetting.create({ data: { tenantId, purgeMode: "automatic" } });
    const rows = await tx.$queryRawUnsafe<{ performance_id: string }[]>(
      `SELECT performance_id FROM ticket WHERE tenant_id = $1::uuid GROUP BY performance_id ORDER BY count(*) DESC LIMIT 1`,
      tenantId,
    );
    return rows[0]!.performance_id;
  });
  const now = new Date(Date.now() + 24 * 3600_000);
  const planStarted = performance.now();
  const runs = await planPurges(db, tenantId, now, { userId: null, role: "system" });
  const planSeconds = (performance.now() - planStarted) / 1000;
  const run = runs.find((r) => r.category === "customer");
  if (!run) throw new Error("no customer purge was planned");

  // The reader: the dashboard-like reads a venue runs, on the same tables, in a process of its own.
  const reader = await startReader(testDb.appUrl, tenantId, performanceId);
  // The same reads with no purge running first: what the machine's load alone costs.
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  const purgeStartedAt = Date.now();
  const purgeStarted = performance.now();
  const done = await executePurgeRun(db, tenantId, run.id, { now: () => now, batchSize: args.batch });
  const purgeSeconds = (performance.now() - purgeStarted) / 1000;
  const reads = await reader.stop();
  const baselineReads = reads.filter((r) => r.at < purgeStartedAt);
  const purgeReads = reads.filter((r) => r.at >= purgeStartedAt);
  const waits = purgeReads.map((r) => r.ms);
  const readErrors = purgeReads.filter((r) => r.error);
  const lockTimeouts = readErrors.filter((r) => /lock timeout|55P03/i.test(r.error!)).length;
  for (const e of new Set(readErrors.map((r) => r.error))) console.error(`read error: ${e}`);

  const counts = done.counts as { records: number; tables: { table: string; rows: number }[] };
  const rows = counts.tables.reduce((sum, t) => sum + t.rows, 0);
  const sorted = [...waits].sort((a, b) => a - b);
  const pct = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! * 10) / 10;
  for (const t of counts.tables) console.error(`${t.table}: ${t.rows}`);
  const baseSorted = baselineReads.map((r) => r.ms).sort((a, b) => a - b);

  // Offboarding of the same tenant.
  const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
  const redis = createRedisConnection(redisUrl, { role: "producer", name: "privacy-bench" });
  const storageDir = await mkdtemp(join(tmpdir(), "privacy-bench-"));
  const offStarted = performance.now();
  const receipt = await exportTenantData(db, tenantId, { master: masterKey, outDir: join(storageDir, "export"), now: new Date() });
  const exportSeconds = (performance.now() - offStarted) / 1000;
  const facts = await destroyTenant(db, tenantId, {
    ownerDb: owner, redis, queuePrefix: `privacy-bench-${process.pid}`, storageDir, now: () => new Date(), backupRetentionDays: 35,
  });
  const keys = attestationSigningKey(masterKey.key);
  const pdf = await buildAttestationPdf({ ...facts, contractReference: "BENCH", exportReceipt: receipt }, keys.privateKey);
  const offboardingSeconds = (performance.now() - offStarted) / 1000;
  redis.disconnect();
  await rm(storageDir, { recursive: true, force: true });
  const rowsLeft = facts.verification.reduce((sum, v) => sum + v.result, 0);
  console.log(
    JSON.stringify({
      scale_tickets: report.tickets,
      tenant: largest.slug,
      tenant_tickets: largest.tickets,
      purge_status: done.status,
      purge_records: counts.records,
      purge_rows: rows,
      purge_plan_s: Math.round(planSeconds * 100) / 100,
      purge_s: Math.round(purgeSeconds * 100) / 100,
      purge_rows_per_s: Math.round(rows / purgeSeconds),
      purge_max_read_wait_ms: Math.round(sorted.at(-1)! * 10) / 10,
      purge_read_p50_ms: pct(0.5),
      purge_read_p99_ms: pct(0.99),
      purge_reads: waits.length,
      purge_reads_over_100ms: waits.filter((w) => w > 100).length,
      purge_read_lock_timeouts: lockTimeouts,
      purge_read_errors: readErrors.length,
      baseline_read_p50_ms: Math.round(baseSorted[Math.floor(baseSorted.length / 2)]! * 10) / 10,
      baseline_read_max_ms: Math.round(baseSorted.at(-1)! * 10) / 10,
      offboarding_s: Math.round(offboardingSeconds * 100) / 100,
      offboarding_export_s: Math.round(exportSeconds * 100) / 100,
      offboarding_export_files: receipt.files.length,
      offboarding_rows_destroyed: Object.values(facts.rowsBefore).reduce((a, b) => a + b, 0),
      offboarding_rows_left: rowsLeft,
      offboarding_attestation_bytes: pdf.length,
    }),
  );
} finally {
  await db.$disconnect();
  await owner.$disconnect();
  await testDb.drop();
}
