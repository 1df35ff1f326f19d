// The import's life cycle as the web app and the REST API drive it: create the job for a stored
// file, confirm its column mapping (then the caller enqueues), cancel, and read progress. Every
// function runs inside the caller's tenant-scoped transaction (withTenant) and loads the import
// through its tenant, never by id alone.
import { Prisma, type ImportJob, type ImportKind, type ImportStatus, type Tx } from "@rappel/db";
import { missingColumns, parseColumnMapping, openImportFile, type FileKind, type TColumnMapping } from "@rappel/ticketing-import";
import { z } from "zod";
import { ImportMappingError, ImportNotFoundError, ImportStateError } from "../errors";
import { headerSignature } from "./header-signature";
import { importFilePath } from "./storage";

export const ZImportSource = z.enum(["ui", "api"]);

const ZNewImportJob = z.object({
  /** Lets the caller store the file under its id before the row exists (see storeImportFile). */
  id: z.uuid().optional(),
  tenantId: z.uuid(),
  kind: z.enum(["tickets", "performances", "spectators"]),
  source: ZImportSource,
  fileName: z.string().trim().min(1).max(255),
  fileSize: z.union([z.number().int().min(0), z.bigint().min(0n)]),
  fileSha256: z.string().regex(/^[0-9a-f]{64}$/),
  createdById: z.uuid().nullish(),
});
export type TNewImportJob = z.input<typeof ZNewImportJob>;

/** Records an uploaded file (status "uploaded": waiting for its column mapping). */
export async function createImportJob(tx: Tx, input: TNewImportJob): Promise<ImportJob> {
  const v = ZNewImportJob.parse(input);
  return tx.importJob.create({
    data: {
      ...(v.id ? { id: v.id } : {}),
      tenantId: v.tenantId,
      kind: v.kind,
      source: v.source,
      fileName: v.fileName,
      fileSize: BigInt(v.fileSize),
      fileSha256: v.fileSha256,
      createdById: v.createdById ?? null,
      status: "uploaded",
    },
  });
}

export async function getImportJob(tx: Tx, tenantId: string, importId: string): Promise<ImportJob> {
  if (!z.uuid().safeParse(importId).success) throw new ImportNotFoundError();
  const job = await tx.importJob.findUnique({ where: { tenantId_id: { tenantId, id: importId } } });
  if (!job) throw new ImportNotFoundError();
  return job;
}

/** Targets without which every row of the file would be refused: refuse the mapping instead. */
export function mappingGaps(mapping: TColumnMapping): string[] {
  const has = (target: string) => (mapping.columns as Record<string, string | undefined>)[target] !== undefined;
  const gaps: string[] = [];
  const need = (ok: boolean, what: string) => {
    if (!ok) gaps.push(what);
  };
  if (mapping.kind === "tickets") {
    need(has("orderRef") || has("ticketRef"), "orderRef|ticketRef");
    need(has("orderDate"), "orderDate");
    need(has("price"), "price");
    need(has("performanceRef") || (has("showTitle") && has("performanceStart") && has("venue")), "performanceRef|showTitle+performanceStart+venue");
  } else if (mapping.kind === "performances") {
    need(has("reference"), "reference");
    need(has("showTitle"), "showTitle");
    need(has("start"), "start");
  } else {
    need(has("reference") || has("email") || has("phone"), "reference|email|phone");
  }
  return gaps.map((g) => `missing column for ${g}`);
}

export interface ConfirmMappingOptions {
  /** Also save the mapping as a preset of this name (replaces a preset of the same name). */
  savePresetAs?: string;
  /**
   * Where the file is stored: the mapping is then checked against the file's real headers, and
   * a saved preset gets the file's header signature. Required with `savePresetAs`.
   */
  storageDir?: string;
}

