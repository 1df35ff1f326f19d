// One import's state as the UI and the API show it: the job row plus the service's progress
// estimate, read through the tenant (getImportJob / getImportProgress filter by tenant).
import { getImportJob, getImportProgress, type ImportProgress } from "@rappel/ignition-import";
import type { Tx } from "@rappel/db";

export interface ImportStatusView extends ImportProgress {
  source: string;
  fileSize: number;
  createdAt: Date;
  createdById: string | null;
  mapping: unknown;
}

export async function loadImportStatus(tx: Tx, tenantId: string, importId: string, now: Date = new Date()): Promise<ImportStatusView> {
  const job = await getImportJob(tx, tenantId, importId);
  const progress = await getImportProgress(tx, tenantId, importId, now);
  return {
    ...progress,
    source: job.source,
    fileSize: Number(job.fileSize),
    createdAt: job.createdAt,
    createdById: job.createdById,
    mapping: job.mapping,
  };
}

export const FINISHED_STATUSES = ["completed", "failed", "cancelled"] as const;

export function isFinished(status: string): boolean {
  return (FINISHED_STATUSES as readonly string[]).includes(status);
}
