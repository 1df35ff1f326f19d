// seedDemo: the demo world in a migrated database. Small tables go through Prisma on the
// application role (tenant-scoped, as the product writes them); the high-volume ones are
// generated as streams and bulk-loaded by the owner into the tenant's partitions.
import { createDatabase, provisionTenant, withTenant } from "@rappel/db";
import { refreshRollups } from "@rappel/ignition-analytics";
import { createTenantDataKey, loadIdentityCodec, type MasterKey } from "@rappel/personal-data";
import pg from "pg";
import { createDemoAccounts } from "./accounts";
import { bulkLoadTenant } from "./bulk-load";
import { BULK_TABLES } from "./bulk-rows";
import { REFERENCE_DATE } from "./calendar";
import { createFaker } from "./people";
import { createProgramme } from "./programme";
import { resetDemo } from "./reset";
import { SalesGenerator } from "./sales";
import { planTenant, type TenantPlan } from "./schedule";
import { SpectatorBase, generateSpectators } from "./spectators";
import { DEMO_TENANTS } from "./tenants";

export interface SeedOptions {
  /** Owner connection: bulk load into partitions, reset. */
  ownerUrl: string;
  /** Application role connection: everything that goes through Prisma. */
  appUrl: string;
  masterKey: MasterKey;
  /** Tickets to generate across tenants (default 20,000; up to 1,000,000 and more). */
  tickets?: number;
  seed?: number;
  /** Remove the demo tenants first when they exist (otherwise seeding refuses). */
  reset?: boolean;
  /**
   * Seal spectators in a worker thread while the main thread generates the sales. Off by default:
   * measured at 1M tickets on the shared 2-core machine it saved no time (48.8 s either way, the
   * other core being busy with PostgreSQL) and cost ~270 MB more peak memory.
   */
  spectatorWorker?: boolean;
  /** Refresh the dashboards' rollups after the load (default true). */
  rollups?: boolean;
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
  /** Of which: refreshing the dashboards' rollups. */
  rollupSeconds: number;
}

export class DemoAlreadySeededError extends Error {
  constructor(readonly slugs: string[]) {
    super(
      `the demo tenants already exist (${slugs.join(", ")}); nothing was changed — seed again with --reset to replace them`,
    );
    this.name = "DemoAlreadySeededError";
  }
}

/** Plans every demo tenant: pure and deterministic (no database). */
export function planDemo(tickets: number, seed: number): TenantPlan[] {
  const faker = createFaker(seed);
  const total = DEMO_TENANTS.reduce((s, t) => s + t.share, 0);
  let given = 0;
  return DEMO_TENANTS.map((def, i) => {
    const share =
      i === DEMO_TENANTS.length - 1 ? tickets - given : Math.round((tickets * def.share) / total);
    given += share;
    return planTenant(def, share, seed, () => faker.person.lastName());
  });
}

