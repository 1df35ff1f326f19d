// Runs one import end to end: reload the job in its tenant, stream the file, validate and
// normalise each row, write batches (write-batches.ts: two transactions each, through
// session-private staging tables), keep every refused row, stop between batches when cancelled,
// then refresh the rollups of the performances it touched and mark the import completed — after
// the refresh has committed, so "completed" means the dashboards are up to date.
//
// Everything overlaps: a large file is parsed and validated on a worker thread
// (read/read-thread.ts), this thread prepares batch N+2 while PostgreSQL resolves batch N+1's
// buyers on one connection and writes batch N's tickets on the other.
import { stat } from "node:fs/promises";
import pg from "pg";
import { analyzeTenantTables, withTenant, type Database } from "@rappel/db";
import { refreshRollups, refreshRollupsInParallel } from "@rappel/ignition-analytics";
import type { MasterKey } from "@rappel/personal-data";
import { parseColumnMapping, type FileKind } from "@rappel/ticketing-import";
import { ImportNotFoundError } from "../errors";
import type { StoredIssue } from "../import-issues";
import { isRefused, readRows, type ReadRowsInput } from "../read/read-rows";
import { readRowsInThread } from "../read/read-thread";
import { importFilePath } from "../service/storage";
import { loadTenantSealer, type TenantSealer } from "../tenant-keys";
import { describeFailure, ImportAbortedError, isPermanentFailure } from "./failure";
import { writeBatches } from "./write-batches";
import { BatchSizes } from "./batch-sizes";
import { yieldToEventLoop } from "../yield-to-event-loop";
import { performancesProcessor } from "./performances";
import { spectatorsProcessor } from "./spectators";
import { ticketsProcessor } from "./tickets";
import type { Batch, KindProcessor, RejectedEntry } from "./types";
import { addSince, timed, type Profile } from "../profile";

