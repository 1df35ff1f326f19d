// seedDemo against a real, migrated PostgreSQL (one database per run, see vitest.config.ts).
import { communeByCode, distanceKm } from "@rappel/geo";
import { openTotpSecret, verifyPassword } from "@rappel/auth";
import { loadEnv } from "@rappel/config";
import { createDatabase, withTenant, type Database } from "@rappel/db";
import { loadIdentityCodec, masterKeyFromEnv, normalisePhone } from "@rappel/personal-data";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./accounts";
import { REFERENCE_DATE } from "./calendar";
import { DemoAlreadySeededError, seedDemo, type SeedReport } from "./seed";

const TICKETS = 4000;
const env = loadEnv();
const masterKey = masterKeyFromEnv(env);
const ownerUrl = env.MIGRATION_DATABASE_URL!;
const options = { ownerUrl, appUrl: env.DATABASE_URL, masterKey, tickets: TICKETS, seed: 7 };

let report: SeedReport;
let db: Database;
let owner: pg.Client;

const part = (table: string, tenantId: string): string =>
  `tenant_partitions."${table}_${tenantId.replace(/-/g, "")}"`;

/** A fingerprint of what a tenant's data says (ciphertexts differ by design: fresh IVs). */
async function digest(tenantId: string): Promise<string[]> {
  const { rows } = await owner.query<{ tickets: string; spectators: string; consents: string }>(
    `SELECT (SELECT md5(string_agg(t.reference || t.price_cents || t.price_category || t.issued_at || t.status
                                   || p.external_ref || coalesce(t.holder_id::text, '-'), ',' ORDER BY t.reference))
               FROM ${part("ticket", tenantId)} t JOIN performance p ON p.tenant_id = t.tenant_id AND p.id = t.performance_id) AS tickets,
            (SELECT md5(string_agg(s.id::text || coalesce(s.postal_code, '-') || coalesce(s.commune_code, '-') || s.created_at
                                   || coalesce(s.birth_year, 0) || (s.email_bidx IS NULL), ',' ORDER BY s.id))
               FROM ${part("spectator", tenantId)} s) AS spectators,
            (SELECT md5(string_agg(c.spectator_id::text || c.channel::text || c.status::text || c.source || c.recorded_at, ','
                                   ORDER BY c.spectator_id, c.channel))
               FROM ${part("consent", tenantId)} c) AS consents`,
  );
  return [rows[0]!.tickets, rows[0]!.spectators, rows[0]!.consents];
}

beforeAll(async () => {
  report = await seedDemo(options);
  db = createDatabase(env.DATABASE_URL, { max: 2 });
  owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
});

afterAll(async () => {
  await owner?.end();
  await db?.$disconnect();
});

