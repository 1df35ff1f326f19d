// Performances files: one row per performance (séance) with its reference, show, venue, times,
// capacity and status. Upserted by reference; a performance created earlier from a tickets file
// (same show, venue and start, no reference yet) takes the reference instead of being duplicated.
// Files are small (a season is a few hundred rows), so rows are written one by one.
import type pg from "pg";
import type { PerformanceRow } from "@rappel/ticketing-import";
import { genreForLabel } from "../catalogue/genres";
import { PerformanceResolver } from "../load/performance-resolver";
import type { Batch, BatchOutcome, KindProcessor, RejectedEntry } from "./types";

const STATUS = { scheduled: "scheduled", sold_out: "scheduled", postponed: "moved", cancelled: "cancelled" } as const;
const DEFAULT_DURATION_MS = 2 * 3600_000;

type Prepared = PerformanceRow & { line: number; raw: Readonly<Record<string, string>> };

export function performancesProcessor(client: pg.ClientBase, tenantId: string): KindProcessor<PerformanceRow, Prepared> {
  const resolver = new PerformanceResolver(tenantId);
  let onlyVenue: string | null | undefined;

  return {
    prepare(line, row, raw, warnings) {
      if (row.genre && !genreForLabel(row.genre)) warnings.push({ code: "genre.unknown", field: "genre", value: row.genre });
      // Any performances row may be refused when written, so its cells always come (keepsRaw).
      return { ...row, line, raw: raw! };
    },

    // Few rows (a season): everything in the first transaction.
    async resolve(batch: Batch<Prepared>, seal): Promise<BatchOutcome> {
      const rejected: RejectedEntry[] = [];
      const touched = new Set<string>();
      let accepted = 0;
      for (const row of batch.rows) {
        let venueId: string;
        let venueCapacity: number;
        if (row.venue) {
          const venue = await resolver.venue(client, row.venue);
          venueId = venue.id;
          venueCapacity = venue.capacity;
        } else {
          // A single-venue theatre's files often do not name the venue.
          if (onlyVenue === undefined) {
            const { rows } = await client.query<{ id: string }>(`SELECT id::text FROM venue WHERE tenant_id = $1::uuid LIMIT 2`, [tenantId]);
            onlyVenue = rows.length === 1 ? rows[0]!.id : null;
          }
          if (!onlyVenue) {
            rejected.push({ line: row.line, issues: [{ code: "venue.missing", field: "venue" }], rawSealed: seal(row.line, row.raw) });
            continue;
          }
          venueId = onlyVenue;
          venueCapacity = 0;
        }
        const genre = genreForLabel(row.genre);
        const showId = await resolver.show(client, row.showTitle, { genre, producer: row.producer });
        if (genre || row.producer) {
          await client.query(
            `UPDATE show SET genre = coalesce($3, genre), producer = coalesce(producer, $4)
              WHERE tenant_id = $1::uuid AND id = $2::uuid AND (genre IS DISTINCT FROM coalesce($3, genre) OR (producer IS NULL AND $4::text IS NOT NULL))`,
            [tenantId, showId, genre, row.producer],
          );
        }
        const capacity = row.capacity ?? venueCapacity;
        if (row.capacity !== null && row.capacity > venueCapacity) {
          // The venue's capacity is the largest configuration seen, until staff set it.
          await client.query(`UPDATE venue SET capacity = $3 WHERE tenant_id = $1::uuid AND id = $2::uuid AND capacity < $3`, [tenantId, venueId, row.capacity]);
        }
        const endsAt = row.end ?? new Date(row.start.getTime() + DEFAULT_DURATION_MS);
        await client.query(
          `UPDATE performance SET external_ref = $5
            WHERE tenant_id = $1::uuid AND external_ref IS NULL AND show_id = $2::uuid AND venue_id = $3::uuid AND starts_at = $4
              AND NOT EXISTS (SELECT 1 FROM performance p WHERE p.tenant_id = $1::uuid AND p.external_ref = $5)`,
          [tenantId, showId, venueId, row.start, row.reference],
        );
        const { rows } = await client.query<{ id: string }>(
          `INSERT INTO performance AS p (tenant_id, show_id, venue_id, starts_at, ends_at, capacity, blocked_seats, status, external_ref)
           VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5, $6, $7, $8, $9)
           ON CONFLICT (tenant_id, external_ref) DO UPDATE
              SET show_id = EXCLUDED.show_id, venue_id = EXCLUDED.venue_id, starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at,
                  capacity = EXCLUDED.capacity, blocked_seats = EXCLUDED.blocked_seats, status = EXCLUDED.status
           RETURNING id::text`,
          [tenantId, showId, venueId, row.start, endsAt, capacity, row.blockedSeats ?? 0, STATUS[row.status], row.reference],
        );
        touched.add(rows[0]!.id);
        accepted++;
      }
      return { accepted, rejected, performanceIds: touched, merges: 0, spectatorsCreated: 0 };
    },

    write: async (outcome) => outcome,
  };
}
