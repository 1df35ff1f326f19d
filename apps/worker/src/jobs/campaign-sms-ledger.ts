// The send ledger's SQL for SMS rows (campaign_delivery, channel 'sms'). Same state machine as
// e-mail (pending → sending → sent | failed | skipped), with two differences that matter for
// exactly-once: a row is committed "sent" one at a time, only by the claimer whose claim is still
// the row's current one (the attempts counter is the claim token), and the provider's message id
// is stored afterwards so delivery receipts can find the row.
import { Prisma, type Tx } from "@rappel/db";
import { claimedRows, sendTimeChecks } from "./campaign-ledger";

export interface ClaimedSmsRecipient {
  spectatorId: string;
  /** The claim token: only the claimer holding this value may commit the row. */
  attempts: number;
  phoneEnc: Uint8Array | null;
  firstNameEnc: Uint8Array | null;
  lastNameEnc: Uint8Array | null;
  consented: boolean;
  suppressed: boolean;
  restricted: boolean;
}

/** Claims up to `limit` sendable SMS rows of a batch (SKIP LOCKED), consent re-read now. */
export async function claimSmsChunk(tx: Tx, tenantId: string, campaignId: string, batch: number, now: Date, limit: number): Promise<ClaimedSmsRecipient[]> {
  return tx.$queryRaw<ClaimedSmsRecipient[]>(Prisma.sql`
    WITH ${claimedRows(tenantId, campaignId, batch, "sms", now, limit)}
    SELECT c.spectator_id::text AS "spectatorId", c.attempts AS "attempts",
           s.phone_enc AS "phoneEnc", s.first_name_enc AS "firstNameEnc", s.last_name_enc AS "lastNameEnc",
           ${sendTimeChecks("sms")}
      FROM claimed c JOIN spectator s ON s.tenant_id = ${tenantId}::uuid AND s.id = c.spectator_id`);
}

/** Commits "sent" before the message is handed over; false when the claim is no longer ours. */
export async function commitSmsSent(tx: Tx, tenantId: string, campaignId: string, r: Pick<ClaimedSmsRecipient, "spectatorId" | "attempts">, now: Date): Promise<boolean> {
  const n = await tx.$executeRaw(Prisma.sql`
    UPDATE campaign_delivery SET status = 'sent', sent_at = ${now}, claimed_until = NULL
     WHERE tenant_id = ${tenantId}::uuid AND campaign_id = ${campaignId}::uuid AND channel = 'sms'
       AND spectator_id = ${r.spectatorId}::uuid AND status = 'sending' AND attempts = ${r.attempts}
       AND claimed_until >= ${now}`);
  return n === 1;
}

export async function recordSmsProviderId(tx: Tx, tenantId: string, campaignId: string, spectatorId: string, providerId: string): Promise<void> {
  await tx.$executeRaw(Prisma.sql`
    UPDATE campaign_delivery SET provider_id = ${providerId}
     WHERE tenant_id = ${tenantId}::uuid AND campaign_id = ${campaignId}::uuid AND channel = 'sms'
       AND spectator_id = ${spectatorId}::uuid`);
}

export type TSmsOutcome =
  | { kind: "skipped"; reason: string }
  | { kind: "failed"; reason: string }
  | { kind: "retry"; reason: string; at: Date }
  /** Handed over, but the provider's answer was lost: stays "sent" (never risk a second copy). */
  | { kind: "unconfirmed"; reason: string };

/** Records a row's outcome; an explicit refusal re-opens or fails a row committed as "sent". */
export async function recordSmsOutcome(tx: Tx, tenantId: string, campaignId: string, spectatorId: string, outcome: TSmsOutcome): Promise<void> {
  if (outcome.kind === "unconfirmed") {
    await tx.$executeRaw(Prisma.sql`UPDATE campaign_delivery SET last_error = ${outcome.reason.slice(0, 500)}
      WHERE tenant_id = ${tenantId}::uuid AND campaign_id = ${campaignId}::uuid AND channel = 'sms' AND spectator_id = ${spectatorId}::uuid`);
    return;
  }
  const status = outcome.kind === "retry" ? "pending" : outcome.kind;
  const next = outcome.kind === "retry" ? outcome.at : null;
  await tx.$executeRaw(Prisma.sql`
    UPDATE campaign_delivery SET status = ${status}::delivery_status, last_error = ${outcome.reason.slice(0, 500)},
           next_attempt_at = ${next}, claimed_until = NULL, sent_at = NULL
     WHERE tenant_id = ${tenantId}::uuid AND campaign_id = ${campaignId}::uuid AND channel = 'sms'
       AND spectator_id = ${spectatorId}::uuid`);
}

/** Outside the send window: the batch's waiting rows wait for the next opening. */
export async function deferSmsBatch(tx: Tx, tenantId: string, campaignId: string, batch: number, until: Date): Promise<number> {
  return tx.$executeRaw(Prisma.sql`
    UPDATE campaign_delivery SET next_attempt_at = ${until}
     WHERE tenant_id = ${tenantId}::uuid AND campaign_id = ${campaignId}::uuid AND channel = 'sms' AND batch = ${batch}
       AND status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at < ${until})`);
}
