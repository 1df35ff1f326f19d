// Reads for the import screens, inside the tenant's scope and filtered by tenant explicitly.
import { withTenant, type ImportKind, type ImportStatus } from "@rappel/db";
import { listImportJobs } from "@rappel/ignition-import";
import { getDb } from "@/server/db";

export interface ImportListRow {
  id: string;
  fileName: string;
  kind: ImportKind;
  status: ImportStatus;
  source: string;
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  createdAt: Date;
  createdBy: string | null;
}

export async function listImports(tenantId: string, userId: string, page: { offset: number; limit: number }): Promise<{ total: number; rows: ImportListRow[] }> {
  return withTenant(
    getDb(),
    tenantId,
    async (tx) => {
      const [total, jobs] = await Promise.all([tx.importJob.count({ where: { tenantId } }), listImportJobs(tx, tenantId, page)]);
      const userIds = [...new Set(jobs.flatMap((j) => (j.createdById ? [j.createdById] : [])))];
      const users = userIds.length ? await tx.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : [];
      const names = new Map(users.map((u) => [u.id, u.name]));
      return {
        total,
        rows: jobs.map((j) => ({
          id: j.id,
          fileName: j.fileName,
          kind: j.kind,
          status: j.status,
          source: j.source,
          rowsRead: j.rowsRead,
          rowsAccepted: j.rowsAccepted,
          rowsRejected: j.rowsRejected,
          createdAt: j.createdAt,
          createdBy: j.createdById ? (names.get(j.createdById) ?? null) : null,
        })),
      };
    },
    { userId },
  );
}
