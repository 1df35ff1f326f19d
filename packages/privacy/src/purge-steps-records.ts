// Purge steps for the categories that are records rather than people: consent proofs, ticketing
// documents, survey answers, campaign tracking, the suppression list and staff memberships. Each
// lists what is due (keys and start events only) and purges one batch; rows about a person under
// a legal hold are counted as held and left alone.
import type { Tx } from "@rappel/db";
import type { TableCount } from "./personal-data-registry";
import type { DueList, PurgeStep } from "./purge-steps";

/** SQL: the spectator in `column` is under an unreleased legal hold (`alias.tenant_id` scopes it). */
export function heldSql(alias: string, column: string): string {
  return `EXISTS (SELECT 1 FROM legal_hold h WHERE h.tenant_id = ${alias}.tenant_id AND h.spectator_id = ${column} AND h.released_at IS NULL)`;
}

type Row = { key: string; start_event: Date; held: boolean };

/** Runs a listing query returning (key, start_event, held) and splits held rows out. */
export async function listRows(tx: Tx, sql: string, tenantId: string, cutoff: Date): Promise<DueList> {
  const rows = await tx.$queryRawUnsafe<Row[]>(sql, tenantId, cutoff);
  return {
    due: rows.filter((r) => !r.held).map((r) => ({ key: r.key, startEvent: r.start_event })),
    held: rows.filter((r) => r.held).length,
  };
}

/** Withdrawn consents: the proof is kept for the limitation period after the withdrawal, then deleted. */
const consentProofs: PurgeStep = {
  category: "consent_proofs",
  listDue: (tx, tenantId, cutoff) =>
    listRows(
      tx,
      `SELECT c.spectator_id::text || ':' || c.channel::text AS key, c.recorded_at AS start_event, ${heldSql("c", "c.spectator_id")} AS held
         FROM consent c WHERE c.tenant_id = $1::uuid AND c.status = 'withdrawn' AND c.recorded_at <= $2
        ORDER BY c.recorded_at, key`,
      tenantId,
      cutoff,
    ),
  async purgeBatch(tx, tenantId, keys) {
    const rows = await tx.$executeRawUnsafe(
      `DELETE FROM consent c USING unnest($2::text[]) AS k(key)
        WHERE c.tenant_id = $1::uuid AND c.status = 'withdrawn'
          AND c.spectator_id = split_part(k.key, ':', 1)::uuid AND c.channel::text = split_part(k.key, ':', 2)`,
      tenantId,
      keys,
    );
    return [{ table: "consent", action: "delete", rows }];
  },
};

/**
 * Accounting documents outlive the customer relationship: at the end of their own period an order
 * and its tickets lose the person (buyer and holders), as the customer purge does earlier for
 * people who stopped buying.
 */
const ticketsOrders: PurgeStep = {
  category: "tickets_orders",
  listDue: (tx, tenantId, cutoff) =>
    listRows(
      tx,
      `SELECT o.id::text AS key, o.ordered_at AS start_event,
              (${heldSql("o", "o.spectator_id")}
               OR EXISTS (SELECT 1 FROM ticket t WHERE t.tenant_id = o.tenant_id AND t.order_id = o.id AND ${heldSql("t", "t.holder_id")})) AS held
         FROM ticket_order o
        WHERE o.tenant_id = $1::uuid AND o.ordered_at <= $2
          AND (o.spectator_id IS NOT NULL
               OR EXISTS (SELECT 1 FROM ticket t WHERE t.tenant_id = o.tenant_id AND t.order_id = o.id AND t.holder_id IS NOT NULL))
        ORDER BY o.ordered_at, o.id`,
      tenantId,
      cutoff,
    ),
  async purgeBatch(tx, tenantId, keys) {
    const ticket = await tx.$executeRawUnsafe(
      `UPDATE ticket SET holder_id = NULL WHERE tenant_id = $1::uuid AND order_id = ANY($2::uuid[]) AND holder_id IS NOT NULL`,
      tenantId,
      keys,
    );
    const rollup = await tx.$executeRawUnsafe(
      `UPDATE rollup_order SET spectator_id = NULL WHERE tenant_id = $1::uuid AND order_id = ANY($2::uuid[]) AND spectator_id IS NOT NULL`,
      tenantId,
      keys,
    );
    const order = await tx.$executeRawUnsafe(
      `UPDATE ticket_order SET spectator_id = NULL WHERE tenant_id = $1::uuid AND id = ANY($2::uuid[]) AND spectator_id IS NOT NULL`,
      tenantId,
      keys,
    );
    return [
      { table: "ticket", action: "unlink", rows: ticket },
      { table: "ticket_order", action: "unlink", rows: order },
      { table: "rollup_order", action: "unlink", rows: rollup },
    ];
  },
};

