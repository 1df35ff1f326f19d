// The A/B subject test in the send ledger. At launch the frozen audience (hold-out excluded) is
// ordered by a hash of (campaign, spectator) — deterministic, unrelated to the hold-out's hash —
// and its first `sampleSize` rows get variants round-robin; the rest wait as "awaiting_winner".
// The decision reads per-variant results from the ledger and the tracking events
// (countAbResults in @rappel/campaigns/ab-results, shared with the staff report).
import { Prisma, type Tx } from "@rappel/db";
import { ZAbTestConfig, abVariants, sampleSize, subjectForVariant, type TAbTestConfig, type TAbVariant } from "@rappel/campaigns";

export interface SplitResult {
  sample: number;
  awaiting: number;
}

/** Splits the campaign's pending rows into the variants' sample and the remainder (run once, at launch). */
export async function splitAbSample(tx: Tx, tenantId: string, campaignId: string, config: TAbTestConfig): Promise<SplitResult> {
  const [row] = await tx.$queryRaw<{ n: bigint }[]>(Prisma.sql`
    SELECT count(*) AS n FROM campaign_delivery
     WHERE tenant_id = ${tenantId}::uuid AND campaign_id = ${campaignId}::uuid AND channel = 'email' AND status = 'pending'`);
  const audience = Number(row?.n ?? 0);
  const variantCount = abVariants(config).length;
  const sample = sampleSize(audience, config.samplePercent, variantCount);
  // Same rule as variantAtRank(): rank < sample → letter A + (rank % count), else the rest.
  await tx.$executeRaw(Prisma.sql`
    WITH ranked AS (
      SELECT spectator_id,
             row_number() OVER (ORDER BY md5(campaign_id::text || ':' || spectator_id::text) COLLATE "C", spectator_id) - 1 AS rk
        FROM campaign_delivery
       WHERE tenant_id = ${tenantId}::uuid AND campaign_id = ${campaignId}::uuid AND channel = 'email' AND status = 'pending')
    UPDATE campaign_delivery d
       SET variant = CASE WHEN r.rk < ${sample} THEN chr(65 + (r.rk % ${variantCount})::int)::ab_variant END,
           status = (CASE WHEN r.rk < ${sample} THEN 'pending' ELSE 'awaiting_winner' END)::delivery_status
      FROM ranked r
     WHERE d.tenant_id = ${tenantId}::uuid AND d.campaign_id = ${campaignId}::uuid AND d.channel = 'email'
       AND d.spectator_id = r.spectator_id`);
  return { sample, awaiting: audience - sample };
}

/** The campaign's A/B settings: null without a test, "invalid" when the stored JSON does not parse. */
export function campaignAbTest(raw: unknown): TAbTestConfig | null | "invalid" {
  if (raw === null || raw === undefined) return null;
  const parsed = ZAbTestConfig.safeParse(raw);
  return parsed.success ? parsed.data : "invalid";
}

/** At launch (same transaction as the audience snapshot): split, and return when to decide. */
export async function startAbTest(tx: Tx, tenantId: string, campaignId: string, config: TAbTestConfig, now: Date): Promise<Date> {
  await splitAbSample(tx, tenantId, campaignId, config);
  return new Date(now.getTime() + config.waitMinutes * 60_000);
}

/**
 * The subject one recipient gets: the campaign's own without a test, else its variant's (sample)
 * or the winner's (remainder). Null only if a remainder row were claimed before the decision,
 * which the ledger prevents (it stays "awaiting_winner" until the winner is committed).
 */
export function recipientSubject(mainSubject: string, abTest: TAbTestConfig | null, subjectVariant: TAbVariant | null): string | null {
  if (!abTest) return mainSubject;
  return subjectVariant ? subjectForVariant(mainSubject, abTest, subjectVariant) : null;
}
