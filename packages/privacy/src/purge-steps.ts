// What the purge engine knows how to purge, per data category: how to list the records that are
// due (their key and start event, never personal data) and how to purge one batch of them.
import type { Tx } from "@rappel/db";
import { AUDIT_ENTRIES_STEP } from "./purge-step-audit";
import { eraseSpectators, type TableCount } from "./personal-data-registry";
import { heldSql, listRows, RECORD_PURGE_STEPS } from "./purge-steps-records";

export interface DueRecord {
  key: string;
  startEvent: Date;
}

export interface DueList {
  due: DueRecord[];
  /** Records that would be due but are under a legal hold. */
  held: number;
}

export interface PurgeStep {
  category: string;
  listDue(tx: Tx, tenantId: string, cutoff: Date): Promise<DueList>;
  /** `now` is the engine's clock (for what the step records, e.g. the audit anchor entry). */
  purgeBatch(tx: Tx, tenantId: string, keys: string[], now: Date): Promise<TableCount[]>;
  /**
   * Intermediate archive: marks the records whose active period ended on or before
   * `activeCutoff` as archived (out of normal use) and un-marks those back in their active
   * period (a new contact). Only for categories whose records have such a flag.
   */
  archive?(tx: Tx, tenantId: string, activeCutoff: Date, now: Date): Promise<{ archived: number; restored: number }>;
}

/**
 * The events that count as "the person got in touch" for a spectator, as SQL expressions over
 * `s` (the spectator row). Other areas add theirs at merge (a survey answer, a click — an e-mail
 * open does not count, it is not initiated by the person).
 */
export const CONTACT_EVENT_SOURCES: string[] = [
  "(SELECT max(o.ordered_at) FROM ticket_order o WHERE o.tenant_id = s.tenant_id AND o.spectator_id = s.id)",
  "(SELECT max(t.issued_at) FROM ticket t WHERE t.tenant_id = s.tenant_id AND t.holder_id = s.id)",
];

/** People: customers (some contact event) or prospects (none: the record's creation starts the clock). */
function spectatorStep(category: "customer" | "prospect"): PurgeStep {
  const lastContact = `greatest(${CONTACT_EVENT_SOURCES.join(", ")})`;
  return {
    category,
    listDue: (tx, tenantId, cutoff) =>
      listRows(
        tx,
        `SELECT id::text AS key, start_event, held FROM (
           SELECT s.id, ${category === "customer" ? "a.last_contact" : "s.created_at"} AS start_event,
                  ${heldSql("s", "s.id")} AS held, a.last_contact
             FROM spectator s CROSS JOIN LATERAL (SELECT ${lastContact} AS last_contact) a
            WHERE s.tenant_id = $1::uuid) x
          WHERE ${category === "customer" ? "last_contact IS NOT NULL" : "last_contact IS NULL"}
            AND start_event <= $2
          ORDER BY start_event, id`,
        tenantId,
        cutoff,
      ),
    purgeBatch: (tx, tenantId, keys) => eraseSpectators(tx, tenantId, keys),
    async archive(tx, tenantId, activeCutoff, now) {
      const startEvent = category === "customer" ? "a.last_contact" : "s.created_at";
      const belongs = category === "customer" ? "a.last_contact IS NOT NULL" : "a.last_contact IS NULL";
      const rows = await tx.$queryRawUnsafe<{ archived: number; restored: number }[]>(
        `WITH target AS (
           SELECT s.id, (${startEvent} <= $2) AS past
             FROM spectator s CROSS JOIN LATERAL (SELECT ${lastContact} AS last_contact) a
            WHERE s.tenant_id = $1::uuid AND ${belongs}
              AND ((${startEvent} <= $2) <> (s.archived_at IS NOT NULL))),
         changed AS (
           UPDATE spectator s SET archived_at = CASE WHEN t.past THEN $3::timestamptz ELSE NULL END
             FROM target t WHERE s.tenant_id = $1::uuid AND s.id = t.id
           RETURNING t.past)
         SELECT count(*) FILTER (WHERE past)::int AS archived, count(*) FILTER (WHERE NOT past)::int AS restored FROM changed`,
        tenantId,
        activeCutoff,
        now,
      );
      return rows[0] ?? { archived: 0, restored: 0 };
    },
  };
}

const rejectedImportRows: PurgeStep = {
  category: "rejected_import_rows",
  async listDue(tx, tenantId, cutoff) {
    const rows = await tx.$queryRawUnsafe<{ import_id: string; line: number; created_at: Date }[]>(
      `SELECT import_id, line, created_at FROM import_rejected_row
        WHERE tenant_id = $1::uuid AND created_at <= $2 ORDER BY created_at, import_id, line`,
      tenantId,
      cutoff,
    );
    return { due: rows.map((r) => ({ key: `${r.import_id}:${r.line}`, startEvent: r.created_at })), held: 0 };
  },
  async purgeBatch(tx, tenantId, keys) {
    const importIds = keys.map((k) => k.split(":")[0]!);
    const lines = keys.map((k) => Number(k.split(":")[1]));
    const rows = await tx.$executeRawUnsafe(
      `DELETE FROM import_rejected_row r USING unnest($2::uuid[], $3::int[]) AS k(import_id, line)
        WHERE r.tenant_id = $1::uuid AND r.import_id = k.import_id AND r.line = k.line`,
      tenantId,
      importIds,
      lines,
    );
    return [{ table: "import_rejected_row", action: "delete", rows }];
  },
};

export const PURGE_STEPS: readonly PurgeStep[] = [
  spectatorStep("customer"),
  spectatorStep("prospect"),
  rejectedImportRows,
  ...RECORD_PURGE_STEPS,
  AUDIT_ENTRIES_STEP,
];

export function findPurgeStep(category: string): PurgeStep | undefined {
  return PURGE_STEPS.find((s) => s.category === category);
}
