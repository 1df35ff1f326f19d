// A campaign's results: ledger counts, tracking events (distinct people), a timeline, and the
// tickets and revenue bought by recipients within N days after their send (vs the hold-out).
import { withTenant, Prisma, type Database } from "@rappel/db";
import type { Scope } from "./segments";

export interface CampaignReport {
  targeted: number;
  holdout: number;
  sent: number;
  failed: number;
  bounced: number;
  skipped: number;
  pending: number;
  /** Distinct people who opened (human opens) or clicked. */
  opened: number;
  machineOpened: number;
  clicked: number;
  unsubscribed: number;
  /** Distinct people whose message was delayed or temporarily refused (DSN 4.x.x). */
  softBounced: number;
  complaints: number;
  timeline: { hour: string; opens: number; clicks: number }[];
  attribution: { buyers: number; orders: number; revenueCents: number; holdoutBuyers: number; holdoutSize: number };
}

export async function getCampaignReport(db: Database, scope: Scope, campaignId: string, attributionDays: number): Promise<CampaignReport> {
  return withTenant(db, scope.tenantId, async (tx) => {
    const t = scope.tenantId;
    const statuses = await tx.$queryRaw<{ status: string; n: bigint }[]>(Prisma.sql`
      SELECT status::text AS status, count(*) AS n FROM campaign_delivery WHERE tenant_id = ${t}::uuid AND campaign_id = ${campaignId}::uuid GROUP BY 1`);
    const by = Object.fromEntries(statuses.map((s) => [s.status, Number(s.n)])) as Record<string, number>;
    // Distinct people per event kind; "opened" also counts clickers (the pixel is often blocked,
    // the link was still read), the same rule as the segment's "opened" and the A/B results.
    const events = await tx.$queryRaw<{ kind: string; n: bigint }[]>(Prisma.sql`
      SELECT kind, count(DISTINCT spectator_id) AS n FROM campaign_event WHERE tenant_id = ${t}::uuid AND campaign_id = ${campaignId}::uuid GROUP BY 1
      UNION ALL
      SELECT 'opened', count(DISTINCT spectator_id) FROM campaign_event
       WHERE tenant_id = ${t}::uuid AND campaign_id = ${campaignId}::uuid AND kind IN ('open', 'click')`);
    const ev = Object.fromEntries(events.map((e) => [e.kind, Number(e.n)])) as Record<string, number>;
    const timeline = await tx.$queryRaw<{ hour: Date; opens: bigint; clicks: bigint }[]>(Prisma.sql`
      SELECT date_trunc('hour', occurred_at) AS hour, count(*) FILTER (WHERE kind = 'open') AS opens, count(*) FILTER (WHERE kind = 'click') AS clicks
        FROM campaign_event WHERE tenant_id = ${t}::uuid AND campaign_id = ${campaignId}::uuid AND kind IN ('open', 'click')
       GROUP BY 1 ORDER BY 1 LIMIT 500`);
    // Orders placed by a recipient within N days after their message (or after the campaign's
    // start for the hold-out group, who got none).
    const attribution = await tx.$queryRaw<{ grp: string; buyers: bigint; orders: bigint; revenue: bigint | null; size: bigint }[]>(Prisma.sql`
      WITH recipients AS (
        SELECT d.spectator_id, d.status = 'holdout' AS holdout, COALESCE(d.sent_at, c.started_at) AS since
          FROM campaign_delivery d JOIN campaign c ON c.tenant_id = d.tenant_id AND c.id = d.campaign_id
         WHERE d.tenant_id = ${t}::uuid AND d.campaign_id = ${campaignId}::uuid AND d.status IN ('sent', 'holdout'))
      SELECT CASE WHEN r.holdout THEN 'holdout' ELSE 'sent' END AS grp,
             count(DISTINCT o.spectator_id) AS buyers, count(o.id) AS orders, sum(o.total_cents) AS revenue, count(DISTINCT r.spectator_id) AS size
        FROM recipients r
        LEFT JOIN ticket_order o ON o.tenant_id = ${t}::uuid AND o.spectator_id = r.spectator_id AND o.status = 'paid'
             AND o.ordered_at >= r.since AND o.ordered_at < r.since + make_interval(days => ${attributionDays})
       GROUP BY 1`);
    const sentGroup = attribution.find((a) => a.grp === "sent");
    const holdGroup = attribution.find((a) => a.grp === "holdout");
    return {
      targeted: Object.values(by).reduce((a, b) => a + b, 0),
      holdout: by.holdout ?? 0,
      sent: by.sent ?? 0,
      failed: by.failed ?? 0,
      bounced: by.bounced ?? 0,
      skipped: by.skipped ?? 0,
      pending: (by.pending ?? 0) + (by.sending ?? 0) + (by.awaiting_winner ?? 0), // A/B remainder waiting for its winner included
      opened: ev.opened ?? 0,
      machineOpened: ev.machine_open ?? 0,
      clicked: ev.click ?? 0,
      unsubscribed: ev.unsubscribe ?? 0,
      softBounced: ev.bounce_soft ?? 0,
      complaints: ev.complaint ?? 0,
      timeline: timeline.map((r) => ({ hour: r.hour.toISOString(), opens: Number(r.opens), clicks: Number(r.clicks) })),
      attribution: {
        buyers: Number(sentGroup?.buyers ?? 0), orders: Number(sentGroup?.orders ?? 0), revenueCents: Number(sentGroup?.revenue ?? 0),
        holdoutBuyers: Number(holdGroup?.buyers ?? 0), holdoutSize: Number(holdGroup?.size ?? 0),
      },
    };
  }, { userId: scope.userId });
}
