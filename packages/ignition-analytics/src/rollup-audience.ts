// Audience rollups: rollup_audience (per performance and commune: the commune map),
// rollup_audience_departement (its sums per département: the choropleth and average distance)
// and rollup_audience_channel (per performance, sales channel and commune: both maps filtered by
// channel).
import { Prisma, type Tx } from "@rappel/db";
import { haversineKm, onlyPerformances } from "./rollup-sql";
import { COUNTED_TICKETS } from "./rollup-tickets";

/** Rebuilds the three tables for the performances (null: the whole tenant) from the counted tickets. */
export async function refreshAudienceRollups(tx: Tx, tenantId: string, ids: readonly string[] | null): Promise<{ audienceRows: number }> {
  await tx.$executeRaw`DELETE FROM rollup_audience WHERE tenant_id = ${tenantId}::uuid ${onlyPerformances(Prisma.sql`performance_id`, ids)}`;
  await tx.$executeRaw`DELETE FROM rollup_audience_departement WHERE tenant_id = ${tenantId}::uuid ${onlyPerformances(Prisma.sql`performance_id`, ids)}`;
  await tx.$executeRaw`DELETE FROM rollup_audience_channel WHERE tenant_id = ${tenantId}::uuid ${onlyPerformances(Prisma.sql`performance_id`, ids)}`;

  // The spectator attending is the ticket's holder, else the order's buyer. Everyone in one
  // commune travels the same distance to a given venue, so the distance sum is per spectator.
  // Both maps read the tickets reduced once to (performance, order channel, spectator) — about
  // one row per order — and the spectators' communes looked up once for them.
  const attendance = Prisma.sql`
    SELECT c.performance_id, c.order_channel, c.attendee_id AS spectator_id, count(*) AS tickets,
           coalesce(sum(c.price_cents) FILTER (WHERE NOT c.is_complimentary), 0) AS revenue
      FROM ${COUNTED_TICKETS} c
     GROUP BY c.performance_id, c.order_channel, c.attendee_id`;
  // (A data-modifying WITH runs to completion whether or not the query reads it.)
  const counted = await tx.$queryRaw<{ audienceRows: number }[]>`
    WITH attendance AS MATERIALIZED (
      SELECT a.*, coalesce(sp.commune_code, '') AS commune_code, coalesce(g.departement, '') AS departement, g.latitude, g.longitude
        FROM (${attendance}) a
        LEFT JOIN spectator sp ON sp.tenant_id = ${tenantId}::uuid AND sp.id = a.spectator_id
        LEFT JOIN geo_commune g ON g.code = sp.commune_code
    ),
    per_commune AS (
      INSERT INTO rollup_audience
        (tenant_id, performance_id, commune_code, departement, spectators, tickets, revenue_cents, distance_km_sum)
      SELECT ${tenantId}::uuid, a.performance_id, a.commune_code, a.departement,
             count(a.spectator_id)::int,
             sum(a.tickets)::int,
             sum(a.revenue)::bigint,
             coalesce(sum(${haversineKm(Prisma.sql`a.latitude`, Prisma.sql`a.longitude`, Prisma.sql`v.latitude`, Prisma.sql`v.longitude`)})
                      FILTER (WHERE a.spectator_id IS NOT NULL), 0)
        FROM (
          SELECT performance_id, spectator_id, commune_code, departement, latitude, longitude, sum(tickets) AS tickets, sum(revenue) AS revenue
            FROM attendance
           GROUP BY performance_id, spectator_id, commune_code, departement, latitude, longitude
        ) a
        JOIN performance p ON p.tenant_id = ${tenantId}::uuid AND p.id = a.performance_id
        JOIN venue v ON v.tenant_id = p.tenant_id AND v.id = p.venue_id
       GROUP BY a.performance_id, a.commune_code, a.departement
       ORDER BY a.performance_id, a.commune_code -- key order: see refreshSalesRollups
      RETURNING 1
    ),
    -- A person who bought one performance through two channels is in both channels' rows: each
    -- channel's map counts the people who bought through it.
    per_channel AS (
      INSERT INTO rollup_audience_channel
        (tenant_id, performance_id, sales_channel, commune_code, departement, spectators, tickets, revenue_cents)
      SELECT ${tenantId}::uuid, a.performance_id, a.order_channel, a.commune_code, a.departement,
             count(a.spectator_id)::int, sum(a.tickets)::int, sum(a.revenue)::bigint
        FROM attendance a
       GROUP BY a.performance_id, a.order_channel, a.commune_code, a.departement
       ORDER BY a.performance_id, a.order_channel, a.commune_code -- key order: see refreshSalesRollups
    )
    SELECT count(*)::int AS "audienceRows" FROM per_commune`;
  const audienceRows = counted[0]?.audienceRows ?? 0;

  // A spectator lives in one commune, so per performance the communes' spectators add up.
  await tx.$executeRaw`
    INSERT INTO rollup_audience_departement
      (tenant_id, performance_id, departement, spectators, tickets, revenue_cents, distance_km_sum)
    SELECT tenant_id, performance_id, departement, sum(spectators)::int, sum(tickets)::int, sum(revenue_cents)::bigint,
           sum(distance_km_sum)
      FROM rollup_audience
     WHERE tenant_id = ${tenantId}::uuid ${onlyPerformances(Prisma.sql`performance_id`, ids)}
     GROUP BY 1, 2, 3`;
  return { audienceRows };
}
