// Per-tenant rollups behind the dashboards, rebuilt for the performances an import touched (or
// for the whole tenant) by delete + insert in the caller's transaction: readers see either the
// old rows or the new ones, never a half-refreshed performance.
import { z } from "zod";
import { Prisma, type Tx } from "@rappel/db";
import { parisDayOf } from "./scope";

export type RollupScope = { performanceIds: readonly string[] } | "all";

const ZRollupScope = z.union([
  z.literal("all"),
  z.object({ performanceIds: z.array(z.guid()).max(100_000) }),
]);

export interface RollupRefreshResult {
  dailySalesRows: number;
  audienceRows: number;
}

/** Great-circle distance in km between two (lat, lon) points given as SQL expressions. */
function haversineKm(lat1: Prisma.Sql, lon1: Prisma.Sql, lat2: Prisma.Sql, lon2: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(2 * 6371.0088 * asin(sqrt(
      power(sin(radians(${lat2} - ${lat1}) / 2), 2)
    + cos(radians(${lat1})) * cos(radians(${lat2})) * power(sin(radians(${lon2} - ${lon1}) / 2), 2))))`;
}

/**
 * Rebuilds rollup_daily_sales and rollup_audience for the given performances of one tenant.
 * A ticket counts when it is valid and its order is paid; complimentary tickets count as
 * tickets (and in `complimentary`) but bring no revenue. The sale day is the order's Paris day.
 */
export async function refreshRollups(tx: Tx, tenantId: string, scope: RollupScope): Promise<RollupRefreshResult> {
  const parsed = ZRollupScope.parse(scope);
  const ids = parsed === "all" ? null : [...new Set(parsed.performanceIds)];
  if (ids && ids.length === 0) return { dailySalesRows: 0, audienceRows: 0 };

  // Two refreshes of one tenant at once would both delete, then collide on insert: serialise them.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`rappel:rollups:${tenantId}`}, 0))`;

  const onlyRollup = ids ? Prisma.sql`AND performance_id = ANY(${ids}::uuid[])` : Prisma.empty;
  const onlyTicket = ids ? Prisma.sql`AND t.performance_id = ANY(${ids}::uuid[])` : Prisma.empty;

  await tx.$executeRaw`DELETE FROM rollup_daily_sales WHERE tenant_id = ${tenantId}::uuid ${onlyRollup}`;
  await tx.$executeRaw`DELETE FROM rollup_audience WHERE tenant_id = ${tenantId}::uuid ${onlyRollup}`;

  const saleDay = parisDayOf(Prisma.sql`o.ordered_at`);
  const dailySalesRows = await tx.$executeRaw`
    INSERT INTO rollup_daily_sales
      (tenant_id, day, performance_id, sales_channel, price_category, tickets, complimentary, revenue_cents, orders, lead_days_sum)
    SELECT t.tenant_id, ${saleDay}, t.performance_id, t.sales_channel, t.price_category,
           count(*)::int,
           count(*) FILTER (WHERE t.is_complimentary)::int,
           coalesce(sum(t.price_cents) FILTER (WHERE NOT t.is_complimentary), 0)::bigint,
           count(DISTINCT t.order_id)::int,
           sum(${parisDayOf(Prisma.sql`p.starts_at`)} - ${saleDay})::bigint
      FROM ticket t
      JOIN ticket_order o ON o.tenant_id = t.tenant_id AND o.id = t.order_id
      JOIN performance p ON p.tenant_id = t.tenant_id AND p.id = t.performance_id
     WHERE t.tenant_id = ${tenantId}::uuid ${onlyTicket}
       AND t.status = 'valid' AND o.status = 'paid'
     GROUP BY 1, 2, 3, 4, 5`;

  // The spectator attending is the ticket's holder, else the order's buyer. Everyone in one
  // commune travels the same distance to a given venue, so the distance sum is per spectator.
  const audienceRows = await tx.$executeRaw`
    INSERT INTO rollup_audience
      (tenant_id, performance_id, commune_code, departement, spectators, tickets, revenue_cents, distance_km_sum)
    SELECT ${tenantId}::uuid, a.performance_id, coalesce(sp.commune_code, ''), coalesce(g.departement, ''),
           count(a.spectator_id)::int,
           sum(a.tickets)::int,
           sum(a.revenue)::bigint,
           coalesce(sum(${haversineKm(Prisma.sql`g.latitude`, Prisma.sql`g.longitude`, Prisma.sql`v.latitude`, Prisma.sql`v.longitude`)})
                    FILTER (WHERE a.spectator_id IS NOT NULL), 0)
      FROM (
        SELECT t.performance_id, coalesce(t.holder_id, o.spectator_id) AS spectator_id,
               count(*) AS tickets,
               coalesce(sum(t.price_cents) FILTER (WHERE NOT t.is_complimentary), 0) AS revenue
          FROM ticket t
          JOIN ticket_order o ON o.tenant_id = t.tenant_id AND o.id = t.order_id
         WHERE t.tenant_id = ${tenantId}::uuid ${onlyTicket}
           AND t.status = 'valid' AND o.status = 'paid'
         GROUP BY t.performance_id, coalesce(t.holder_id, o.spectator_id)
      ) a
      JOIN performance p ON p.tenant_id = ${tenantId}::uuid AND p.id = a.performance_id
      JOIN venue v ON v.tenant_id = p.tenant_id AND v.id = p.venue_id
      LEFT JOIN spectator sp ON sp.tenant_id = ${tenantId}::uuid AND sp.id = a.spectator_id
      LEFT JOIN geo_commune g ON g.code = sp.commune_code
     GROUP BY a.performance_id, coalesce(sp.commune_code, ''), coalesce(g.departement, '')`;

  return { dailySalesRows, audienceRows };
}
