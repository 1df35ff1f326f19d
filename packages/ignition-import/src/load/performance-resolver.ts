// Finds or creates the performance a ticket row names: by the ticketing system's reference, or by
// show title + start + venue (shows matched by title, venues by name, both without regard to case
// or spacing). A file names few performances many times, so answers are cached for the whole
// import (a few thousand entries at most).
import type pg from "pg";

export interface PerformanceKey {
  ref: string | null;
  showTitle: string | null;
  start: Date | null;
  /** False when the file gave only the day: match any performance of the show that day. */
  hasTime: boolean;
  venue: string | null;
}

const tidy = (s: string) => s.normalize("NFC").replace(/\s+/g, " ").trim();
const fold = (s: string) => tidy(s).toLowerCase();

export function performanceCacheKey(k: PerformanceKey): string {
  if (k.ref) return `r\u0000${k.ref}\u0000${k.showTitle ? fold(k.showTitle) : ""}\u0000${k.start?.toISOString() ?? ""}\u0000${k.venue ? fold(k.venue) : ""}`;
  return `t\u0000${fold(k.showTitle ?? "")}\u0000${k.start?.toISOString() ?? ""}\u0000${k.hasTime ? 1 : 0}\u0000${fold(k.venue ?? "")}`;
}

// Ticketing exports rarely give the end: a typical performance length stands in.
const DEFAULT_DURATION_MS = 2 * 3600_000;

export class PerformanceResolver {
  private readonly performances = new Map<string, string | null>();
  private readonly venues = new Map<string, { id: string; capacity: number }>();
  private readonly shows = new Map<string, string>();
  /** Shows and venues this import created (reported in the summary). */
  readonly created = { venues: 0, shows: 0, performances: 0 };

  constructor(private readonly tenantId: string) {}

  /** A cached answer (undefined: not asked yet). Synchronous: most rows name a known performance. */
  cached(cacheKey: string): string | null | undefined {
    return this.performances.get(cacheKey);
  }

  /** The performance id, or null when a reference matches nothing and the row cannot create it. */
  async resolve(client: pg.ClientBase, key: PerformanceKey, cacheKey = performanceCacheKey(key)): Promise<string | null> {
    const cached = this.performances.get(cacheKey);
    if (cached !== undefined) return cached;
    const id = await this.lookup(client, key);
    this.performances.set(cacheKey, id);
    return id;
  }

  private async lookup(client: pg.ClientBase, key: PerformanceKey): Promise<string | null> {
    const t = this.tenantId;
    if (key.ref) {
      const { rows } = await client.query<{ id: string }>(`SELECT id::text FROM performance WHERE tenant_id = $1::uuid AND external_ref = $2`, [t, key.ref]);
      if (rows[0]) return rows[0].id;
    }
    if (!key.showTitle || !key.start || !key.venue) return null;
    const venue = await this.venue(client, key.venue);
    const showId = await this.show(client, key.showTitle);
    const match = key.hasTime
      ? await client.query<{ id: string; external_ref: string | null }>(
          `SELECT id::text, external_ref FROM performance WHERE tenant_id = $1::uuid AND show_id = $2::uuid AND venue_id = $3::uuid AND starts_at = $4
            ORDER BY created_at LIMIT 1`,
          [t, showId, venue.id, key.start],
        )
      : await client.query<{ id: string; external_ref: string | null }>(
          `SELECT id::text, external_ref FROM performance WHERE tenant_id = $1::uuid AND show_id = $2::uuid AND venue_id = $3::uuid
              AND (starts_at AT TIME ZONE 'Europe/Paris')::date = ($4::timestamptz AT TIME ZONE 'Europe/Paris')::date
            ORDER BY starts_at LIMIT 1`,
          [t, showId, venue.id, key.start],
        );
    const found = match.rows[0];
    if (found) {
      if (key.ref && !found.external_ref) {
        await client.query(`UPDATE performance SET external_ref = $3 WHERE tenant_id = $1::uuid AND id = $2::uuid`, [t, found.id, key.ref]);
      }
      return found.id;
    }
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO performance (tenant_id, show_id, venue_id, starts_at, ends_at, capacity, external_ref)
       VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5, $6, $7) RETURNING id::text`,
      [t, showId, venue.id, key.start, new Date(key.start.getTime() + DEFAULT_DURATION_MS), venue.capacity, key.ref],
    );
    this.created.performances++;
    return rows[0]!.id;
  }

  async venue(client: pg.ClientBase, name: string): Promise<{ id: string; capacity: number }> {
    const k = fold(name);
    const cached = this.venues.get(k);
    if (cached) return cached;
    const t = this.tenantId;
    let { rows } = await client.query<{ id: string; capacity: number }>(
      `SELECT id::text, capacity FROM venue WHERE tenant_id = $1::uuid AND lower(regexp_replace(btrim(name), '\\s+', ' ', 'g')) = $2 ORDER BY created_at LIMIT 1`,
      [t, k],
    );
    if (!rows[0]) {
      // Capacity unknown until a performances file or staff say it; 0 reads as "not set".
      ({ rows } = await client.query<{ id: string; capacity: number }>(
        `INSERT INTO venue (tenant_id, name, capacity) VALUES ($1::uuid, $2, 0)
         ON CONFLICT (tenant_id, name) DO UPDATE SET name = EXCLUDED.name RETURNING id::text, capacity`,
        [t, tidy(name)],
      ));
      this.created.venues++;
    }
    const venue = rows[0]!;
    this.venues.set(k, venue);
    return venue;
  }

  async show(client: pg.ClientBase, title: string, extra: { genre?: string | null; producer?: string | null } = {}): Promise<string> {
    const k = fold(title);
    const cached = this.shows.get(k);
    if (cached) return cached;
    const t = this.tenantId;
    let { rows } = await client.query<{ id: string }>(
      `SELECT id::text FROM show WHERE tenant_id = $1::uuid AND lower(regexp_replace(btrim(title), '\\s+', ' ', 'g')) = $2 ORDER BY created_at LIMIT 1`,
      [t, k],
    );
    if (!rows[0]) {
      ({ rows } = await client.query<{ id: string }>(
        `INSERT INTO show (tenant_id, title, genre, producer) VALUES ($1::uuid, $2, $3, $4) RETURNING id::text`,
        [t, tidy(title), extra.genre ?? null, extra.producer ?? null],
      ));
      this.created.shows++;
    }
    this.shows.set(k, rows[0]!.id);
    return rows[0]!.id;
  }
}
