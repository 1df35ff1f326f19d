// The send ledger's SQL (campaign_delivery). Its primary key (tenant, campaign, spectator,
// channel) makes the audience snapshot idempotent, and its status machine makes each send
// exactly-once: pending → sending (claimed, with a deadline) → sent (committed just before the
// SMTP terminator) | failed | bounced | skipped. A row left in "sending" past its deadline was
// claimed by a worker that died before its commit: the server never got the whole message, so
// it is claimed again.
import { Prisma, type Tx } from "@rappel/db";
import { segmentWhere, type TSegmentRules } from "@rappel/segments";

export const BATCH_SIZE = 2_000;
export const CLAIM_CHUNK = 250;
export const CLAIM_TTL_MS = 15_000;
export const MAX_ATTEMPTS = 5;

/** The contact each channel needs (fixed column names, never input). */
const CONTACT_COLUMN = { email: Prisma.raw("s.email_enc"), sms: Prisma.raw("s.phone_enc") } as const;

/**
 * Freezes the audience: one ledger row per matching spectator with the channel's contact and
 * consent (idempotent).
 */
export async function snapshotAudience(
  tx: Tx,
  tenantId: string,
  campaignId: string,
  rules: TSegmentRules,
  holdoutPercent: number,
  now: Date,
  channel: "email" | "sms" = "email",
): Promise<number> {
  return tx.$executeRaw(Prisma.sql`
    INSERT INTO campaign_delivery (tenant_id, campaign_id, spectator_id, channel, status, batch)
    SELECT s.tenant_id, ${campaignId}::uuid, s.id, ${channel}::campaign_channel,
           (CASE WHEN abs(hashtext(${campaignId} || s.id::text)) % 100 < ${holdoutPercent}
                 THEN 'holdout' ELSE 'pending' END)::delivery_status,
           ((row_number() OVER (ORDER BY s.id)) - 1) / ${BATCH_SIZE}
      FROM spectator s
     WHERE ${segmentWhere(tenantId, rules, now)}
       AND ${CONTACT_COLUMN[channel]} IS NOT NULL
       AND EXISTS (SELECT 1 FROM consent c WHERE c.tenant_id = s.tenant_id AND c.spectator_id = s.id
                      AND c.channel = ${channel}::consent_channel AND c.status = 'granted')
       AND NOT EXISTS (SELECT 1 FROM processing_restriction pr WHERE pr.tenant_id = s.tenant_id
                          AND pr.spectator_id = s.id AND pr.lifted_at IS NULL)
    ON CONFLICT DO NOTHING`);
}

/**
 * Gives the planner the ledger's statistics after a snapshot (through an owner-run function: the
 * application role may not ANALYZE). Without them a new campaign looks like a row or two, and
 * every claim and group commit filtered the whole campaign instead of using the primary key.
 */
export async function analyzeLedger(tx: Tx, tenantId: string): Promise<void> {
  await tx.$executeRaw(Prisma.sql`SELECT analyze_campaign_ledger(${tenantId}::uuid)`);
}

export interface ClaimedRecipient {
  spectatorId: string;
  attempts: number;
  emailEnc: Uint8Array | null;
  firstNameEnc: Uint8Array | null;
  lastNameEnc: Uint8Array | null;
  /** Re-checked now, not when the audience was frozen. */
  consented: boolean;
  suppressed: boolean;
  /** Processing restricted (GDPR Art. 18) by a data-subject request, not lifted, or the person archived. */
  restricted: boolean;
  /** A/B test: the row's sample variant, else the campaign's winner (null: no test, or undecided). */
  subjectVariant: "A" | "B" | "C" | null;
}

/**
 * The `picked` and `claimed` CTEs of a claim: up to `limit` claimable rows of one batch and
 * channel, locked with SKIP LOCKED (concurrent jobs never share), marked "sending" with a
 * deadline; `claimed` returns spectator_id, attempts and the `extra` columns.
 */
