// SQL fragments shared by the rollup refreshes.
import { Prisma } from "@rappel/db";

/** Great-circle distance in km between two (lat, lon) points given as SQL expressions. */
export function haversineKm(lat1: Prisma.Sql, lon1: Prisma.Sql, lat2: Prisma.Sql, lon2: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(2 * 6371.0088 * asin(sqrt(
      power(sin(radians(${lat2} - ${lat1}) / 2), 2)
    + cos(radians(${lat1})) * cos(radians(${lat2})) * power(sin(radians(${lon2} - ${lon1}) / 2), 2))))`;
}

/** Start year of the season (1 September – 31 August) a date (SQL) falls in, as smallint. */
export function seasonOfDay(day: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(extract(year FROM ${day} - interval '8 months'))::smallint`;
}

/** `AND <column> = ANY(ids)`, or nothing for the whole tenant. */
export function onlyPerformances(column: Prisma.Sql, ids: readonly string[] | null): Prisma.Sql {
  return ids ? Prisma.sql`AND ${column} = ANY(${ids}::uuid[])` : Prisma.empty;
}

/**
 * The spectator (an SQL expression, possibly NULL) is not under an active GDPR restriction of
 * processing (Art. 18): restricted people's tickets and orders are left out of every rollup.
 */
export function notRestricted(tenantId: string, spectator: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`NOT EXISTS (SELECT 1 FROM processing_restriction pr
                                 WHERE pr.tenant_id = ${tenantId}::uuid AND pr.spectator_id = ${spectator} AND pr.lifted_at IS NULL)`;
}

/** A ticket (`t`) of an order (`o`) counts when neither its holder nor its buyer is restricted. */
export function countedTicket(tenantId: string): Prisma.Sql {
  return Prisma.sql`${notRestricted(tenantId, Prisma.sql`t.holder_id`)} AND ${notRestricted(tenantId, Prisma.sql`o.spectator_id`)}`;
}