export async function seedDemo(options: SeedOptions): Promise<SeedReport> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const seed = options.seed ?? 42;
  const tickets = options.tickets ?? 20_000;
  if (!Number.isInteger(tickets) || tickets < 0)
    throw new Error(`tickets must be a non-negative integer, got ${tickets}`);

  const db = createDatabase(options.appUrl, { max: 4 });
  const owner = new pg.Client({ connectionString: options.ownerUrl });
  // A lost connection fails the query in flight; without a listener it would also crash the process.
  owner.on("error", (error) => log(`owner connection: ${error.message}`));
  try {
    const existing = await db.tenant.findMany({
      where: { slug: { in: DEMO_TENANTS.map((t) => t.slug) } },
      select: { slug: true },
    });
    if (existing.length > 0) {
      if (!options.reset) throw new DemoAlreadySeededError(existing.map((t) => t.slug));
      await resetDemo(options.ownerUrl, log);
    }
    const plans = planDemo(tickets, seed);
    await owner.connect();
    const reports: TenantReport[] = [];
    const tenantIds = new Map<string, string>();
    let rollupMs = 0;
    for (const plan of plans) {
      const def = plan.definition;
      const tenant = await provisionTenant(
        db,
        { slug: def.slug, name: def.name, kind: def.kind },
        { userId: null },
        async (tx, t) => {
          await createTenantDataKey(tx, t.id, options.masterKey);
        },
      );
      tenantIds.set(def.slug, tenant.id);
      await createProgramme(db, tenant.id, plan);
      const codec = await withTenant(db, tenant.id, (tx) =>
        loadIdentityCodec(tx, tenant.id, options.masterKey),
      );
      log(
        `${def.slug}: ${plan.performances.length} performances over ${plan.periods.map((p) => p.label).join(", ")}; ` +
          `loading ${plan.spectators} spectators and ${plan.tickets} tickets`,
      );
      const rows = await bulkLoadTenant({
        owner,
        ownerUrl: options.ownerUrl,
        appUrl: options.appUrl,
        masterKey: options.masterKey,
        tenantId: tenant.id,
        plan,
        seed,
        codec,
        useWorker: options.spectatorWorker ?? false,
        log,
      });
      // Fresh statistics before anything queries the data: without them the planner takes the
      // new performance table for a handful of rows and cross-joins it (the rollup refresh of
      // 680,000 tickets ran for over 18 minutes instead of seconds). Then the dashboards'
      // rollups, as an import leaves them.
      await owner.query("ANALYZE venue, show, performance");
      for (const table of BULK_TABLES)
        await owner.query(
          `ANALYZE tenant_partitions."${table.name}_${tenant.id.replace(/-/g, "")}"`,
        );
      if (options.rollups ?? true) {
        const r0 = performance.now();
        await withTenant(db, tenant.id, (tx) => refreshRollups(tx, tenant.id, "all"), {
          timeoutMs: 3_600_000,
        });
        rollupMs += performance.now() - r0;
        log(`  rollups refreshed in ${((performance.now() - r0) / 1000).toFixed(1)} s`);
      }
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
    if (options.rollups ?? true) await owner.query("ANALYZE rollup_daily_sales, rollup_audience");
    const accounts = await createDemoAccounts(db, options.masterKey, tenantIds);
    const sum = (key: "tickets" | "orders" | "spectators" | "consents"): number =>
      reports.reduce((s, r) => s + r[key], 0);
    const seconds = (ms: number): number => Math.round(ms / 10) / 100;
    return {
      seed,
      referenceDate: REFERENCE_DATE.toISOString(),
      tenants: reports,
      accounts,
      tickets: sum("tickets"),
      orders: sum("orders"),
      spectators: sum("spectators"),
      consents: sum("consents"),
      seconds: seconds(performance.now() - started),
      rollupSeconds: seconds(rollupMs),
    };
  } finally {
    await owner.end().catch(() => {});
    await db.$disconnect();
  }
}

/** For tests: the plan and the first rows of each kind, in clear, for a seed (no database). */
export function sampleDemo(tickets: number, seed: number, perTenant = 20): unknown[] {
  return planDemo(tickets, seed).map((plan) => {
    const base = new SpectatorBase(plan, seed);
    const people = [];
    for (const s of generateSpectators(base, seed)) {
      people.push(s);
      if (people.length >= perTenant) break;
    }
    const sales = new SalesGenerator(plan, base, seed);
    const firstSold = plan.performances.findIndex((p) => p.ticketTarget > 0);
    return {
      slug: plan.definition.slug,
      tickets: plan.tickets,
      spectators: plan.spectators,
      shows: plan.shows.slice(0, perTenant),
      performances: plan.performances.slice(0, perTenant).map((p) => ({ ...p, curve: undefined })),
      people,
      orders: firstSold >= 0 ? sales.ordersOf(firstSold).slice(0, perTenant) : [],
    };
  });
}