/** The answer date of a response (`r`): completion, else the last saved page. */
const ANSWERED_AT = "coalesce(r.completed_at, r.updated_at)";

/** Free-text answers can identify the person: their sealed texts are deleted (scores and topics stay). */
const freeTextAnswers: PurgeStep = {
  category: "free_text_answers",
  listDue: (tx, tenantId, cutoff) =>
    listRows(
      tx,
      `SELECT r.id::text AS key, ${ANSWERED_AT} AS start_event, ${heldSql("i", "i.spectator_id")} AS held
         FROM survey_response r JOIN survey_invitation i ON i.tenant_id = r.tenant_id AND i.id = r.invitation_id
        WHERE r.tenant_id = $1::uuid AND r.texts_enc IS NOT NULL AND ${ANSWERED_AT} <= $2
        ORDER BY start_event, r.id`,
      tenantId,
      cutoff,
    ),
  async purgeBatch(tx, tenantId, keys) {
    const rows = await tx.$executeRawUnsafe(
      `UPDATE survey_response SET texts_enc = NULL WHERE tenant_id = $1::uuid AND id = ANY($2::uuid[]) AND texts_enc IS NOT NULL`,
      tenantId,
      keys,
    );
    return [{ table: "survey_response", action: "scrub", rows }];
  },
};

/**
 * Survey answers are anonymised: the invitation keeps survey, performance and dates but points to
 * no one (a fresh random id that matches no spectator — the column has no foreign key) and its
 * link token is replaced, so the answers stay in the results without the person.
 */
const surveyResponses: PurgeStep = {
  category: "survey_responses",
  listDue: (tx, tenantId, cutoff) =>
    listRows(
      tx,
      `SELECT i.id::text AS key, ${ANSWERED_AT} AS start_event, ${heldSql("i", "i.spectator_id")} AS held
         FROM survey_response r JOIN survey_invitation i ON i.tenant_id = r.tenant_id AND i.id = r.invitation_id
        WHERE r.tenant_id = $1::uuid AND ${ANSWERED_AT} <= $2
          AND EXISTS (SELECT 1 FROM spectator s WHERE s.tenant_id = i.tenant_id AND s.id = i.spectator_id)
        ORDER BY start_event, i.id`,
      tenantId,
      cutoff,
    ),
  async purgeBatch(tx, tenantId, keys) {
    const texts = await tx.$executeRawUnsafe(
      `UPDATE survey_response SET texts_enc = NULL WHERE tenant_id = $1::uuid AND invitation_id = ANY($2::uuid[]) AND texts_enc IS NOT NULL`,
      tenantId,
      keys,
    );
    const rows = await tx.$executeRawUnsafe(
      `UPDATE survey_invitation SET spectator_id = gen_random_uuid(), token_hash = sha256(convert_to(gen_random_uuid()::text, 'UTF8'))
        WHERE tenant_id = $1::uuid AND id = ANY($2::uuid[])`,
      tenantId,
      keys,
    );
    return [
      { table: "survey_invitation", action: "unlink", rows },
      { table: "survey_response", action: "scrub", rows: texts },
    ];
  },
};

