// Finds or creates the performance a ticket row names: by the ticketing system's reference, or by
// show title + start + venue (shows matched by title, venues by name, both without regard to case
// or spacing). A file names few performances many times, so answers are cached for the whole
// import (a few thousand entries at most).
import type pg from "pg";
import { copyDate, copyRows, copyText } from "./copy-text";
import { newId } from "./new-id";

export interface PerformanceKey {
  ref: string | null;
  showTitle: string | null;
  start: Date | null;
  /** False when the file gave only the day: match any performance of the show that day. */
  hasTime: boolean;
  venue: string | null;
}

/** The same folding in SQL: case and runs of spaces ignored. */
const FOLD = (column: string) => `lower(regexp_replace(btrim(${column}), '\\s+', ' ', 'g'))`;
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
    await this.resolveMany(client, [{ key, cacheKey }]);
    return this.performances.get(cacheKey) ?? null;
  }

  /**
   * Resolves every performance a batch names that is not cached yet, set-based: a season's
   * performances mostly appear in the first batch, and one round trip each would cost more than
   * the batch itself.
   */
  async resolveMany(client: pg.ClientBase, wanted: readonly { key: PerformanceKey; cacheKey: string }[]): Promise<void> {
    const todo = new Map<string, PerformanceKey>();
    for (const w of wanted) if (!this.performances.has(w.cacheKey) && !todo.has(w.cacheKey)) todo.set(w.cacheKey, w.key);
    if (todo.size === 0) return;
    const t = this.tenantId;
    const entries = [...todo.entries()];
    await client.query(
      `CREATE TEMP TABLE IF NOT EXISTS stage_performance (k int, ref text, title text, title_key text, starts_at timestamptz, has_time boolean,
         venue text, venue_key text, new_id uuid) ON COMMIT DROP`,
    );
    await client.query("TRUNCATE stage_performance");
    await copyRows(
      client,
      "stage_performance",
      ["k", "ref", "title", "title_key", "starts_at", "has_time", "venue", "venue_key", "new_id"],
      entries.map(([, k], i) => {
        const complete = k.showTitle && k.start && k.venue;
        return [
          String(i), copyText(k.ref), copyText(complete ? tidy(k.showTitle!) : null), copyText(complete ? fold(k.showTitle!) : null), copyDate(k.start),
          k.hasTime ? "t" : "f", copyText(complete ? tidy(k.venue!) : null), copyText(complete ? fold(k.venue!) : null), newId(),
        ];
      }),
    );
    // Shows and venues named for the first time.
    const venues = await client.query(
      `INSERT INTO venue (tenant_id, name, capacity)
       SELECT DISTINCT ON (s.venue_key) $1::uuid, s.venue, 0 FROM stage_performance s
        WHERE s.venue_key IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM venue v WHERE v.tenant_id = $1::uuid AND ${FOLD("v.name")} = s.venue_key)
       ON CONFLICT (tenant_id, name) DO NOTHING`,
      [t],
    );
    const shows = await client.query(
      `INSERT INTO show (tenant_id, title)
       SELECT DISTINCT ON (s.title_key) $1::uuid, s.title FROM stage_performance s
        WHERE s.title_key IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM show sh WHERE sh.tenant_id = $1::uuid AND ${FOLD("sh.title")} = s.title_key)`,
      [t],
    );
    this.created.venues += venues.rowCount ?? 0;
    this.created.shows += shows.rowCount ?? 0;
    // Each key: by reference, else by show + venue + start (or day, when the file gave no time).
    const { rows } = await client.query<{ k: number; new_id: string; ref: string | null; id: string | null; has_ref: boolean; show_id: string | null; venue_id: string | null; capacity: number | null }>(
      `SELECT s.k, s.new_id::text, s.ref, coalesce(byref.id, bykey.id)::text AS id, (byref.id IS NOT NULL) AS has_ref,
              sh.id::text AS show_id, ve.id::text AS venue_id, ve.capacity
         FROM stage_performance s
         LEFT JOIN LATERAL (SELECT p.id FROM performance p WHERE p.tenant_id = $1::uuid AND p.external_ref = s.ref) byref ON s.ref IS NOT NULL
         LEFT JOIN LATERAL (SELECT id FROM show WHERE tenant_id = $1::uuid AND ${FOLD("title")} = s.title_key ORDER BY created_at, id LIMIT 1) sh ON s.title_key IS NOT NULL
         LEFT JOIN LATERAL (SELECT id, capacity FROM venue WHERE tenant_id = $1::uuid AND ${FOLD("name")} = s.venue_key ORDER BY created_at, id LIMIT 1) ve ON s.venue_key IS NOT NULL
         LEFT JOIN LATERAL (SELECT p.id FROM performance p
                             WHERE p.tenant_id = $1::uuid AND p.show_id = sh.id AND p.venue_id = ve.id
                               AND CASE WHEN s.has_time THEN p.starts_at = s.starts_at
                                        ELSE (p.starts_at AT TIME ZONE 'Europe/Paris')::date = (s.starts_at AT TIME ZONE 'Europe/Paris')::date END
                             ORDER BY p.starts_at, p.created_at LIMIT 1) bykey ON byref.id IS NULL AND sh.id IS NOT NULL AND ve.id IS NOT NULL`,
      [t],
    );
    const create: typeof rows = [];
    for (const r of rows) {
      const cacheKey = entries[r.k]![0];
      if (r.id) {
        // Found by title, date and venue: it takes the file's reference if it had none.
        if (r.ref && !r.has_ref) {
          await client.query(`UPDATE performance SET external_ref = $3 WHERE tenant_id = $1::uuid AND id = $2::uuid AND external_ref IS NULL`, [t, r.id, r.ref]);
        }
        this.performances.set(cacheKey, r.id);
      } else if (r.show_id && r.venue_id) create.push(r);
      else this.performances.set(cacheKey, null);
    }
    if (create.length > 0) {
      await client.query(
        `INSERT INTO performance (tenant_id, id, show_id, venue_id, starts_at, ends_at, capacity, external_ref)
         SELECT $1::uuid, s.new_id, x.show_id, x.venue_id, s.starts_at, s.starts_at + make_interval(secs => $3), x.capacity, s.ref
           FROM jsonb_to_recordset($2::jsonb) AS x(k int, show_id uuid, venue_id uuid, capacity int)
           JOIN stage_performance s ON s.k = x.k`,
        [t, JSON.stringify(create.map((r) => ({ k: r.k, show_id: r.show_id, venue_id: r.venue_id, capacity: r.capacity ?? 0 }))), DEFAULT_DURATION_MS / 1000],
      );
      this.created.performances += create.length;
      for (const r of create) this.performances.set(entries[r.k]![0], r.new_id);
    }
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