/** Validates and stores the mapping; the import becomes "queued". The caller then enqueues it. */
export async function confirmImportMapping(
  tx: Tx,
  tenantId: string,
  importId: string,
  mapping: unknown,
  options: ConfirmMappingOptions = {},
): Promise<ImportJob> {
  const job = await getImportJob(tx, tenantId, importId);
  if (job.status !== "uploaded") throw new ImportStateError("confirm the mapping", job.status);
  let parsed: TColumnMapping;
  try {
    parsed = parseColumnMapping(job.kind as FileKind, mapping);
  } catch (error) {
    if (error instanceof z.ZodError) throw new ImportMappingError(error.issues.map((i) => `${i.path.join(".") || "mapping"}: ${i.message}`));
    throw error;
  }
  const gaps = mappingGaps(parsed);
  if (gaps.length > 0) throw new ImportMappingError(gaps);

  let headers: readonly string[] | null = null;
  if (options.storageDir) {
    const file = await openImportFile(importFilePath(options.storageDir, tenantId, importId));
    headers = file.headers;
    await file.close();
    const missing = missingColumns(parsed, headers);
    if (missing.length > 0) throw new ImportMappingError(missing.map((m) => `column "${m.header}" (${m.target}) is not in the file`));
  }
  const presetName = options.savePresetAs?.trim();
  if (presetName) {
    if (!headers) throw new ImportMappingError(["storageDir is needed to save a preset (its header signature comes from the file)"]);
    const signature = headerSignature(headers);
    await tx.importMappingPreset.upsert({
      where: { tenantId_name: { tenantId, name: presetName } },
      create: { tenantId, name: presetName, kind: job.kind, headerSignature: signature, mapping: parsed as Prisma.InputJsonValue },
      update: { kind: job.kind, headerSignature: signature, mapping: parsed as Prisma.InputJsonValue },
    });
  }
  return tx.importJob.update({
    where: { tenantId_id: { tenantId, id: importId } },
    data: { mapping: parsed as Prisma.InputJsonValue, status: "queued", errorMessage: null },
  });
}

/**
 * Asks the import to stop. Not started yet: cancelled at once. Running: the worker stops between
 * two batches and marks it "cancelled"; the batches already committed stay imported.
 */
export async function requestImportCancel(tx: Tx, tenantId: string, importId: string): Promise<{ status: ImportStatus }> {
  const job = await getImportJob(tx, tenantId, importId);
  if (job.status === "uploaded" || job.status === "queued") {
    const updated = await tx.importJob.update({
      where: { tenantId_id: { tenantId, id: importId } },
      data: { cancelRequested: true, status: "cancelled", finishedAt: new Date() },
    });
    return { status: updated.status };
  }
  if (job.status === "running") {
    await tx.importJob.update({ where: { tenantId_id: { tenantId, id: importId } }, data: { cancelRequested: true } });
    return { status: "running" };
  }
  throw new ImportStateError("cancel", job.status);
}

/**
 * Queues a failed or cancelled import again (it re-reads the file; rows already imported are
 * updated, not duplicated). Returns the run number to pass to `enqueueImportFile(…, { run })`:
 * derived from the end of the previous run, so a double click queues one job.
 */
export async function retryImport(tx: Tx, tenantId: string, importId: string): Promise<{ job: ImportJob; run: number }> {
  const job = await getImportJob(tx, tenantId, importId);
  if (job.status !== "failed" && job.status !== "cancelled") throw new ImportStateError("retry", job.status);
  if (!job.mapping) throw new ImportStateError("retry", "uploaded");
  const run = (job.finishedAt ?? job.createdAt).getTime();
  const updated = await tx.importJob.update({
    where: { tenantId_id: { tenantId, id: importId } },
    data: { status: "queued", cancelRequested: false, errorMessage: null },
  });
  return { job: updated, run };
}

