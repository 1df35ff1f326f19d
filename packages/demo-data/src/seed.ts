// seedDemo: the demo world in a migrated database. Small tables go through Prisma on the
// application role (tenant-scoped, as the product writes them); the high-volume ones are
// generated as streams and COPYed by the owner straight into the tenant's partitions.
import { createDatabase, provisionTenant, withTenant, type Database } from "@rappel/db";
import { createTenantDataKey, loadIdentityCodec, type MasterKey, type SpectatorIdentityCodec } from "@rappel/personal-data";
import pg from "pg";
import { createDemoAccounts } from "./accounts";
import { REFERENCE_DATE } from "./calendar";
import { CopyLoader, copyBytes, copyText } from "./copy-loader";
import { createFaker } from "./people";
import { SalesGenerator, isComplimentary } from "./sales";
import { planTenant, type TenantPlan } from "./schedule";
import { SpectatorBase, generateSpectators } from "./spectators";
import { DEMO_TENANTS } from "./tenants";

export interface SeedOptions {
  /** Owner connection: COPY into partitions, reset. */
  ownerUrl: string;
  /** Application role connection: everything that goes through Prisma. */
  appUrl: string;
  masterKey: MasterKey;
  /** Tickets to generate across tenants (default 20,000; up to 1,000,000 and more). */
  tickets?: number;
  seed?: number;
  /** Remove the demo tenants first when they exist (otherwise seeding refuses). */
  reset?: boolean;
  log?: (line: string) => void;
}

export interface TenantReport {
  slug: string;
  id: string;
  periods: string[];
  venues: number;
  shows: number;
  performances: number;
  spectators: number;
  consents: number;
  orders: number;
  tickets: number;
}

export interface SeedReport {
  seed: number;
  referenceDate: string;
  tenants: TenantReport[];
  accounts: number;
  tickets: number;
  orders: number;
  spectators: number;
  consents: number;
  seconds: number;
}

export class DemoAlreadySeededError extends Error {
  constructor(readonly slugs: string[]) {
    super(`the demo tenants already exist (${slugs.join(", ")}); nothing was changed — seed again with --reset to replace them`);
    this.name = "DemoAlreadySeededError";
  }
}

const TABLES = [
  {
    name: "spectator",
    columns: [
      "tenant_id", "id", "email_enc", "email_bidx", "phone_enc", "phone_bidx", "first_name_enc", "last_name_enc",
      "name_postal_bidx", "street_address_enc", "postal_code", "commune_code", "country", "birth_year", "language",
      "external_ref", "created_at", "updated_at",
    ],
  },
  { name: "consent", columns: ["tenant_id", "spectator_id", "channel", "status", "source", "recorded_at"] },
  {
    name: "ticket_order",
    columns: ["tenant_id", "id", "reference", "spectator_id", "ordered_at", "sales_channel", "total_cents", "currency", "status", "created_at"],
  },
  {
    name: "ticket",
    columns: [
      "tenant_id", "id", "reference", "order_id", "performance_id", "holder_id", "price_category", "price_cents", "currency",
      "sales_channel", "is_complimentary", "status", "issued_at",
    ],
  },
] as const;
const [SPECTATOR, CONSENT, ORDER, TICKET] = [0, 1, 2, 3] as const;

const iso = (t: number): string => new Date(t).toISOString();

/** Plans every demo tenant: pure and deterministic (no database). */
export function planDemo(tickets: number, seed: number): TenantPlan[] {
  const faker = createFaker(seed);
  const weights = DEMO_TENANTS.map((t) => t.share);
  const total = weights.reduce((s, w) => s + w, 0);
  let given = 0;
  return DEMO_TENANTS.map((def, i) => {
    const share = i === DEMO_TENANTS.length - 1 ? tickets - given : Math.round((tickets * def.share) / total);
    given += share;
    return planTenant(def, share, seed, () => faker.person.lastName());
  });
}

