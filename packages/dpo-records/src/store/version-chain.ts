// Verifies the hash chains of the DPO version tables (decision 0008, migration 20261128300000):
// each version's hash is recomputed by the same SQL function that computed it on insert, each
// version must point at the previous version's hash, versions must follow 1, 2, 3… with none
// missing, and the current document must equal its last version. The first problem of each
// chain is reported; what follows it cannot be trusted either.
import { withPlatformAccess, type Database, type Tx } from "@rappel/db";
import type { DpoActor } from "./processor-register";

export type ChainScope = "document" | "subprocessor" | "processor_record";
export type ChainProblem = "missing_hash" | "content_changed" | "link_broken" | "version_missing" | "current_differs";

export interface ChainBreak {
  scope: ChainScope;
  /** The document's id, the sub-processor's id or the tenant's id. */
  key: string;
  /** What a person recognises: the reference, the sub-processor's name, the tenant's name. */
  label: string;
  /** The document's kind (controller_activity, breach, dpia, vendor_profile), or the scope. */
  kind: string;
  version: number;
  problem: ChainProblem;
}

export interface ChainReport {
  checkedVersions: number;
  breaks: ChainBreak[];
}

interface Row {
  key: string;
  label: string;
  kind: string;
  version: number;
  problem: ChainProblem | null;
}

// The chains' tables, as constants (never from input): version table, key column, head table.
const CHAINS = {
  document: { versions: "dpo_document_version", key: "document_id", head: "dpo_document", headKey: "id", label: "h.reference", kind: "h.kind", content: "h.content" },
  subprocessor: { versions: "dpo_subprocessor_version", key: "subprocessor_id", head: "dpo_subprocessor", headKey: "id", label: "h.name", kind: "'subprocessor'", content: "to_jsonb(h) - 'created_at' - 'updated_at'" },
  processor_record: { versions: "dpo_processor_record_version", key: "tenant_id", head: "dpo_processor_record", headKey: "tenant_id", label: "(SELECT name FROM tenant WHERE id = h.tenant_id)", kind: "'processor_record'", content: "h.content" },
} as const;

function chainSql(scope: ChainScope, onlyKey: boolean): string {
  const c = CHAINS[scope];
  // The head's version (dpo_subprocessor has none: its last version stands for it).
  const headVersion = scope === "subprocessor" ? "max(v.version) OVER (PARTITION BY v." + c.key + ")" : "h.version";
  return `
    WITH v AS (
      SELECT v.${c.key}::text AS key, ${c.label} AS label, ${c.kind} AS kind, v.version, v.hash, v.prev_hash, v.content,
             dpo_version_hash(v.prev_hash, v.${c.key}::text, v.version, v.content, v.changes, v.actor_user_id, v.note, v.created_at) AS recomputed,
             lag(v.hash) OVER w AS previous_hash, coalesce(lag(v.version) OVER w, 0) AS previous_version,
             max(v.version) OVER (PARTITION BY v.${c.key}) AS last_version, ${headVersion} AS head_version,
             ${c.content} AS head_content
        FROM ${c.versions} v JOIN ${c.head} h ON h.${c.headKey} = v.${c.key}
       ${onlyKey ? `WHERE v.${c.key} = $1::uuid` : ""}
      WINDOW w AS (PARTITION BY v.${c.key} ORDER BY v.version)
    )
    SELECT key, label, kind, version,
      CASE WHEN hash IS NULL THEN 'missing_hash'
           WHEN version <> previous_version + 1 THEN 'version_missing'
           WHEN prev_hash IS DISTINCT FROM previous_hash THEN 'link_broken'
           WHEN hash <> recomputed THEN 'content_changed'
           WHEN version = last_version AND head_version <> last_version THEN 'version_missing'
           WHEN version = last_version AND head_content <> content THEN 'current_differs'
      END AS problem
    FROM v ORDER BY key, version`;
}

function report(scope: ChainScope, rows: Row[]): ChainReport {
  const breaks: ChainBreak[] = [];
  const reported = new Set<string>();
  for (const row of rows) {
    if (!row.problem || reported.has(row.key)) continue;
    reported.add(row.key);
    breaks.push({ scope, key: row.key, label: row.label, kind: row.kind, version: Number(row.version), problem: row.problem });
  }
  return { checkedVersions: rows.length, breaks };
}

async function verify(db: Database | Tx, scope: ChainScope, key?: string): Promise<ChainReport> {
  const rows = key ? await db.$queryRawUnsafe<Row[]>(chainSql(scope, true), key) : await db.$queryRawUnsafe<Row[]>(chainSql(scope, false));
  return report(scope, rows);
}

/** The platform documents (registers RT, breaches, DPIAs, vendor profile) and the sub-processor register. */
export async function verifyPlatformChains(db: Database): Promise<ChainReport> {
  const [documents, subprocessors] = await Promise.all([verify(db, "document"), verify(db, "subprocessor")]);
  return { checkedVersions: documents.checkedVersions + subprocessors.checkedVersions, breaks: [...documents.breaks, ...subprocessors.breaks] };
}

/** One document's chain (shown under its history). */
export function verifyDocumentChain(db: Database | Tx, documentId: string): Promise<ChainReport> {
  return verify(db, "document", documentId);
}

/** One tenant's processor-register entry (read through the platform path: an audited access). */
export function verifyProcessorRecordChain(db: Database, actor: DpoActor, tenantId: string): Promise<ChainReport> {
  return withPlatformAccess(db, { userId: actor.userId, role: "dpo" }, { tenantId, reason: "DPO: processor register history (integrity check)" }, (tx) =>
    verify(tx, "processor_record", tenantId),
  );
}