export interface ImportProgress {
  id: string;
  kind: ImportKind;
  status: ImportStatus;
  fileName: string;
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  cancelRequested: boolean;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** A sentence for a person when the import failed. */
  errorMessage: string | null;
  rowsPerSecond: number | null;
  /** Estimated total rows (from the file size while running; exact once finished). */
  estimatedTotalRows: number | null;
  /** 0–1, estimated while running. */
  fraction: number | null;
  /** Seconds left, estimated; null when unknown or finished. */
  etaSeconds: number | null;
  /** Warnings on the rows kept (e-mail typo in a common domain, invalid phone…). */
  warnings: number;
  bytesRead: number;
}

// Bytes per data row in typical exports: the estimate of a file's rows before its first batch is
// written. From then on the worker stores the bytes it has read, and progress goes by bytes. The
// fraction is capped below 1 until the import finishes.
const BYTES_PER_ROW = { csv: 140, xlsx: 45 } as const;

export async function getImportProgress(tx: Tx, tenantId: string, importId: string, now: Date = new Date()): Promise<ImportProgress> {
  const job = await getImportJob(tx, tenantId, importId);
  const base = {
    id: job.id,
    kind: job.kind,
    status: job.status,
    fileName: job.fileName,
    rowsRead: job.rowsRead,
    rowsAccepted: job.rowsAccepted,
    rowsRejected: job.rowsRejected,
    cancelRequested: job.cancelRequested,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    errorMessage: job.errorMessage,
    warnings: job.warnings,
    bytesRead: Number(job.bytesRead),
  };
  const end = job.finishedAt ?? now;
  const seconds = job.startedAt ? Math.max(0.001, (end.getTime() - job.startedAt.getTime()) / 1000) : null;
  const rowsPerSecond = seconds && job.rowsRead > 0 ? Math.round(job.rowsRead / seconds) : null;
  if (job.status === "completed" || job.status === "cancelled" || job.status === "failed") {
    return { ...base, rowsPerSecond, estimatedTotalRows: job.rowsRead, fraction: job.status === "completed" ? 1 : null, etaSeconds: null };
  }
  const fileSize = Number(job.fileSize);
  const bytesRead = Math.min(fileSize, Number(job.bytesRead));
  let estimated: number;
  let fraction: number | null;
  let etaSeconds: number | null;
  if (bytesRead > 0 && fileSize > 0 && job.rowsRead > 0) {
    // By bytes: this file's own bytes per row so far, and its read speed.
    fraction = Math.min(0.99, bytesRead / fileSize);
    estimated = Math.max(job.rowsRead, Math.round(job.rowsRead / (bytesRead / fileSize)));
    etaSeconds = seconds ? Math.max(1, Math.round((fileSize - bytesRead) / (bytesRead / seconds))) : null;
  } else {
    const perRow = /\.xlsx$/i.test(job.fileName) ? BYTES_PER_ROW.xlsx : BYTES_PER_ROW.csv;
    estimated = Math.max(job.rowsRead, Math.round(fileSize / perRow));
    fraction = estimated > 0 ? Math.min(0.99, job.rowsRead / estimated) : null;
    etaSeconds = rowsPerSecond ? Math.max(1, Math.round((estimated - job.rowsRead) / rowsPerSecond)) : null;
  }
  return { ...base, rowsPerSecond, estimatedTotalRows: estimated, fraction: job.status === "running" ? fraction : 0, etaSeconds };
}

/** The tenant's presets for a kind of file, newest first (for previewImport). */
export async function listMappingPresets(tx: Tx, tenantId: string, kind: ImportKind) {
  return tx.importMappingPreset.findMany({ where: { tenantId, kind }, orderBy: { createdAt: "desc" } });
}

/** The tenant's imports, newest first. */
export async function listImportJobs(tx: Tx, tenantId: string, options: { offset?: number; limit?: number } = {}): Promise<ImportJob[]> {
  return tx.importJob.findMany({
    where: { tenantId },
    orderBy: { createdAt: "desc" },
    skip: options.offset ?? 0,
    take: Math.min(200, options.limit ?? 50),
  });
}
