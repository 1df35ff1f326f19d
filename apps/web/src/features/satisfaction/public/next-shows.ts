// The thank-you page's suggestions: the venue's next performances (of this tenant only: the query
// runs in its row-level-security scope and names it too), not cancelled, not started yet, those
// in a venue the spectator came to first, then by date; at most three, one per show.
import { Prisma, type Tx } from "@rappel/db";

export interface NextShow {
  showTitle: string;
  venueName: string;
  startsAt: Date;
}

export const NEXT_SHOWS_LIMIT = 3;

export async function findNextShows(tx: Tx, tenantId: string, attendedPerformanceIds: string[], now: Date): Promise<NextShow[]> {
  return tx.$queryRaw<NextShow[]>(Prisma.sql`
    WITH attended AS (
      SELECT DISTINCT venue_id, show_id FROM performance
       WHERE tenant_id = ${tenantId}::uuid AND id = ANY (${attendedPerformanceIds}::uuid[])
    ), upcoming AS (
      -- The first coming performance of each show (a run of 30 dates is one suggestion).
      SELECT DISTINCT ON (pf.show_id) pf.show_id, pf.venue_id, pf.starts_at
        FROM performance pf
       WHERE pf.tenant_id = ${tenantId}::uuid AND pf.status <> 'cancelled' AND pf.starts_at > ${now}
         AND pf.show_id NOT IN (SELECT show_id FROM attended)
       ORDER BY pf.show_id, (pf.venue_id IN (SELECT venue_id FROM attended)) DESC, pf.starts_at
    )
    SELECT sh.title AS "showTitle", ve.name AS "venueName", u.starts_at AS "startsAt"
      FROM upcoming u
      JOIN show sh ON sh.tenant_id = ${tenantId}::uuid AND sh.id = u.show_id
      JOIN venue ve ON ve.tenant_id = ${tenantId}::uuid AND ve.id = u.venue_id
     ORDER BY (u.venue_id IN (SELECT venue_id FROM attended)) DESC, u.starts_at
     LIMIT ${NEXT_SHOWS_LIMIT}`);
}
