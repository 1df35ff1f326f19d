// Where a spectator's personal data lives, table by table. Erasure, the retention purge of
// people and the access/portability export all walk this one list, so a table added by another
// area (survey answers, message deliveries…) is covered everywhere by adding one entry here.
// Entries run in order: rows that point at the spectator are handled before the spectator row.
import type { Tx } from "@rappel/db";

export type TLocationAction = "delete" | "unlink" | "scrub";

export interface PersonalDataLocation {
  table: string;
  /** delete the rows, unlink them (keep the row, drop the reference), or scrub sealed fields. */
  action: TLocationAction;
  /** Rows about these spectators, for exports (sealed columns are left out; the export opens them). */
  exportRows(tx: Tx, tenantId: string, spectatorIds: string[]): Promise<Record<string, unknown>[]>;
  /** Deletes or unlinks the rows; returns the number of rows touched. */
  erase(tx: Tx, tenantId: string, spectatorIds: string[]): Promise<number>;
  /** Rows still pointing at these spectators (the erasure receipt expects 0). */
  remaining(tx: Tx, tenantId: string, spectatorIds: string[]): Promise<number>;
}

async function countWhere(tx: Tx, sql: string, tenantId: string, ids: string[]): Promise<number> {
  const rows = await tx.$queryRawUnsafe<{ n: number }[]>(sql, tenantId, ids);
  return rows[0]?.n ?? 0;
}