export interface RunImportOptions {
  db: Database;
  /** The application role's connection string (the worker's DATABASE_URL). */
  databaseUrl: string;
  storageDir: string;
  masterKey: MasterKey;
  /** Rows per batch (two transactions each); default: process/batch-sizes.ts. */
  batchSize?: number;
  /** Raised by the worker at shutdown: stop between batches; the job is retried later. */
  signal?: AbortSignal;
  now?: () => Date;
  /** Called after each committed batch (progress reporting; tests use it to act between batches). */
  onBatch?: (progress: { batches: number; rowsRead: number }) => void | Promise<void>;
  /** Called once every batch is written, before the rollups are refreshed. */
  onWritten?: () => Promise<void>;
  /** File size (bytes) from which the file is read on a worker thread (tests force it with 0). */
  readInThreadFrom?: number;
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

const CHUNK_ROWS = 1_000;
// Below this, starting a reading thread (loading its modules, ~0.2 s) costs more than it saves.
const READ_IN_THREAD_FROM = 4 * 1024 * 1024;
const ROLLUP_TIMEOUT_MS = 10 * 60_000;

type Connections = { resolving: pg.Client; writing: pg.Client };

function processorFor(kind: FileKind, connections: Connections, ids: { tenantId: string; importId: string }, sealer: TenantSealer, profile?: Profile) {
  const { tenantId, importId } = ids;
  const generic = (p: unknown) => p as KindProcessor<unknown, unknown, unknown>;
  if (kind === "tickets") return generic(ticketsProcessor(connections, tenantId, sealer.codec, profile, importId));
  // Kinds without a second part write everything on the resolving connection.
  if (kind === "performances") return generic(performancesProcessor(connections.resolving, tenantId));
  return generic(spectatorsProcessor(connections.resolving, tenantId, sealer.codec, importId));
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
  // Two connections of the import's own (write-batches.ts): one resolves a batch while the other writes the previous one.
  const connect = () => new pg.Client({ connectionString: options.databaseUrl, application_name: "rappel-import" });
  const connections: Connections = { resolving: connect(), writing: connect() };
  let status: "completed" | "cancelled" = "completed";
  try {
    await Promise.all([connections.resolving.connect(), connections.writing.connect()]);
    const mapping = parseColumnMapping(job.kind as FileKind, job.mapping);
    const processor = processorFor(job.kind as FileKind, connections, ids, sealer, options.profile);
    const seal = (_line: number, raw: Readonly<Record<string, string>>) => sealer.sealRejected(importId, raw);
    const path = importFilePath(options.storageDir, tenantId, importId);
    const readInput: ReadRowsInput = { path, kind: job.kind as FileKind, mapping, now: now(), chunkRows: CHUNK_ROWS };
    const fileSize = (await stat(path)).size;
    const inThread = fileSize >= (options.readInThreadFrom ?? READ_IN_THREAD_FROM);
    const chunks = inThread ? readRowsInThread(readInput) : readRows(readInput);
    const sizes = new BatchSizes(fileSize, options.batchSize);

    // A full batch is cut before the next row, unless that row continues the group of the
    // batch's last one (an order's lines: processor.sameGroup) — up to twice the batch size.
    async function* batches(): AsyncGenerator<Batch<unknown>> {
      let batch: Batch<unknown> = { read: 0, rows: [], rejected: [], bytesRead: 0 };
      let batchSize = sizes.first();
      let rowsRead = 0;
      const full = (next: unknown): boolean => {
        if (batch.read >= 2 * batchSize) return true;
        if (batch.read < batchSize) return false;
        const last = batch.rows[batch.rows.length - 1];
        return !(next !== undefined && last !== undefined && processor.sameGroup?.(last, next));
      };
      for await (const chunk of chunks) {
        // Let the database's answers for the batches being resolved and written be handled
        // between chunks: read on this thread, a chunk comes in one go of microtasks; from the
        // reading thread, the chunks it has posted are all delivered in one turn of the loop.
        await yieldToEventLoop();
        for (const r of chunk.rows) {
          let prepared: unknown = undefined;
          let refusal: RejectedEntry | null = null;
          if (isRefused(r)) {
            refusal = { line: r.line, issues: r.issues, rawSealed: seal(r.line, r.raw) };
          } else {
            prepared = processor.prepare(r.line, r.row, r.raw, r.warnings);
            for (const w of r.warnings) warnings[w.code] = (warnings[w.code] ?? 0) + 1;
            if (prepared && typeof prepared === "object" && "reject" in prepared) {
              // Only kinds whose rows keep their cells refuse them here (read-rows.ts, keepsRaw).
              refusal = { line: r.line, issues: (prepared as { reject: StoredIssue[] }).reject, rawSealed: seal(r.line, r.raw!) };
              prepared = undefined;
            }
          }
          if (full(prepared)) {
            yield batch;
            rowsRead += batch.read;
            batchSize = sizes.next(rowsRead, chunk.bytesRead);
            batch = { read: 0, rows: [], rejected: [], bytesRead: 0 };
          }
          batch.read++;
          if (refusal) batch.rejected.push(refusal);
          else batch.rows.push(prepared);
          batch.bytesRead = chunk.bytesRead;
        }
      }
      if (batch.read > 0) yield batch;
    }

    let batchCount = 0;
    const t0 = performance.now();
    try {
      status = await writeBatches({
        batches: batches(),
        processor,
        connections,
        tenantId,
        importId,
        seal,
        signal: options.signal,
        profile: options.profile,
        record: async (batch, outcome) => {
          const tr = performance.now();
          const rejected: RejectedEntry[] = [...batch.rejected, ...outcome.rejected];
          for (const p of outcome.performanceIds) touched.add(p);
          counts.read += batch.read;
          counts.accepted += outcome.accepted;
          counts.rejected += rejected.length;
          counts.merges += outcome.merges;
          counts.spectatorsCreated += outcome.spectatorsCreated;
          // Refused rows and progress in one round trip: this transaction is the import's critical path.
          const { rows } = await connections.writing.query<{ cancel_requested: boolean }>(
            `WITH refused AS (
               INSERT INTO import_rejected_row (tenant_id, import_id, line, reasons, raw_sealed)
               SELECT $1::uuid, $2::uuid, r.line, r.reasons, decode(r.raw, 'base64')
                 FROM jsonb_to_recordset($8::jsonb) AS r(line int, reasons jsonb, raw text)
               ON CONFLICT (tenant_id, import_id, line) DO UPDATE SET reasons = EXCLUDED.reasons, raw_sealed = EXCLUDED.raw_sealed
             )
             UPDATE import_job SET rows_read = $3, rows_accepted = $4, rows_rejected = $5, bytes_read = $6, warnings = $7
              WHERE tenant_id = $1::uuid AND id = $2::uuid RETURNING cancel_requested`,
            [
              tenantId, importId, counts.read, counts.accepted, counts.rejected, batch.bytesRead, Object.values(warnings).reduce((a, b) => a + b, 0),
              JSON.stringify(rejected.map((r) => ({ line: r.line, reasons: r.issues, raw: r.rawSealed.toString("base64") }))),
            ],
          );
          addSince(options.profile, "batch.bookkeeping", tr);
          return rows[0]?.cancel_requested ?? false;
        },
        afterBatch: async () => {
          batchCount += 1;
          log("import batch written", { tenantId, importId, totalRead: counts.read });
          await options.onBatch?.({ batches: batchCount, rowsRead: counts.read });
        },
      });
    } finally {
      await chunks.return(undefined);
    }
    loadSeconds = (performance.now() - t0) / 1000;

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
    await Promise.all([connections.resolving.end().catch(() => undefined), connections.writing.end().catch(() => undefined)]);
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
