// `pnpm bench:ignition`: imports a generated 1,000,000-row French tickets export end to end on a
// fresh database (parse, validate, normalise, seal, de-duplicate, insert, rollups — the worker's
// code path), and in the same run times a raw COPY of the same file into an unindexed table.
// Prints progress on stderr and one JSON object as the last line of stdout.
import { randomBytes, randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { createDatabase, provisionTenant, withTenant } from "@rappel/db";
import { cpuMsOfProcessesNamed, createTestDatabase } from "@rappel/db/testing";
import { createTenantDataKey } from "@rappel/personal-data";
import { suggestMapping } from "@rappel/ticketing-import";
import { confirmImportMapping, createImportJob, storeImportFile, runImport } from "../index";
import { EXPORT_HEADER, generateExport } from "./generate-export";

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const SPECTATORS = Number(process.env.BENCH_SPECTATORS ?? Math.max(100, Math.round(ROWS / 10)));
const PERFORMANCES = Number(process.env.BENCH_PERFORMANCES ?? Math.max(10, Math.round(ROWS / 500)));
// Rows per batch; unset: the import's own default (runImport).
const BATCH = process.env.BENCH_BATCH ? Number(process.env.BENCH_BATCH) : undefined;

const say = (msg: string) => process.stderr.write(`[bench:ignition] ${msg}\n`);
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), "rappel-bench-import-"));
  const database = await createTestDatabase("rappel_bench");
  const db = createDatabase(database.appUrl, { max: 4 });
  try {
    const master = { id: "bench", key: randomBytes(32) };
    const csv = join(work, "export.csv");
    let t = performance.now();
    const generated = await generateExport(csv, { rows: ROWS, spectators: SPECTATORS, performances: PERFORMANCES });
    say(`generated ${generated.rows} rows (${mb(generated.bytes)} MB) in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    const tenant = await provisionTenant(db, { slug: `bench-${randomBytes(3).toString("hex")}`, name: "Bench", kind: "theatre" }, { userId: null }, async (tx, t2) => {
      await createTenantDataKey(tx, t2.id, master);
    });
    const storageDir = join(work, "storage");
    const importId = randomUUID();
    const stored = await storeImportFile({ storageDir, tenantId: tenant.id, importId, source: createReadStream(csv) });
    await withTenant(db, tenant.id, async (tx) => {
      await createImportJob(tx, { id: importId, tenantId: tenant.id, kind: "tickets", source: "api", fileName: "export.csv", fileSize: stored.size, fileSha256: stored.sha256 });
      await confirmImportMapping(tx, tenant.id, importId, suggestMapping("tickets", EXPORT_HEADER.split(";")).mapping, { storageDir });
    });

    const profile: Record<string, number> = {};
    global.gc?.();
    const baselineRss = process.memoryUsage().rss;
    let peakRss = baselineRss;
    let peakHeap = process.memoryUsage().heapUsed;
    const postgresCpu = new PostgresCpu();
    postgresCpu.sample();
    let samples = 0;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
      if (++samples % 4 === 0) postgresCpu.sample();
    }, 50);
    // How long the import's thread keeps the database's answers waiting (its synchronous work).
    const loopDelay = monitorEventLoopDelay({ resolution: 5 });
    loopDelay.enable();
    const nodeCpuStart = process.cpuUsage();
    t = performance.now();
    let nextReport = 200_000;
    const result = await runImport(
      { tenantId: tenant.id, importId },
      {
        db,
        databaseUrl: database.appUrl,
        storageDir,
        masterKey: master,
        batchSize: BATCH,
        profile,
        onBatch: ({ rowsRead }) => {
          if (rowsRead >= nextReport) {
            nextReport += 200_000;
            say(`${rowsRead} rows, ${Math.round(rowsRead / ((performance.now() - t) / 1000))} rows/s`);
          }
        },
      },
    );
    const importSeconds = (performance.now() - t) / 1000;
    loopDelay.disable();
    const nodeCpu = process.cpuUsage(nodeCpuStart);
    postgresCpu.sample();
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    say(`import ${result.status}: ${result.rowsAccepted} accepted, ${result.rowsRejected} rejected in ${importSeconds.toFixed(1)} s`);

    const owner = new pg.Client({ connectionString: database.ownerUrl });
    await owner.connect();
    const counts = (
      await owner.query<{ tickets: string; orders: string; spectators: string; performances: string; rollups: string }>(
        `SELECT (SELECT count(*) FROM ticket) AS tickets, (SELECT count(*) FROM ticket_order) AS orders,
                (SELECT count(*) FROM spectator) AS spectators, (SELECT count(*) FROM performance) AS performances,
                (SELECT count(*) FROM rollup_daily_sales) AS rollups`,
      )
    ).rows[0]!;

    // The bare tool: the same file into an unindexed table, as the owner.
    await owner.query(`CREATE TABLE bench_copy (${EXPORT_HEADER.split(";").map((_, i) => `c${i} text`).join(", ")})`);
    t = performance.now();
    await pipeline(createReadStream(csv), owner.query(copyFrom(`COPY bench_copy FROM STDIN WITH (FORMAT csv, DELIMITER ';', HEADER true)`)));
    const copySeconds = (performance.now() - t) / 1000;
    await owner.end();

    const figures = {
      import_rows: result.rowsRead,
      import_rows_accepted: result.rowsAccepted,
      import_rows_rejected: result.rowsRejected,
      import_seconds: round(importSeconds),
      import_rows_per_s: Math.round(result.rowsRead / importSeconds),
      copy_seconds: round(copySeconds),
      copy_rows_per_s: Math.round(generated.rows / copySeconds),
      import_vs_copy_ratio: round(importSeconds / copySeconds),
      import_peak_rss_mb: mb(peakRss),
      import_baseline_rss_mb: mb(baselineRss),
      import_peak_heap_mb: mb(peakHeap),
      import_file_mb: mb(generated.bytes),
      // CPU seconds of this process (parse, validate, normalise, encode) and of every PostgreSQL
      // process (backends, WAL writer, checkpointer…) during the import: on 2 cores, their sum
      // bounds the end-to-end rate.
      import_node_cpu_s: round((nodeCpu.user + nodeCpu.system) / 1e6),
      import_event_loop_delay_ms: { p50: round(loopDelay.percentile(50) / 1e6), p99: round(loopDelay.percentile(99) / 1e6), max: round(loopDelay.max / 1e6) },
      import_postgres_cpu_s: round(postgresCpu.seconds()),
      import_write_seconds: round(result.timings.loadSeconds),
      import_rollup_seconds: round(result.timings.rollupSeconds),
      import_merges: result.merges,
      import_warnings: result.warnings,
      db_tickets: Number(counts.tickets),
      db_orders: Number(counts.orders),
      db_spectators: Number(counts.spectators),
      db_performances: Number(counts.performances),
      db_rollup_rows: Number(counts.rollups),
      batch_rows: BATCH ?? "default",
      import_write_phases_s: Object.fromEntries(Object.entries(profile).map(([k, v]) => [k, round(v)])),
    };
    process.stdout.write(`${JSON.stringify(figures)}\n`);
  } finally {
    await db.$disconnect();
    // BENCH_KEEP_DB=1 keeps the database to look at the plans afterwards (drop it by hand).
    if (process.env.BENCH_KEEP_DB) say(`kept database: ${database.ownerUrl}`);
    else await database.drop();
    await rm(work, { recursive: true, force: true });
  }
}

/** CPU of every `postgres` process seen since the first sample (backends come and go: each is
 * counted from its first sample, or from 0 if it started after the first). Linux /proc only. */
class PostgresCpu {
  private readonly first = new Map<number, number>();
  private readonly last = new Map<number, number>();
  private started = false;

  sample(): void {
    for (const [pid, ms] of cpuMsOfProcessesNamed("postgres")) {
      if (!this.first.has(pid)) this.first.set(pid, this.started ? 0 : ms);
      this.last.set(pid, ms);
    }
    this.started = true;
  }

  seconds(): number {
    let ms = 0;
    for (const [pid, last] of this.last) ms += last - this.first.get(pid)!;
    return ms / 1000;
  }
}

const round = (x: number) => Math.round(x * 100) / 100;

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