export function claimedRows(
  tenantId: string, campaignId: string, batch: number, channel: "email" | "sms", now: Date, limit: number, extra: Prisma.Sql = Prisma.empty,
): Prisma.Sql {
  const until = new Date(now.getTime() + CLAIM_TTL_MS);
  return Prisma.sql`picked AS (
      SELECT d.spectator_id FROM campaign_delivery d
       WHERE d.tenant_id = ${tenantId}::uuid AND d.campaign_id = ${campaignId}::uuid AND d.batch = ${batch}
         AND d.channel = ${channel}::campaign_channel
         AND ((d.status = 'pending' AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= ${now}))
              OR (d.status = 'sending' AND d.claimed_until < ${now}))
       ORDER BY d.spectator_id
       LIMIT ${limit}
       FOR UPDATE SKIP LOCKED
    ), claimed AS (
      UPDATE campaign_delivery d SET status = 'sending', claimed_until = ${until}, attempts = d.attempts + 1
       WHERE d.tenant_id = ${tenantId}::uuid AND d.campaign_id = ${campaignId}::uuid AND d.channel = ${channel}::campaign_channel
         -- an array, not a join with the CTE: the primary key then finds each row directly (a
         -- fresh ledger has no statistics, and the join was planned as a nested loop over the
         -- whole campaign for every claimed row)
         AND d.spectator_id = ANY(ARRAY(SELECT spectator_id FROM picked))
      RETURNING d.spectator_id, d.attempts${extra === Prisma.empty ? Prisma.empty : Prisma.sql`, ${extra}`}
    )`;
}

/**
 * The checks made at send time, not only when the segment was computed, as the claim's columns
 * "consented", "suppressed" and "restricted" over the spectator `s`: the channel's consent,
 * the suppression list (by the channel's blind index), a processing restriction or archiving.
 */
export function sendTimeChecks(channel: "email" | "sms"): Prisma.Sql {
  const ch = Prisma.raw(`'${channel}'`); // a closed union: two literals, never user input
  const bidx = Prisma.raw(channel === "email" ? "s.email_bidx" : "s.phone_bidx");
  return Prisma.sql`EXISTS (SELECT 1 FROM consent co WHERE co.tenant_id = s.tenant_id AND co.spectator_id = s.id
                     AND co.channel = ${ch} AND co.status = 'granted') AS "consented",
           (${bidx} IS NOT NULL AND EXISTS (SELECT 1 FROM suppression su WHERE su.tenant_id = s.tenant_id
                     AND su.channel = ${ch} AND su.bidx = ${bidx})) AS "suppressed",
           -- archived since the snapshot (past the active retention period) is out of use too
           (s.archived_at IS NOT NULL OR EXISTS (SELECT 1 FROM processing_restriction pr WHERE pr.tenant_id = s.tenant_id
                     AND pr.spectator_id = s.id AND pr.lifted_at IS NULL)) AS "restricted"`;
}

/** Claims up to CLAIM_CHUNK sendable rows of a batch (SKIP LOCKED: concurrent jobs never share). */
export async function claimChunk(tx: Tx, tenantId: string, campaignId: string, batch: number, now: Date): Promise<ClaimedRecipient[]> {
  return tx.$queryRaw<ClaimedRecipient[]>(Prisma.sql`
    WITH ${claimedRows(tenantId, campaignId, batch, "email", now, CLAIM_CHUNK, Prisma.sql`d.variant`)}
    SELECT c.spectator_id::text AS "spectatorId", c.attempts AS "attempts",
           s.email_enc AS "emailEnc", s.first_name_enc AS "firstNameEnc", s.last_name_enc AS "lastNameEnc",
           ${sendTimeChecks("email")},
           -- read with the claim: a remainder row is claimable only once its winner is committed
           COALESCE(c.variant, (SELECT ca.ab_winner FROM campaign ca WHERE ca.tenant_id = ${tenantId}::uuid
                     AND ca.id = ${campaignId}::uuid))::text AS "subjectVariant"
      FROM claimed c JOIN spectator s ON s.tenant_id = ${tenantId}::uuid AND s.id = c.spectator_id`);
}

