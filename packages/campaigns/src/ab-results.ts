// Per-variant results of an A/B subject test, read from the send ledger and the tracking events:
// messages sent, distinct human openers and distinct clickers among those sent (machine opens are
// another event kind; a click counts as an open: the pixel is often blocked, the link was still
// read), plus the remainder waiting for the winner. One query for the worker's
// decision and the staff report, so both always count the same way. Server-only (it queries the
// database): a subpath export, kept out of the package's index that client components import.
import { Prisma, type Tx } from "@rappel/db";
import type { TAbVariant, VariantCounts } from "./ab-test";

export interface AbLedgerCounts {
  /** One entry per variant asked for, in that order (zeros when none was sent yet). */
  variants: VariantCounts[];
  /** Rows outside the sample (hold-out excluded): all of them, still waiting, already sent. */
  remainder: { total: number; waiting: number; sent: number };
}

export async function countAbResults(tx: Tx, tenantId: string, campaignId: string, variants: readonly TAbVariant[]): Promise<AbLedgerCounts> {
  const rows = await tx.$queryRaw<{ variant: TAbVariant | null; total: bigint; waiting: bigint; sent: bigint; opens: bigint; clicks: bigint }[]>(Prisma.sql`
    SELECT d.variant::text AS variant, count(*) AS total,
           count(*) FILTER (WHERE d.status = 'awaiting_winner') AS waiting,
           count(*) FILTER (WHERE d.status = 'sent') AS sent,
           count(*) FILTER (WHERE d.status = 'sent' AND EXISTS (SELECT 1 FROM campaign_event e WHERE e.tenant_id = d.tenant_id
                    AND e.campaign_id = d.campaign_id AND e.spectator_id = d.spectator_id AND e.kind IN ('open', 'click'))) AS opens,
           count(*) FILTER (WHERE d.status = 'sent' AND EXISTS (SELECT 1 FROM campaign_event e WHERE e.tenant_id = d.tenant_id
                    AND e.campaign_id = d.campaign_id AND e.spectator_id = d.spectator_id AND e.kind = 'click')) AS clicks
      FROM campaign_delivery d
     WHERE d.tenant_id = ${tenantId}::uuid AND d.campaign_id = ${campaignId}::uuid AND d.status <> 'holdout'
     GROUP BY d.variant`);
  const rest = rows.find((r) => r.variant === null);
  return {
    variants: variants.map((variant) => {
      const r = rows.find((x) => x.variant === variant);
      return { variant, sent: Number(r?.sent ?? 0), humanOpens: Number(r?.opens ?? 0), clicks: Number(r?.clicks ?? 0) };
    }),
    remainder: { total: Number(rest?.total ?? 0), waiting: Number(rest?.waiting ?? 0), sent: Number(rest?.sent ?? 0) },
  };
}
