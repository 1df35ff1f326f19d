// Runs one import end to end: reload the job in its tenant, stream the file, validate and
// normalise each row, write batches (one transaction each, through a session-private staging
// table), keep every refused row, stop between batches when cancelled, then refresh the rollups
// of the performances it touched and mark the import completed — after the refresh has
// committed, so "completed" means the dashboards are up to date.
//
// Reading and writing overlap: while batch N is being written (PostgreSQL works), batch N+1 is
// parsed and validated (Node works), so both cores of a small machine are busy.
import { createReadStream } from "node:fs";
import { Transform } from "node:stream";
import pg from "pg";
import { analyzeTenantTables, withTenant, type Database } from "@rappel/db";
import { refreshRollups, refreshRollupsInParallel } from "@rappel/ignition-analytics";
import type { MasterKey } from "@rappel/personal-data";
import { createRowValidator, openImportFile, parseColumnMapping, type FileKind, type MalformedRecord, type RowsByKind } from "@rappel/ticketing-import";
import { ImportNotFoundError } from "../errors";
import type { StoredIssue } from "../import-issues";
import { inBatchTransaction } from "../load/batch-transaction";
import { importFilePath } from "../service/storage";
import { loadTenantSealer, type TenantSealer } from "../tenant-keys";
import { describeFailure, ImportAbortedError, isPermanentFailure } from "./failure";
import { performancesProcessor } from "./performances";
import { spectatorsProcessor } from "./spectators";
import { ticketsProcessor } from "./tickets";
import type { Batch, KindProcessor, RejectedEntry } from "./types";
import { timed, type Profile } from "../profile";

export interface RunImportOptions {
  db: Database;
  /** The application role's connection string (the worker's DATABASE_URL). */
  databaseUrl: string;
  storageDir: string;
  masterKey: MasterKey;
  /** Rows per batch (one transaction each). */
  batchSize?: number;
  /** Raised by the worker at shutdown: stop between batches; the job is retried later. */
  signal?: AbortSignal;
  now?: () => Date;
  /** Called after each committed batch (progress reporting; tests use it to act between batches). */
  onBatch?: (progress: { batches: number; rowsRead: number }) => void | Promise<void>;
  /** Called once every batch is written, before the rollups are refreshed. */
  onWritten?: () => Promise<void>;
  /** Filled with seconds per phase (benchmark). */
  profile?: Profile;
  /** Row counts and timings only: never a row's content. */
  log?: (message: string, fields: Record<string, unknown>) => void;
}

export interface ImportRunResult {
  status: "completed" | "cancelled" | "failed" | "skipped";
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  /** Warnings by code (rows kept): e-mail typos, invalid phones… */
  warnings: Record<string, number>;
  merges: number;
  spectatorsCreated: number;
  performancesTouched: number;
  seconds: number;
  timings: { loadSeconds: number; rollupSeconds: number };
  errorMessage?: string;
}

const DEFAULT_BATCH = 20_000;
const YIELD_EVERY = 64;
const ROLLUP_TIMEOUT_MS = 10 * 60_000;

function processorFor(kind: FileKind, client: pg.Client, ids: { tenantId: string; importId: string }, sealer: TenantSealer, profile?: Profile) {
  const { tenantId, importId } = ids;
  if (kind === "tickets") return ticketsProcessor(client, tenantId, sealer.codec, profile, importId) as KindProcessor<unknown, unknown>;
  if (kind === "performances") return performancesProcessor(client, tenantId) as KindProcessor<unknown, unknown>;
  return spectatorsProcessor(client, tenantId, sealer.codec, importId) as KindProcessor<unknown, unknown>;
}