/** Tracking data (opens, clicks, bounces) and the per-recipient send ledger of sent messages. */
const campaignEvents: PurgeStep = {
  category: "campaign_events",
  listDue: (tx, tenantId, cutoff) =>
    listRows(
      tx,
      `SELECT 'e:' || e.id::text AS key, e.occurred_at AS start_event, ${heldSql("e", "e.spectator_id")} AS held
         FROM campaign_event e WHERE e.tenant_id = $1::uuid AND e.occurred_at <= $2
       UNION ALL
       SELECT 'd:' || d.campaign_id::text || ':' || d.spectator_id::text || ':' || d.channel::text, d.sent_at, ${heldSql("d", "d.spectator_id")}
         FROM campaign_delivery d
        WHERE d.tenant_id = $1::uuid AND d.sent_at IS NOT NULL AND d.sent_at <= $2
          AND d.status IN ('sent', 'failed', 'bounced', 'skipped')
        ORDER BY start_event, key`,
      tenantId,
      cutoff,
    ),
  async purgeBatch(tx, tenantId, keys) {
    const events = keys.filter((k) => k.startsWith("e:")).map((k) => k.slice(2));
    const deliveries = keys.filter((k) => k.startsWith("d:")).map((k) => k.slice(2));
    const eventRows = await tx.$executeRawUnsafe(
      `DELETE FROM campaign_event WHERE tenant_id = $1::uuid AND id = ANY($2::uuid[])`,
      tenantId,
      events,
    );
    const deliveryRows = await tx.$executeRawUnsafe(
      `DELETE FROM campaign_delivery d USING unnest($2::text[]) AS k(key)
        WHERE d.tenant_id = $1::uuid AND d.campaign_id = split_part(k.key, ':', 1)::uuid
          AND d.spectator_id = split_part(k.key, ':', 2)::uuid AND d.channel::text = split_part(k.key, ':', 3)`,
      tenantId,
      deliveries,
    );
    return [
      { table: "campaign_event", action: "delete", rows: eventRows },
      { table: "campaign_delivery", action: "delete", rows: deliveryRows },
    ];
  },
};

/** Keyed hashes of objections and erasures (privacy) and of unsubscribes/bounces (Activation). */
const suppressionList: PurgeStep = {
  category: "suppression_list",
  listDue: (tx, tenantId, cutoff) =>
    listRows(
      tx,
      `SELECT 'p:' || encode(x.hash, 'hex') AS key, x.created_at AS start_event, false AS held
         FROM suppression_entry x WHERE x.tenant_id = $1::uuid AND x.created_at <= $2
       UNION ALL
       SELECT 'a:' || x.channel::text || ':' || encode(x.bidx, 'hex'), x.created_at, false
         FROM suppression x WHERE x.tenant_id = $1::uuid AND x.created_at <= $2
        ORDER BY start_event, key`,
      tenantId,
      cutoff,
    ),
  async purgeBatch(tx, tenantId, keys) {
    const privacy = keys.filter((k) => k.startsWith("p:")).map((k) => k.slice(2));
    const activation = keys.filter((k) => k.startsWith("a:")).map((k) => k.slice(2));
    const entries = await tx.$executeRawUnsafe(
      `DELETE FROM suppression_entry WHERE tenant_id = $1::uuid AND hash = ANY(SELECT decode(h, 'hex') FROM unnest($2::text[]) AS h)`,
      tenantId,
      privacy,
    );
    const suppressions = await tx.$executeRawUnsafe(
      `DELETE FROM suppression s USING unnest($2::text[]) AS k(key)
        WHERE s.tenant_id = $1::uuid AND s.channel::text = split_part(k.key, ':', 1) AND s.bidx = decode(split_part(k.key, ':', 2), 'hex')`,
      tenantId,
      activation,
    );
    return [
      { table: "suppression_entry", action: "delete", rows: entries },
      { table: "suppression", action: "delete", rows: suppressions },
    ];
  },
};

/**
 * Staff: the tenant's memberships of disabled accounts. The account itself is platform data shared
 * by every tenant it belongs to; it is not deleted here (the tenant cannot see other memberships).
 */
const staffAccounts: PurgeStep = {
  category: "staff_accounts",
  listDue: (tx, tenantId, cutoff) =>
    listRows(
      tx,
      `SELECT m.user_id::text AS key, u.disabled_at AS start_event, false AS held
         FROM membership m JOIN app_user u ON u.id = m.user_id
        WHERE m.tenant_id = $1::uuid AND u.disabled_at IS NOT NULL AND u.disabled_at <= $2
        ORDER BY u.disabled_at, m.user_id`,
      tenantId,
      cutoff,
    ),
  async purgeBatch(tx, tenantId, keys): Promise<TableCount[]> {
    const rows = await tx.$executeRawUnsafe(
      `DELETE FROM membership m USING app_user u
        WHERE m.tenant_id = $1::uuid AND m.user_id = ANY($2::uuid[]) AND u.id = m.user_id AND u.disabled_at IS NOT NULL`,
      tenantId,
      keys,
    );
    return [{ table: "membership", action: "delete", rows }];
  },
};

export const RECORD_PURGE_STEPS: readonly PurgeStep[] = [
  consentProofs,
  ticketsOrders,
  freeTextAnswers,
  surveyResponses,
  campaignEvents,
  suppressionList,
  staffAccounts,
];