/**
 * The group commit's statement, for the rows whose bodies are on the wire: the rows still claimed
 * ("sending") become "sent"; it returns the spectators it took (a row whose claim expired and was
 * taken over is not). Run in a transaction left open (TenantBatch.begin) so that the SMTP
 * terminators and the COMMIT leave together (decision 0006).
 */
export function markSentSql(tenantId: string, campaignId: string, spectatorIds: string[], now: Date): Prisma.Sql {
  return Prisma.sql`
    UPDATE campaign_delivery SET status = 'sent', sent_at = ${now}, claimed_until = NULL
     WHERE tenant_id = ${tenantId}::uuid AND campaign_id = ${campaignId}::uuid AND channel = 'email'
       AND spectator_id = ANY(${spectatorIds}::uuid[]) AND status = 'sending'
    RETURNING spectator_id::text AS id`;
}

export type TOutcome =
  | { kind: "skipped"; reason: string }
  | { kind: "failed"; reason: string }
  | { kind: "bounced"; reason: string }
  | { kind: "retry"; reason: string; at: Date };

export async function recordOutcome(tx: Tx, tenantId: string, campaignId: string, spectatorId: string, outcome: TOutcome): Promise<void> {
  const status = outcome.kind === "retry" ? "pending" : outcome.kind;
  const next = outcome.kind === "retry" ? outcome.at : null;
  await tx.$executeRaw(Prisma.sql`
    UPDATE campaign_delivery SET status = ${status}::delivery_status, last_error = ${outcome.reason.slice(0, 500)},
           next_attempt_at = ${next}, claimed_until = NULL
     WHERE tenant_id = ${tenantId}::uuid AND campaign_id = ${campaignId}::uuid AND channel = 'email'
       AND spectator_id = ${spectatorId}::uuid`);
}

export interface CampaignCounts {
  total: number;
  holdout: number;
  pending: number;
  sending: number;
  sent: number;
  failed: number;
  bounced: number;
  skipped: number;
  awaiting_winner: number;
}

export async function countDeliveries(tx: Tx, tenantId: string, campaignId: string): Promise<CampaignCounts> {
  const rows = await tx.$queryRaw<{ status: string; n: bigint }[]>(Prisma.sql`
    SELECT status::text AS status, count(*) AS n FROM campaign_delivery
     WHERE tenant_id = ${tenantId}::uuid AND campaign_id = ${campaignId}::uuid GROUP BY status`);
  const counts: CampaignCounts = { total: 0, holdout: 0, pending: 0, sending: 0, sent: 0, failed: 0, bounced: 0, skipped: 0, awaiting_winner: 0 };
  for (const r of rows) {
    const n = Number(r.n);
    counts.total += n;
    if (r.status in counts) counts[r.status as keyof CampaignCounts] = n;
  }
  return counts;
}

/**
 * Batches from `fromBatch` on that still have claimable rows now (for the sweep and for
 * chaining). A finished batch chains from its own number: the index then starts there instead
 * of walking every row of the batches already sent (the sweep, from 0, finds retries due in them).
 */
export async function openBatches(tx: Tx, tenantId: string, campaignId: string, now: Date, limit: number, fromBatch = 0): Promise<number[]> {
  const rows = await tx.$queryRaw<{ batch: number }[]>(Prisma.sql`
    SELECT DISTINCT batch FROM campaign_delivery
     WHERE tenant_id = ${tenantId}::uuid AND campaign_id = ${campaignId}::uuid AND batch >= ${fromBatch}
       AND ((status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= ${now}))
            OR (status = 'sending' AND claimed_until < ${now}))
     ORDER BY batch LIMIT ${limit}`);
  return rows.map((r) => r.batch);
}

/** Whether anything is left to do (pending rows, even if their retry is later, live claims, or an A/B remainder). */
export async function hasUnfinished(tx: Tx, tenantId: string, campaignId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ x: number }[]>(Prisma.sql`
    SELECT 1 AS x FROM campaign_delivery WHERE tenant_id = ${tenantId}::uuid AND campaign_id = ${campaignId}::uuid
       AND status IN ('pending', 'sending', 'awaiting_winner') LIMIT 1`);
  return rows.length > 0;
}