export async function runImport(ids: { tenantId: string; importId: string }, options: RunImportOptions): Promise<ImportRunResult> {
  const { tenantId, importId } = ids;
  const { db } = options;
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => undefined);
  const started = performance.now();

  const start = await withTenant(db, tenantId, async (tx) => {
    const job = await tx.importJob.findUnique({ where: { tenantId_id: { tenantId, id: importId } } });
    if (!job) throw new ImportNotFoundError();
    // A second delivery of a finished import, or an import cancelled before it started: nothing to do.
    if (job.status === "completed" || job.status === "cancelled" || job.status === "uploaded") return { job, skip: true as const };
    if (job.cancelRequested) {
      await tx.importJob.update({ where: { tenantId_id: { tenantId, id: importId } }, data: { status: "cancelled", finishedAt: now() } });
      return { job, skip: true as const };
    }
    // A retry starts over: the file is read again and every write is an upsert, so the end
    // state is the same as one clean run. Rejected rows and counters are rebuilt from scratch.
    await tx.importRejectedRow.deleteMany({ where: { tenantId, importId } });
    await tx.importJob.update({
      where: { tenantId_id: { tenantId, id: importId } },
      data: { status: "running", startedAt: now(), finishedAt: null, rowsRead: 0, rowsAccepted: 0, rowsRejected: 0, bytesRead: 0, warnings: 0, errorMessage: null },
    });
    return { job, skip: false as const, sealer: await loadTenantSealer(tx, tenantId, options.masterKey) };
  });
  const empty = { rowsRead: 0, rowsAccepted: 0, rowsRejected: 0, warnings: {}, merges: 0, spectatorsCreated: 0, performancesTouched: 0 };
  if (start.skip) return { status: "skipped", ...empty, seconds: 0, timings: { loadSeconds: 0, rollupSeconds: 0 } };
  const { job, sealer } = start;

  const counts = { read: 0, accepted: 0, rejected: 0, merges: 0, spectatorsCreated: 0 };
  const warnings: Record<string, number> = {};
  const touched = new Set<string>();
  let loadSeconds = 0;
  let rollupSeconds = 0;
  const client = new pg.Client({ connectionString: options.databaseUrl, application_name: "rappel-import" });
  let status: "completed" | "cancelled" = "completed";
  try {
    await client.connect();
    const mapping = parseColumnMapping(job.kind as FileKind, job.mapping);
    const processor = processorFor(job.kind as FileKind, client, ids, sealer, options.profile);
    const seal = (_line: number, raw: Readonly<Record<string, string>>) => sealer.sealRejected(importId, raw);
    const malformed: MalformedRecord[] = [];
    // Bytes handed to the reader so far: progress and ETA by bytes (a little ahead of the rows,
    // by the reader's buffers).
    let bytesRead = 0;
    const source = createReadStream(importFilePath(options.storageDir, tenantId, importId));
    const counted = source.pipe(
      new Transform({
        transform(chunk: Buffer, _encoding, done) {
          bytesRead += chunk.length;
          done(null, chunk);
        },
      }),
    );
    source.on("error", (error) => counted.destroy(error));
    const file = await openImportFile(counted, { onMalformedRow: (m) => malformed.push(m) });
    const validate = createRowValidator(mapping, { now: now() });
    const batchSize = options.batchSize ?? DEFAULT_BATCH;

    async function* batches(): AsyncGenerator<Batch<unknown>> {
      let batch: Batch<unknown> = { read: 0, rows: [], rejected: [], bytesRead: 0 };
      const takeMalformed = () => {
        for (const m of malformed.splice(0)) {
          batch.read++;
          batch.rejected.push({ line: m.line, issues: [{ code: "row.malformed", field: "", value: m.message }], rawSealed: seal(m.line, {}) });
        }
      };
      let sinceYield = 0;
      for await (const { line, raw } of file) {
        // Rows already buffered are read in one go of microtasks; yield to the event loop now and
        // then so the database's answers for the batch being written are handled promptly.
        if (++sinceYield === YIELD_EVERY) {
          sinceYield = 0;
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
        batch.read++;
        const result = validate(raw) as ReturnType<ReturnType<typeof createRowValidator>>;
        if (!result.ok) {
          batch.rejected.push({ line, issues: result.issues as StoredIssue[], rawSealed: seal(line, raw) });
        } else {
          const rowWarnings: StoredIssue[] = [...(result.warnings as StoredIssue[])];
          const prepared = processor.prepare(line, result.row as RowsByKind[FileKind], raw, rowWarnings);
          for (const w of rowWarnings) warnings[w.code] = (warnings[w.code] ?? 0) + 1;
          if (prepared && typeof prepared === "object" && "reject" in prepared) {
            batch.rejected.push({ line, issues: (prepared as { reject: StoredIssue[] }).reject, rawSealed: seal(line, raw) });
          } else batch.rows.push(prepared);
        }
        takeMalformed();
        if (batch.read >= batchSize) {
          batch.bytesRead = bytesRead;
          yield batch;
          batch = { read: 0, rows: [], rejected: [], bytesRead: 0 };
        }
      }
      takeMalformed();
      batch.bytesRead = bytesRead;
      if (batch.read > 0) yield batch;
    }

    let batchCount = 0;
    const write = async (batch: Batch<unknown>): Promise<boolean> => {
      const t0 = performance.now();
      const cancel = await inBatchTransaction(client, tenantId, async () => {
        // A cancel asked while the previous batch was written stops before this one.
        const state = await client.query<{ cancel_requested: boolean }>(
          `SELECT cancel_requested FROM import_job WHERE tenant_id = $1::uuid AND id = $2::uuid`,
          [tenantId, importId],
        );
        if (state.rows[0]?.cancel_requested) return true;
        const outcome = await processor.load(batch, seal);
        const tr = performance.now();
        const rejected: RejectedEntry[] = [...batch.rejected, ...outcome.rejected];
        if (rejected.length > 0) {
          await client.query(
            `INSERT INTO import_rejected_row (tenant_id, import_id, line, reasons, raw_sealed)
             SELECT $1::uuid, $2::uuid, r.line, r.reasons, decode(r.raw, 'base64')
               FROM jsonb_to_recordset($3::jsonb) AS r(line int, reasons jsonb, raw text)
             ON CONFLICT (tenant_id, import_id, line) DO UPDATE SET reasons = EXCLUDED.reasons, raw_sealed = EXCLUDED.raw_sealed`,
            [tenantId, importId, JSON.stringify(rejected.map((r) => ({ line: r.line, reasons: r.issues, raw: r.rawSealed.toString("base64") })))],
          );
        }
        for (const p of outcome.performanceIds) touched.add(p);
        counts.read += batch.read;
        counts.accepted += outcome.accepted;
        counts.rejected += rejected.length;
        counts.merges += outcome.merges;
        counts.spectatorsCreated += outcome.spectatorsCreated;
        const { rows } = await client.query<{ cancel_requested: boolean }>(
          `UPDATE import_job SET rows_read = $3, rows_accepted = $4, rows_rejected = $5, bytes_read = $6, warnings = $7
            WHERE tenant_id = $1::uuid AND id = $2::uuid RETURNING cancel_requested`,
          [tenantId, importId, counts.read, counts.accepted, counts.rejected, batch.bytesRead, Object.values(warnings).reduce((a, b) => a + b, 0)],
        );
        if (options.profile) options.profile["batch.bookkeeping"] = (options.profile["batch.bookkeeping"] ?? 0) + (performance.now() - tr) / 1000;
        return rows[0]?.cancel_requested ?? false;
      });
      loadSeconds += (performance.now() - t0) / 1000;
      batchCount += 1;
      log("import batch written", { tenantId, importId, rows: batch.read, totalRead: counts.read });
      await options.onBatch?.({ batches: batchCount, rowsRead: counts.read });
      return cancel;
    };

    let inFlight: Promise<boolean> | null = null;
    try {
      for await (const batch of batches()) {
        // At most one batch is being written while the next one is read.
        if (inFlight && (await inFlight)) {
          status = "cancelled";
          break;
        }
        inFlight = null;
        if (options.signal?.aborted) throw new ImportAbortedError();
        inFlight = write(batch);
        // Handled here so a failing write never counts as unhandled while the next batch is read;
        // the error is still raised by the `await` above or below.
        inFlight.catch(() => undefined);
      }
      if (inFlight && (await inFlight) && status === "completed") {
        // The cancel came with the last batch: everything is written, but the person asked to
        // stop, so the import says so.
        status = "cancelled";
      }
    } finally {
      await file.close();
      source.destroy();
      // A batch still being written when an error interrupts must settle before the connection closes.
      if (inFlight) await (inFlight as Promise<boolean>).catch(() => undefined);
    }

    await options.onWritten?.();
    const t1 = performance.now();
    // Fresh statistics first: without them the rollup queries over the just-filled partitions
    // plan badly (minutes instead of seconds).
    await timed(options.profile, "rollups.analyze", () => withTenant(db, tenantId, (tx) => analyzeTenantTables(tx, tenantId), { timeoutMs: ROLLUP_TIMEOUT_MS }));
    // The refresh's parts run on other connections of `db` while this one waits (2 cores: 2 parts).
    await timed(options.profile, "rollups.refresh", () =>
      refreshRollupsInParallel(db, tenantId, [...touched], {
        parts: 2,
        timeoutMs: ROLLUP_TIMEOUT_MS,
        finish: async (tx) => {
          // The warnings of the rows read (the per-batch figure may include the next batch's).
          const warningCount = Object.values(warnings).reduce((a, b) => a + b, 0);
          await tx.importJob.update({ where: { tenantId_id: { tenantId, id: importId } }, data: { status, finishedAt: now(), warnings: warningCount } });
        },
      }),
    );
    rollupSeconds = (performance.now() - t1) / 1000;
  } catch (error) {
    const message = describeFailure(error);
    if (!(error instanceof ImportAbortedError)) {
      // Batches committed before the failure stay: the dashboards must show them too.
      await withTenant(db, tenantId, (tx) =>
        tx.importJob.update({ where: { tenantId_id: { tenantId, id: importId } }, data: { status: "failed", finishedAt: now(), errorMessage: message } }),
      ).catch(() => undefined);
      if (touched.size > 0) {
        await withTenant(db, tenantId, (tx) => refreshRollups(tx, tenantId, { performanceIds: [...touched] }), { timeoutMs: ROLLUP_TIMEOUT_MS }).catch(() => undefined);
      }
    }
    // A retry cannot fix an unreadable file or a stale mapping: report it as the job's result.
    if (isPermanentFailure(error)) {
      log("import failed", { tenantId, importId, reason: message });
      return { status: "failed", ...empty, rowsRead: counts.read, rowsAccepted: counts.accepted, rowsRejected: counts.rejected, warnings, seconds: (performance.now() - started) / 1000, timings: { loadSeconds, rollupSeconds }, errorMessage: message };
    }
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
  const result: ImportRunResult = {
    status,
    rowsRead: counts.read,
    rowsAccepted: counts.accepted,
    rowsRejected: counts.rejected,
    warnings,
    merges: counts.merges,
    spectatorsCreated: counts.spectatorsCreated,
    performancesTouched: touched.size,
    seconds: (performance.now() - started) / 1000,
    timings: { loadSeconds, rollupSeconds },
  };
  log("import finished", { tenantId, importId, status, rowsRead: result.rowsRead, rowsAccepted: result.rowsAccepted, rowsRejected: result.rowsRejected, warnings });
  return result;
}
