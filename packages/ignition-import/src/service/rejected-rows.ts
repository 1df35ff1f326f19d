// Rejected rows, for the people who fix the file: line, reasons as sentences, and the raw cells
// (stored sealed with the tenant's key: a raw row may hold personal data, so opening it is an
// audited read).
import { appendAuditEntry, withTenant, type Database, type Tx } from "@rappel/db";
import { toCsv, type CsvColumn } from "@rappel/ignition-analytics";
import type { MasterKey } from "@rappel/personal-data";
import type { FileKind, Language } from "@rappel/ticketing-import";
import { describeImportIssues, type StoredIssue } from "../import-issues";
import { loadTenantSealer, type TenantSealer } from "../tenant-keys";
import { getImportJob } from "./import-jobs";

export interface RejectedRowView {
  line: number;
  reasons: string[];
  issues: StoredIssue[];
  raw: Record<string, string>;
}

export interface RejectedRowsOptions {
  locale: Language;
  /** Who reads (audited); null for an API key or the system. */
  actorUserId?: string | null;
  /** Defaults to the configured MASTER_KEY. */
  masterKey?: MasterKey;
}

async function audit(tx: Tx, tenantId: string, importId: string, actorUserId: string | null | undefined, action: string, rows: number) {
  await appendAuditEntry(tx, tenantId, {
    actorUserId: actorUserId ?? null,
    actorKind: actorUserId ? "staff" : "system",
    action,
    targetType: "import_job",
    targetId: importId,
    details: { rows },
  });
}

function view(kind: FileKind, sealer: TenantSealer, importId: string, locale: Language, row: { line: number; reasons: unknown; rawSealed: Uint8Array }): RejectedRowView {
  const issues = (Array.isArray(row.reasons) ? row.reasons : []) as StoredIssue[];
  return { line: row.line, issues, reasons: describeImportIssues(kind, issues, locale), raw: sealer.openRejected(importId, row.rawSealed) };
}

/** One page of an import's rejected rows, by line. */
export async function listRejectedRows(
  tx: Tx,
  tenantId: string,
  importId: string,
  options: RejectedRowsOptions & { offset?: number; limit?: number },
): Promise<{ total: number; rows: RejectedRowView[] }> {
  const job = await getImportJob(tx, tenantId, importId);
  const [total, rows] = await Promise.all([
    tx.importRejectedRow.count({ where: { tenantId, importId } }),
    tx.importRejectedRow.findMany({
      where: { tenantId, importId },
      orderBy: { line: "asc" },
      skip: Math.max(0, options.offset ?? 0),
      take: Math.min(500, Math.max(1, options.limit ?? 50)),
    }),
  ]);
  if (rows.length === 0) return { total, rows: [] };
  const sealer = await loadTenantSealer(tx, tenantId, options.masterKey);
  await audit(tx, tenantId, importId, options.actorUserId, "import.rejected_rows.read", rows.length);
  return { total, rows: rows.map((r) => view(job.kind, sealer, importId, options.locale, r)) };
}

const PAGE = 2000;

/**
 * The rejected rows as a CSV download (line, reasons, then the file's columns), page by page, each
 * page in its own short tenant-scoped transaction so a slow download holds no transaction open.
 * Cells are formula-neutralised (toCsv). French uses ";" as Excel does in France.
 */
export async function* streamRejectedRowsCsv(db: Database, tenantId: string, importId: string, options: RejectedRowsOptions): AsyncGenerator<string> {
  const labels = options.locale === "fr" ? { line: "Ligne", reasons: "Motifs", other: "Autres cellules" } : { line: "Line", reasons: "Reasons", other: "Other cells" };
  const delimiter = options.locale === "fr" ? ";" : ",";
  let columns: CsvColumn<RejectedRowView>[] | null = null;
  let known = new Set<string>();
  let afterLine = 0;
  let first = true;
  for (;;) {
    const page = await withTenant(db, tenantId, async (tx) => {
      const job = await getImportJob(tx, tenantId, importId);
      const rows = await tx.importRejectedRow.findMany({ where: { tenantId, importId, line: { gt: afterLine } }, orderBy: { line: "asc" }, take: PAGE });
      if (rows.length === 0) return [];
      const sealer = await loadTenantSealer(tx, tenantId, options.masterKey);
      await audit(tx, tenantId, importId, options.actorUserId, "import.rejected_rows.export", rows.length);
      return rows.map((r) => view(job.kind, sealer, importId, options.locale, r));
    });
    if (!columns) {
      // The file's columns, from the first row (every row carries every header, empty or not).
      const headers = page[0] ? Object.keys(page[0].raw) : [];
      known = new Set(headers);
      columns = [
        { header: labels.line, value: (r) => r.line },
        { header: labels.reasons, value: (r) => r.reasons.join(" | ") },
        ...headers.map((h): CsvColumn<RejectedRowView> => ({ header: h, value: (r) => r.raw[h] ?? "" })),
        // Cells beyond the header row ("Colonne 23") differ from row to row: kept together.
        {
          header: labels.other,
          value: (r) =>
            Object.entries(r.raw)
              .filter(([k]) => !known.has(k))
              .map(([k, v]) => `${k}: ${v}`)
              .join(" | "),
        },
      ];
    }
    const text = toCsv(page, columns, { delimiter, bom: false });
    if (first) {
      yield `\uFEFF${text}`;
      first = false;
    } else {
      // toCsv always starts with the header row; later pages continue the same table.
      yield text.slice(toCsv([], columns, { delimiter, bom: false }).length);
    }
    if (page.length < PAGE) return;
    afterLine = page[page.length - 1]!.line;
  }
}
