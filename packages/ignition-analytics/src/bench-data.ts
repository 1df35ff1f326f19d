// Benchmark data: one tenant with 1,000,000 tickets over four seasons, generated in SQL by the
// owner straight into the tenant's partitions (they carry no RLS policy; the owner is trusted
// code naming the tenant explicitly, as docs/decisions/0001 allows for bulk loads).
//
// Shape: 3 venues around Lyon, 60 shows in 9 genres, 1,250 performances from September 2023 to
// June 2027 (1 % cancelled, 0–24 blocked seats), 250,000 spectators (10 % without a commune,
// the others in communes of the Auvergne-Rhône-Alpes départements and a few big cities, nearer
// ones likelier), 420,000 orders (skewed towards repeat buyers, bought 0–180 days ahead, never
// after "now"), 2–3 tickets each, 5 price categories, 3 % complimentary.
import pg from "pg";

export interface BenchShape {
  performances: number;
  spectators: number;
  orders: number;
  tickets: number;
}

export const DEFAULT_SHAPE: BenchShape = { performances: 1_250, spectators: 250_000, orders: 420_000, tickets: 1_000_000 };

const GENRES = ["theatre", "humour", "danse", "musique_classique", "jazz", "musiques_actuelles", "opera", "jeune_public", "cirque"];
const DEPARTEMENTS = ["69", "01", "38", "42", "71", "73", "74", "26", "07", "63", "13", "75", "21", "39"];

function partition(table: string, tenantId: string): string {
  return `tenant_partitions.${pg.escapeIdentifier(`${table}_${tenantId.replaceAll("-", "")}`)}`;
}

