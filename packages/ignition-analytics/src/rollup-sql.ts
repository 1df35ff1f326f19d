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