/** A location whose rows reference the spectator through one column. */
function byColumn(table: string, column: string, action: "delete" | "unlink", select: string): PersonalDataLocation {
  const where = `tenant_id = $1::uuid AND ${column} = ANY($2::uuid[])`;
  return {
    table,
    action,
    exportRows: (tx, tenantId, ids) => tx.$queryRawUnsafe(`SELECT ${select} FROM ${table} WHERE ${where}`, tenantId, ids),
    erase: (tx, tenantId, ids) =>
      action === "delete"
        ? tx.$executeRawUnsafe(`DELETE FROM ${table} WHERE ${where}`, tenantId, ids)
        : tx.$executeRawUnsafe(`UPDATE ${table} SET ${column} = NULL WHERE ${where}`, tenantId, ids),
    remaining: (tx, tenantId, ids) => countWhere(tx, `SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, tenantId, ids),
  };
}

export const PERSONAL_DATA_LOCATIONS: PersonalDataLocation[] = [
  byColumn("consent", "spectator_id", "delete", "channel, status, source, recorded_at"),
  // Tickets and orders stay for statistics (date, price, performance) without the person.
  byColumn(
    "ticket",
    "holder_id",
    "unlink",
    "reference, performance_id, price_category, price_cents, currency, sales_channel, status, issued_at",
  ),
  byColumn("ticket_order", "spectator_id", "unlink", "reference, ordered_at, sales_channel, total_cents, currency, status"),
  byColumn("rollup_order", "spectator_id", "unlink", "performance_id, order_id, day"),
  {
    // A merge keeps the merged duplicate's sealed row: it is personal data of the same person.
    table: "spectator_merge",
    action: "delete",
    exportRows: (tx, tenantId, ids) =>
      tx.$queryRawUnsafe(
        `SELECT id, survivor_id, merged_id, rule, created_at, undone_at FROM spectator_merge
          WHERE tenant_id = $1::uuid AND (survivor_id = ANY($2::uuid[]) OR merged_id = ANY($2::uuid[]))`,
        tenantId,
        ids,
      ),
    erase: (tx, tenantId, ids) =>
      tx.$executeRawUnsafe(
        `DELETE FROM spectator_merge WHERE tenant_id = $1::uuid AND (survivor_id = ANY($2::uuid[]) OR merged_id = ANY($2::uuid[]))`,
        tenantId,
        ids,
      ),
    remaining: (tx, tenantId, ids) =>
      countWhere(
        tx,
        `SELECT count(*)::int AS n FROM spectator_merge WHERE tenant_id = $1::uuid AND (survivor_id = ANY($2::uuid[]) OR merged_id = ANY($2::uuid[]))`,
        tenantId,
        ids,
      ),
  },
  byColumn("processing_restriction", "spectator_id", "delete", "created_at, lifted_at"),
  // Rectification history: old and new values sealed (the export opens them).
  byColumn("spectator_rectification", "spectator_id", "delete", "request_id, field, old_enc, new_enc, changed_at"),
  byColumn("legal_hold", "spectator_id", "delete", "reason, created_at, released_at"),
  // Satisfaction: answers (through the person's invitations), then invitations and exclusions.
  {
    table: "survey_response",
    action: "delete",
    exportRows: (tx, tenantId, ids) =>
      tx.$queryRawUnsafe(
        `SELECT r.survey_id, r.version, r.answers, r.nps, r.current_page, r.completed_at FROM survey_response r
          WHERE r.tenant_id = $1::uuid AND r.invitation_id IN
                (SELECT i.id FROM survey_invitation i WHERE i.tenant_id = $1::uuid AND i.spectator_id = ANY($2::uuid[]))`,
        tenantId,
        ids,
      ),
    erase: (tx, tenantId, ids) =>
      tx.$executeRawUnsafe(
        `DELETE FROM survey_response r WHERE r.tenant_id = $1::uuid AND r.invitation_id IN
                (SELECT i.id FROM survey_invitation i WHERE i.tenant_id = $1::uuid AND i.spectator_id = ANY($2::uuid[]))`,
        tenantId,
        ids,
      ),
    remaining: (tx, tenantId, ids) =>
      countWhere(
        tx,
        `SELECT count(*)::int AS n FROM survey_response r WHERE r.tenant_id = $1::uuid AND r.invitation_id IN
                (SELECT i.id FROM survey_invitation i WHERE i.tenant_id = $1::uuid AND i.spectator_id = ANY($2::uuid[]))`,
        tenantId,
        ids,
      ),
  },
  byColumn("survey_invitation", "spectator_id", "delete", "survey_id, performance_id, status, scheduled_for, sent_at, opened_at, started_at"),
  byColumn("survey_exclusion", "spectator_id", "delete", "list, source, recorded_at"),
  // Activation: the person's message history (the ledger key includes the person, so no unlink).
  byColumn("campaign_event", "spectator_id", "delete", "campaign_id, kind, detail, occurred_at"),
  byColumn("campaign_delivery", "spectator_id", "delete", "campaign_id, channel, status, sent_at"),
  // Last: the spectator row itself, with its sealed identifiers and blind indexes.
  byColumn(
    "spectator",
    "id",
    "delete",
    "id, email_enc, phone_enc, first_name_enc, last_name_enc, street_address_enc, postal_code, commune_code, country, birth_year, language, external_ref, created_at, updated_at",
  ),
];

export interface TableCount {
  table: string;
  action: TLocationAction;
  rows: number;
}

/** Erases the spectators everywhere the registry knows; returns rows touched per table. */
export async function eraseSpectators(tx: Tx, tenantId: string, spectatorIds: string[]): Promise<TableCount[]> {
  const counts: TableCount[] = [];
  for (const location of PERSONAL_DATA_LOCATIONS) {
    const rows = spectatorIds.length === 0 ? 0 : await location.erase(tx, tenantId, spectatorIds);
    counts.push({ table: location.table, action: location.action, rows });
  }
  return counts;
}

export function addCounts(total: TableCount[], batch: TableCount[]): TableCount[] {
  const byTable = new Map(total.map((c) => [c.table, { ...c }]));
  for (const c of batch) {
    const existing = byTable.get(c.table);
    if (existing) existing.rows += c.rows;
    else byTable.set(c.table, { ...c });
  }
  return [...byTable.values()];
}