/** Loads the data set; returns the seconds each step took. */
export async function generateBenchData(
  ownerUrl: string,
  tenantId: string,
  now: Date,
  shape: BenchShape = DEFAULT_SHAPE,
): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  const timings: Record<string, number> = {};
  const step = async (name: string, sql: string, params: unknown[]) => {
    const started = performance.now();
    await client.query(sql, params);
    timings[name] = Math.round((performance.now() - started) / 10) / 100;
  };
  try {
    await client.query("SET synchronous_commit = off");
    // Keys are consistent by construction; skipping the FK triggers makes the load several
    // times faster (superuser only, this session only).
    await client.query("SET session_replication_role = replica");
    await client.query("SELECT setseed(0.42)");
    await step(
      "venues_shows_performances",
      `WITH v AS (
         INSERT INTO venue (tenant_id, id, name, capacity, latitude, longitude, commune_code)
         VALUES ($1::text::uuid, md5($1::text || 'venue0')::uuid, 'Grande salle', 1000, 45.75485, 4.83638, '69123'),
                ($1::text::uuid, md5($1::text || 'venue1')::uuid, 'Théâtre de Villeurbanne', 900, 45.77087, 4.88921, '69266'),
                ($1::text::uuid, md5($1::text || 'venue2')::uuid, 'Scène de Grenoble', 800, 45.18219, 5.72113, '38185')
         RETURNING 1
       ), s AS (
         INSERT INTO show (tenant_id, id, title, genre)
         SELECT $1::text::uuid, md5($1::text || 'show' || i)::uuid, 'Spectacle ' || i, ($2::text[])[1 + i % 9]
           FROM generate_series(0, 59) i
         RETURNING 1
       )
       SELECT (SELECT count(*) FROM v), (SELECT count(*) FROM s)`,
      [tenantId, GENRES],
    );
    await step(
      "performances",
      `INSERT INTO performance (tenant_id, id, show_id, venue_id, starts_at, ends_at, capacity, blocked_seats, status)
       SELECT $1::text::uuid, md5($1::text || 'perf' || i)::uuid, md5($1::text || 'show' || ((i / 8) % 60))::uuid, md5($1::text || 'venue' || (i % 3))::uuid,
              ts, ts + interval '2 hours', (ARRAY[1000, 900, 800])[1 + i % 3], (i * 7) % 25,
              (CASE WHEN i % 97 = 0 THEN 'cancelled' ELSE 'scheduled' END)::performance_status
         FROM (SELECT i, (timestamp '2023-09-05 20:00' + i * (interval '1 day' * 1390 / $2::int)) AT TIME ZONE 'Europe/Paris' AS ts
                 FROM generate_series(0, $2::int - 1) i) x`,
      [tenantId, shape.performances],
    );
    await step(
      "spectators",
      `WITH c AS (
         SELECT array_agg(code ORDER BY (latitude - 45.75) ^ 2 + (longitude - 4.84) ^ 2) AS codes, count(*)::int AS n
           FROM geo_commune WHERE departement = ANY($3::text[])
       )
       INSERT INTO ${partition("spectator", tenantId)} (tenant_id, id, commune_code, postal_code, birth_year)
       SELECT $1::text::uuid, md5($1::text || 'sp' || i)::uuid,
              CASE WHEN random() < 0.1 THEN NULL ELSE c.codes[1 + floor(power(random(), 3) * c.n)::int] END,
              NULL, 1940 + floor(random() * 65)::int
         FROM generate_series(0, $2::int - 1) i, c`,
      [tenantId, shape.spectators, DEPARTEMENTS],
    );
    await step(
      "orders",
      `INSERT INTO ${partition("ticket_order", tenantId)}
         (tenant_id, id, reference, spectator_id, ordered_at, sales_channel, total_cents, status)
       SELECT $1::text::uuid, md5($1::text || 'o' || i)::uuid, 'O' || i,
              md5($1::text || 'sp' || floor(power(random(), 1.6) * $3::int)::int)::uuid,
              LEAST(p.starts_at - floor(-ln(1 - random()) * 35) * interval '1 day' - random() * interval '12 hours',
                    $5::timestamptz - random() * interval '20 days'),
              (ARRAY['web','web','web','web','box_office','box_office','phone','reseller','partner'])[1 + floor(random() * 9)::int]::sales_channel,
              0,
              (CASE WHEN random() < 0.02 THEN 'refunded' WHEN random() < 0.01 THEN 'cancelled' ELSE 'paid' END)::order_status
         FROM generate_series(1, $2::int) i
         JOIN performance p ON p.tenant_id = $1::text::uuid AND p.id = md5($1::text || 'perf' || ((i::bigint * 7919) % $4::int))::uuid`,
      [tenantId, shape.orders, shape.spectators, shape.performances, now],
    );
    await step(
      "tickets",
      `INSERT INTO ${partition("ticket", tenantId)}
         (tenant_id, id, reference, order_id, performance_id, holder_id, price_category, price_cents, sales_channel,
          is_complimentary, status, issued_at)
       SELECT $1::text::uuid, md5($1::text || 't' || t.i)::uuid, 'T' || t.i, o.id, md5($1::text || 'perf' || ((t.oi * 7919) % $4::int))::uuid,
              CASE WHEN t.r1 < 0.5 THEN o.spectator_id END,
              CASE WHEN t.comp THEN 'Invitation' ELSE (ARRAY['Plein','Plein','Réduit','Abonné','Jeune'])[1 + floor(t.r2 * 5)::int] END,
              CASE WHEN t.comp THEN 0
                   ELSE (ARRAY[3800, 3800, 2600, 3000, 1200])[1 + floor(t.r2 * 5)::int] + ((t.oi * 7919) % $4::int) % 5 * 100 END,
              o.sales_channel, t.comp,
              (CASE WHEN t.r1 > 0.98 THEN 'refunded' ELSE 'valid' END)::ticket_status,
              o.ordered_at
         FROM (SELECT i, ((i - 1)::bigint * $3::int / $2::int + 1) AS oi, random() AS r1, random() AS r2, random() < 0.03 AS comp
                 FROM generate_series(1, $2::int) i) t
         JOIN ${partition("ticket_order", tenantId)} o ON o.id = md5($1::text || 'o' || t.oi)::uuid`,
      [tenantId, shape.tickets, shape.orders, shape.performances],
    );
    // An order's total is the money it stands for (decision 0023): a paid order's valid tickets.
    await step(
      "order totals",
      `UPDATE ${partition("ticket_order", tenantId)} o SET total_cents = x.total
         FROM (SELECT order_id, sum(price_cents) FILTER (WHERE status = 'valid')::int AS total
                 FROM ${partition("ticket", tenantId)} GROUP BY order_id) x
        WHERE o.id = x.order_id AND o.status = 'paid' AND x.total IS NOT NULL`,
      [],
    );
    await step("analyze", "ANALYZE venue, show, performance, spectator, ticket_order, ticket", []);
    return timings;
  } finally {
    await client.end();
  }
}

/** Refreshes the planner's statistics (what autovacuum does after a large refresh). */
export async function analyzeRollups(ownerUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query(
      "ANALYZE rollup_daily_sales, rollup_performance_day, rollup_performance, rollup_order, rollup_season_buyers, rollup_audience, rollup_audience_departement, rollup_audience_channel",
    );
  } finally {
    await client.end();
  }
}