/** Drops the demo tenants (partitions, rows, data keys); staff accounts are kept. */
export async function resetDemo(ownerUrl: string, log: (line: string) => void = () => {}): Promise<number> {
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    const { rows } = await owner.query<{ id: string; slug: string }>("SELECT id, slug FROM tenant WHERE slug = ANY($1)", [
      DEMO_TENANTS.map((t) => t.slug),
    ]);
    for (const tenant of rows) {
      await owner.query("BEGIN");
      try {
        // The owner is subject to the forced policies too unless it is a superuser.
        await owner.query("SELECT set_config('app.tenant_id', $1, true)", [tenant.id]);
        await owner.query("SELECT drop_tenant_partitions($1::uuid)", [tenant.id]);
        // Performances first: they reference shows and venues with ON DELETE RESTRICT.
        await owner.query("DELETE FROM performance WHERE tenant_id = $1", [tenant.id]);
        await owner.query("DELETE FROM tenant WHERE id = $1", [tenant.id]);
        await owner.query("COMMIT");
        log(`removed demo tenant ${tenant.slug}`);
      } catch (error) {
        await owner.query("ROLLBACK");
        throw error;
      }
    }
    return rows.length;
  } finally {
    await owner.end();
  }
}

async function createProgramme(db: Database, tenantId: string, plan: TenantPlan): Promise<void> {
  await withTenant(
    db,
    tenantId,
    async (tx) => {
      await tx.venue.createMany({
        data: plan.venues.map((v) => ({
          tenantId,
          id: v.id,
          name: v.name,
          siteName: v.siteName,
          capacity: v.capacity,
          address: v.address,
          postalCode: v.postalCode,
          city: v.city,
          communeCode: v.communeCode,
          latitude: v.latitude,
          longitude: v.longitude,
        })),
      });
      await tx.show.createMany({ data: plan.shows.map((s) => ({ tenantId, ...s })) });
      await tx.performance.createMany({
        data: plan.performances.map((p) => ({
          tenantId,
          id: p.id,
          showId: p.showId,
          venueId: p.venueId,
          startsAt: p.startsAt,
          endsAt: p.endsAt,
          capacity: p.capacity,
          blockedSeats: p.blockedSeats,
          status: p.status,
          externalRef: p.externalRef,
        })),
      });
    },
    { timeoutMs: 120_000 },
  );
}

async function loadPeopleAndSales(
  owner: pg.ClientBase,
  tenantId: string,
  plan: TenantPlan,
  codec: SpectatorIdentityCodec,
  seed: number,
  log: (line: string) => void,
): Promise<Record<string, number>> {
  const started = performance.now();
  const lap = (): string => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  const loader = new CopyLoader(owner, tenantId, TABLES);
  await loader.begin();
  const base = new SpectatorBase(plan, seed);
  for (const s of generateSpectators(base, seed)) {
    const sealed = codec.sealIdentity(s);
    const created = iso(s.createdAt);
    loader.push(SPECTATOR, [
      tenantId, s.id, copyBytes(sealed.emailEnc), copyBytes(sealed.emailBidx), copyBytes(sealed.phoneEnc),
      copyBytes(sealed.phoneBidx), copyBytes(sealed.firstNameEnc), copyBytes(sealed.lastNameEnc),
      copyBytes(sealed.namePostalBidx), copyBytes(sealed.streetAddressEnc), copyText(s.postalCode),
      copyText(s.communeCode), s.country, s.birthYear === null ? "\\N" : String(s.birthYear), s.language,
      copyText(s.externalRef), created, created,
    ]);
    for (const c of s.consents) loader.push(CONSENT, [tenantId, s.id, c.channel, c.status, copyText(c.source), iso(c.recordedAt)]);
    await loader.maybeFlush();
  }
  log(`  spectators generated and sealed at ${lap()}`);
  const sales = new SalesGenerator(plan, base, seed);
  for (let p = 0; p < plan.performances.length; p++) {
    const performanceId = plan.performances[p]!.id;
    for (const o of sales.ordersOf(p)) {
      const at = iso(o.orderedAt);
      loader.push(ORDER, [tenantId, o.id, o.reference, o.spectatorId ?? "\\N", at, o.channel, String(o.totalCents), "EUR", o.status, at]);
      for (const t of o.tickets) {
        loader.push(TICKET, [
          tenantId, t.id, t.reference, o.id, performanceId, t.holderId ?? "\\N", copyText(t.priceCategory),
          String(t.priceCents), "EUR", o.channel, isComplimentary(t.priceCategory) ? "t" : "f", t.status, at,
        ]);
      }
      await loader.maybeFlush();
    }
  }
  log(`  orders and tickets generated at ${lap()}`);
  await loader.finish();
  log(`  partitions attached (indexes built, foreign keys validated) at ${lap()}`);
  return loader.rows;
}

