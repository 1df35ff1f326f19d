// Benchmark: the Ignition overview on a tenant with 1,000,000 tickets.
//   pnpm --filter @rappel/ignition-analytics bench
// Creates a fresh migrated database (dropped at the end unless KEEP_BENCH_DB=1), loads the data
// (bench-data.ts), times refreshRollups(…, "all") through the application role, then 50
// dashboard overviews as the web app would run them: all KPIs + one sales curve + the
// département map, each overview in one tenant-scoped transaction. Last line: JSON.
import { createDatabase, provisionTenant, withTenant } from "@rappel/db";
import { createTestDatabase } from "@rappel/db/testing";
import { analyzeRollups, DEFAULT_SHAPE, generateBenchData } from "./bench-data";
import { parseDashboardFilters } from "./filters";
import { getAudienceByDepartement } from "./geography";
import { getBuyerStats } from "./buyers";
import { comparisonPeriods, getOverviewKpis } from "./kpis";
import { refreshRollups } from "./rollups";
import { getSalesCurve } from "./sales-curve";

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 50);
const WARMUP = 5;
const NOW = new Date(process.env.BENCH_NOW ?? "2026-11-22T10:00:00Z");

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[i]! * 10) / 10;
}

const seconds = (ms: number) => Math.round(ms / 10) / 100;

async function main(): Promise<void> {
  const database = await createTestDatabase("rappel_bench");
  const db = createDatabase(database.appUrl, { max: 4 });
  try {
    const tenant = await provisionTenant(db, { slug: "bench", name: "Bench theatre", kind: "theatre" }, { userId: null });
    const t0 = performance.now();
    const load = await generateBenchData(database.ownerUrl, tenant.id, NOW, DEFAULT_SHAPE);
    const generateMs = performance.now() - t0;
    console.error(`generated in ${seconds(generateMs)} s`, load);

    const r0 = performance.now();
    const rows = await withTenant(db, tenant.id, (tx) => refreshRollups(tx, tenant.id, "all"), { timeoutMs: 600_000 });
    const refreshMs = performance.now() - r0;
    await analyzeRollups(database.ownerUrl);
    console.error(`rollups refreshed in ${seconds(refreshMs)} s`, rows);

    const counts = await withTenant(db, tenant.id, async (tx) => ({
      tickets: await tx.ticket.count({ where: { tenantId: tenant.id } }),
      orders: await tx.order.count({ where: { tenantId: tenant.id } }),
      spectators: await tx.spectator.count({ where: { tenantId: tenant.id } }),
      performances: await tx.performance.count({ where: { tenantId: tenant.id } }),
    }));
    // Curves are drawn for upcoming performances: rotate over them.
    const upcoming = await withTenant(db, tenant.id, (tx) =>
      tx.performance.findMany({
        where: { tenantId: tenant.id, startsAt: { gt: NOW }, status: "scheduled" },
        orderBy: { startsAt: "asc" },
        take: 20,
        select: { id: true },
      }),
    );
    const filters = parseDashboardFilters({}, NOW); // the default view: the current season

    const parts = { kpis: [] as number[], curve: [] as number[], departements: [] as number[] };
    const totals: number[] = [];
    for (let i = 0; i < WARMUP + REQUESTS; i++) {
      const performanceId = upcoming[i % upcoming.length]!.id;
      const started = performance.now();
      const marks: number[] = [];
      await withTenant(db, tenant.id, async (tx) => {
        await getOverviewKpis(tx, tenant.id, filters, NOW);
        marks.push(performance.now());
        await getSalesCurve(tx, tenant.id, performanceId, { compareWith: "same-show-average", now: NOW });
        marks.push(performance.now());
        await getAudienceByDepartement(tx, tenant.id, filters, "spectators");
        marks.push(performance.now());
      });
      const total = performance.now() - started;
      if (i < WARMUP) continue;
      totals.push(total);
      parts.kpis.push(marks[0]! - started);
      parts.curve.push(marks[1]! - marks[0]!);
      parts.departements.push(marks[2]! - marks[1]!);
    }
    // Where the KPI time goes: the buyer statistics alone (current season + last season à date).
    const buyers: number[] = [];
    const periods = comparisonPeriods(filters, NOW);
    for (let i = 0; i < 10; i++) {
      const started = performance.now();
      await withTenant(db, tenant.id, (tx) => getBuyerStats(tx, tenant.id, filters, [periods.current, periods.lastSeason]));
      buyers.push(performance.now() - started);
    }
    const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
    const result = {
      ...counts,
      generate_s: seconds(generateMs),
      rollup_refresh_s: seconds(refreshMs),
      rollup_daily_sales_rows: rows.dailySalesRows,
      rollup_performance_day_rows: rows.performanceDayRows,
      rollup_order_rows: rows.orderRows,
      rollup_audience_rows: rows.audienceRows,
      requests: REQUESTS,
      overview_p50_ms: percentile(sorted(totals), 50),
      overview_p95_ms: percentile(sorted(totals), 95),
      overview_max_ms: percentile(sorted(totals), 100),
      kpis_p50_ms: percentile(sorted(parts.kpis), 50),
      kpis_p95_ms: percentile(sorted(parts.kpis), 95),
      buyer_stats_p50_ms: percentile(sorted(buyers), 50),
      curve_p50_ms: percentile(sorted(parts.curve), 50),
      departements_p50_ms: percentile(sorted(parts.departements), 50),
      target_p95_ms: 150,
    };
    console.log(JSON.stringify(result));
  } finally {
    await db.$disconnect();
    if (!process.env.KEEP_BENCH_DB) await database.drop();
    else console.error(`kept database ${database.name}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