describe("seedDemo", () => {
  it("loads both tenants with venues, shows, performances, spectators, consents, orders and tickets", () => {
    expect(report.tenants.map((t) => t.slug)).toEqual(["theatre-lumiere", "festival-nuits-ete"]);
    expect(report.tickets).toBe(TICKETS);
    for (const t of report.tenants) {
      expect(t.venues).toBeGreaterThanOrEqual(2);
      for (const key of [
        "shows",
        "performances",
        "spectators",
        "consents",
        "orders",
        "tickets",
      ] as const) {
        expect(t[key], `${t.slug}.${key}`).toBeGreaterThan(0);
      }
    }
    expect(report.tenants[1]!.venues).toBeGreaterThanOrEqual(3);
  });

  it("leaves the dashboards' rollups ready for each tenant", async () => {
    for (const t of report.tenants) {
      const { rows } = await owner.query(
        `SELECT (SELECT coalesce(sum(tickets), 0)::int FROM rollup_daily_sales WHERE tenant_id = $1) AS sold,
                (SELECT count(*)::int FROM rollup_audience WHERE tenant_id = $1) AS audience`,
        [t.id],
      );
      expect(rows[0].sold, t.slug).toBeGreaterThan(t.tickets * 0.8);
      expect(rows[0].audience, t.slug).toBeGreaterThan(0);
    }
  });

  it("lets each tenant see only its own rows through the application role", async () => {
    for (const t of report.tenants) {
      const other = report.tenants.find((o) => o.id !== t.id)!;
      const seen = await withTenant(db, t.id, async (tx) => ({
        spectators: await tx.spectator.count(),
        tickets: await tx.ticket.count(),
        orders: await tx.order.count(),
        performances: await tx.performance.count(),
        otherTickets: await tx.ticket.count({ where: { tenantId: other.id } }),
        otherVenues: await tx.venue.count({ where: { tenantId: other.id } }),
      }));
      expect(seen).toEqual({
        spectators: t.spectators,
        tickets: t.tickets,
        orders: t.orders,
        performances: t.performances,
        otherTickets: 0,
        otherVenues: 0,
      });
    }
    // Without a tenant, nothing is visible.
    expect(await db.$transaction((tx) => tx.ticket.count())).toBe(0);
  });

  it("never sells more tickets than a performance's capacity minus its blocked seats", async () => {
    const { rows } = await owner.query(
      `SELECT p.external_ref, p.capacity, p.blocked_seats, count(t.id) AS sold
         FROM performance p JOIN ticket t ON t.tenant_id = p.tenant_id AND t.performance_id = p.id
        GROUP BY p.tenant_id, p.id HAVING count(t.id) > p.capacity - p.blocked_seats`,
    );
    expect(rows).toEqual([]);
    const cancelled = await owner.query(
      `SELECT count(*)::int AS n FROM ticket t JOIN performance p ON p.tenant_id = t.tenant_id AND p.id = t.performance_id
        WHERE p.status = 'cancelled' AND t.status <> 'refunded'`,
    );
    expect(cancelled.rows[0].n).toBe(0);
  });

  it("stores identifiers only encrypted: e-mails decrypt with the tenant's key and appear nowhere in clear", async () => {
    const tenant = report.tenants[0]!;
    const people = await withTenant(db, tenant.id, async (tx) => {
      const codec = await loadIdentityCodec(tx, tenant.id, masterKey);
      const rows = await tx.spectator.findMany({
        where: { emailEnc: { not: null }, phoneEnc: { not: null } },
        take: 50,
      });
      return rows.map((r) => codec.openIdentity(r));
    });
    expect(people.length).toBe(50);
    for (const p of people) {
      expect(p.email).toMatch(/^[^\s@]+@[a-z0-9.-]+\.example$/i);
      expect(normalisePhone(p.phone!), p.phone!).toMatch(/^\+33[67]\d{8}$/);
      expect(p.firstName).toBeTruthy();
    }
    // A scan of every table and partition, as text (bytea shows as hex), for a clear e-mail.
    const email = people[0]!.email!;
    const lastName = people[0]!.lastName!;
    const hex = (s: string): string => Buffer.from(s, "utf8").toString("hex");
    const { rows: tables } = await owner.query<{ name: string }>(
      `SELECT format('%I.%I', n.nspname, c.relname) AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind = 'r' AND n.nspname IN ('public', 'tenant_partitions')`,
    );
    expect(tables.length).toBeGreaterThan(10);
    for (const { name } of tables) {
      const { rows } = await owner.query(
        `SELECT count(*)::int AS n FROM ${name} x
          WHERE x::text ILIKE '%' || $1 || '%' OR x::text ILIKE '%' || $2 || '%' OR x::text ILIKE '%' || $3 || '%'`,
        [email, hex(email), hex(lastName)],
      );
      expect(rows[0].n, name).toBe(0);
    }
  });

  it("gives real postal codes that belong to the spectator's commune, mostly near the venue", async () => {
    for (const t of report.tenants) {
      const { rows: venues } = await owner.query(
        "SELECT latitude, longitude FROM venue WHERE tenant_id = $1 LIMIT 1",
        [t.id],
      );
      const venue = { lat: venues[0].latitude as number, lon: venues[0].longitude as number };
      const { rows } = await owner.query<{ postal_code: string; commune_code: string }>(
        `SELECT postal_code, commune_code FROM ${part("spectator", t.id)} WHERE country = 'FR'`,
      );
      expect(rows.length).toBeGreaterThan(100);
      let near = 0;
      for (const r of rows) {
        const commune = communeByCode(r.commune_code);
        expect(commune?.postalCodes, `${r.commune_code} ${r.postal_code}`).toContain(r.postal_code);
        if (distanceKm(venue, commune!.centroid!) <= 60) near += 1;
      }
      expect(near / rows.length, t.slug).toBeGreaterThan(t.slug === "theatre-lumiere" ? 0.7 : 0.55);
    }
  });

  it("makes sales rise towards each performance, after an opening bump", async () => {
    const { rows } = await owner.query<{ bucket: number; n: number }>(
      `SELECT floor(extract(epoch FROM p.starts_at - t.issued_at) / 86400 / 14)::int AS bucket, count(*)::int AS n
         FROM ticket t JOIN performance p ON p.tenant_id = t.tenant_id AND p.id = t.performance_id
        WHERE p.starts_at < $1 GROUP BY 1 ORDER BY 1`,
      [REFERENCE_DATE],
    );
    const n = (b: number): number => rows.find((r) => r.bucket === b)?.n ?? 0;
    const total = rows.reduce((s, r) => s + r.n, 0);
    // Every sale is before the start; the last two weeks sell most, then fewer and fewer.
    expect(rows[0]!.bucket).toBeGreaterThanOrEqual(0);
    expect(n(0)).toBeGreaterThan(n(1));
    expect(n(1)).toBeGreaterThan(n(2));
    expect(n(2)).toBeGreaterThan(n(3));
    expect((n(0) + n(1) + n(2)) / total).toBeGreaterThan(0.5);
    // No sale after the reference date.
    const late = await owner.query("SELECT count(*)::int AS n FROM ticket WHERE issued_at > $1", [
      REFERENCE_DATE,
    ]);
    expect(late.rows[0].n).toBe(0);
  });

  it("keeps real-world mess: shared e-mails, missing e-mails, repeat buyers, consents with sources", async () => {
    const t = report.tenants[0]!;
    const { rows } = await owner.query(
      `SELECT (SELECT count(*)::int FROM ${part("spectator", t.id)} WHERE email_enc IS NULL) AS no_email,
              (SELECT count(*)::int FROM (SELECT email_bidx FROM ${part("spectator", t.id)} WHERE email_bidx IS NOT NULL
                                          GROUP BY 1 HAVING count(*) > 1) d) AS shared_email,
              (SELECT count(*)::int FROM (SELECT spectator_id FROM ${part("ticket_order", t.id)} WHERE spectator_id IS NOT NULL
                                          GROUP BY 1 HAVING count(*) > 1) r) AS repeat_buyers,
              (SELECT count(DISTINCT source)::int FROM ${part("consent", t.id)}) AS sources,
              (SELECT count(*)::int FROM ${part("spectator", t.id)} WHERE birth_year IS NOT NULL) AS with_birth_year`,
    );
    const mess = rows[0];
    expect(mess.no_email).toBeGreaterThan(0);
    expect(mess.shared_email).toBeGreaterThan(0);
    expect(mess.repeat_buyers).toBeGreaterThan(0);
    expect(mess.sources).toBeGreaterThanOrEqual(3);
    expect(mess.with_birth_year).toBeGreaterThan(0);
  });

  it("creates the demo accounts with their roles, password and sealed TOTP secrets", async () => {
    for (const account of DEMO_ACCOUNTS) {
      const user = await db.user.findUniqueOrThrow({ where: { email: account.email } });
      expect(await verifyPassword(user.passwordHash, DEMO_PASSWORD)).toBe(true);
      expect(user.platformRole).toBe(account.platformRole ?? null);
      if (account.totpSecret)
        expect(openTotpSecret(masterKey, user.id, user.totpSecretEnc!)).toBe(account.totpSecret);
      else expect(user.totpSecretEnc).toBeNull();
      const { rows } = await owner.query(
        "SELECT t.slug, m.role FROM membership m JOIN tenant t ON t.id = m.tenant_id WHERE m.user_id = $1 ORDER BY t.slug",
        [user.id],
      );
      expect(rows).toEqual(
        [...account.memberships]
          .sort((a, b) => a.tenantSlug.localeCompare(b.tenantSlug))
          .map((m) => ({ slug: m.tenantSlug, role: m.role })),
      );
    }
  });

  it("refuses to seed twice, and --reset reloads exactly the same data (here with the worker thread)", async () => {
    await expect(seedDemo(options)).rejects.toBeInstanceOf(DemoAlreadySeededError);
    const before = await Promise.all(report.tenants.map((t) => digest(t.id)));
    const again = await seedDemo({ ...options, reset: true, spectatorWorker: true });
    expect(again.tenants.map((t) => t.id)).not.toEqual(report.tenants.map((t) => t.id));
    const strip = (r: SeedReport) => r.tenants.map(({ id: _id, ...rest }) => rest);
    // Nothing left behind by the load: no standalone load table, every partition attached.
    const leftovers = await owner.query(
      "SELECT relname FROM pg_class WHERE relname LIKE '%\\_load' AND relkind = 'r'",
    );
    expect(leftovers.rows).toEqual([]);
    expect(strip(again)).toEqual(strip(report));
    expect(await Promise.all(again.tenants.map((t) => digest(t.id)))).toEqual(before);
    const { rows } = await owner.query("SELECT count(*)::int AS n FROM tenant");
    expect(rows[0].n).toBe(2);
    report = again;
  });
});