export async function seedDemo(options: SeedOptions): Promise<SeedReport> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const seed = options.seed ?? 42;
  const tickets = options.tickets ?? 20_000;
  if (!Number.isInteger(tickets) || tickets < 0) throw new Error(`tickets must be a non-negative integer, got ${tickets}`);

  const db = createDatabase(options.appUrl, { max: 4 });
  const owner = new pg.Client({ connectionString: options.ownerUrl });
  try {
    const existing = await db.tenant.findMany({ where: { slug: { in: DEMO_TENANTS.map((t) => t.slug) } }, select: { slug: true } });
    if (existing.length > 0) {
      if (!options.reset) throw new DemoAlreadySeededError(existing.map((t) => t.slug));
      await resetDemo(options.ownerUrl, log);
    }
    const plans = planDemo(tickets, seed);
    await owner.connect();
    const reports: TenantReport[] = [];
    const tenantIds = new Map<string, string>();
    for (const plan of plans) {
      const def = plan.definition;
      const tenant = await provisionTenant(db, { slug: def.slug, name: def.name, kind: def.kind }, { userId: null }, async (tx, t) => {
        await createTenantDataKey(tx, t.id, options.masterKey);
      });
      tenantIds.set(def.slug, tenant.id);
      await createProgramme(db, tenant.id, plan);
      const codec = await withTenant(db, tenant.id, (tx) => loadIdentityCodec(tx, tenant.id, options.masterKey));
      log(`${def.slug}: ${plan.performances.length} performances over ${plan.periods.map((p) => p.label).join(", ")}; loading ${plan.spectators} spectators and ${plan.tickets} tickets`);
      await owner.query("BEGIN");
      let rows: Record<string, number>;
      try {
        rows = await loadPeopleAndSales(owner, tenant.id, plan, codec, seed, log);
        await owner.query("COMMIT");
      } catch (error) {
        await owner.query("ROLLBACK").catch(() => {});
        throw error;
      }
      // Fresh statistics, so the first dashboards get good plans.
      for (const table of TABLES) await owner.query(`ANALYZE tenant_partitions."${table.name}_${tenant.id.replace(/-/g, "")}"`);
      reports.push({
        slug: def.slug,
        id: tenant.id,
        periods: plan.periods.map((p) => p.label),
        venues: plan.venues.length,
        shows: plan.shows.length,
        performances: plan.performances.length,
        spectators: rows.spectator ?? 0,
        consents: rows.consent ?? 0,
        orders: rows.ticket_order ?? 0,
        tickets: rows.ticket ?? 0,
      });
    }
    const accounts = await createDemoAccounts(db, options.masterKey, tenantIds);
    const sum = (key: "tickets" | "orders" | "spectators" | "consents"): number => reports.reduce((s, r) => s + r[key], 0);
    return {
      seed,
      referenceDate: REFERENCE_DATE.toISOString(),
      tenants: reports,
      accounts,
      tickets: sum("tickets"),
      orders: sum("orders"),
      spectators: sum("spectators"),
      consents: sum("consents"),
      seconds: Math.round((performance.now() - started) / 10) / 100,
    };
  } finally {
    await owner.end().catch(() => {});
    await db.$disconnect();
  }
}

/** Exposed for tests: the first rows of each kind, in clear, for a seed (no database). */
export function sampleDemo(tickets: number, seed: number, perTenant = 20): unknown[] {
  return planDemo(tickets, seed).map((plan) => {
    const base = new SpectatorBase(plan, seed);
    const spectators = [];
    for (const s of generateSpectators(base, seed)) {
      spectators.push(s);
      if (spectators.length >= perTenant) break;
    }
    const sales = new SalesGenerator(plan, base, seed);
    const firstSold = plan.performances.findIndex((p) => p.ticketTarget > 0);
    return {
      slug: plan.definition.slug,
      tickets: plan.tickets,
      spectators: plan.spectators,
      shows: plan.shows.slice(0, perTenant),
      performances: plan.performances.slice(0, perTenant).map((p) => ({ ...p, curve: undefined })),
      people: spectators,
      orders: firstSold >= 0 ? sales.ordersOf(firstSold).slice(0, perTenant) : [],
    };
  });
}
