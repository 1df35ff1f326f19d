// Every dashboard query filters by tenant itself; row-level security is only the safety net.
// Proof: run them on a superuser connection (which bypasses RLS) while another tenant has the
// same data in the same periods — the answers must equal those seen through the application role.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, withTenant, type Database, type Tx } from "@rappel/db";
import { getBreakdown, getPerformanceRanking } from "./breakdowns";
import { parseDashboardFilters } from "./filters";
import { getAudienceByCommune, getAudienceByDepartement } from "./geography";
import { getOverviewKpis } from "./kpis";
import { refreshRollups } from "./rollups";
import { getRequiredPace, getSalesCurve } from "./sales-curve";
import { getSalesSeries } from "./series";
import { appDatabaseUrl, buildFixture, ownerDatabaseUrl, type Fixture } from "./testing/fixture";

let app: Database;
let owner: Database;
let a: Fixture;
let b: Fixture;
const NOW = new Date("2026-03-15T12:00:00Z");

beforeAll(async () => {
  app = createDatabase(appDatabaseUrl(), { max: 4 });
  owner = createDatabase(ownerDatabaseUrl(), { max: 2 });
  a = await buildFixture(app, "iso-a");
  b = await buildFixture(app, "iso-b");
  for (const f of [a, b]) await withTenant(app, f.tenantId, (tx) => refreshRollups(tx, f.tenantId, "all"));
});

afterAll(async () => {
  await app.$disconnect();
  await owner.$disconnect();
});

/** Everything the dashboards read for tenant A. */
async function everything(tx: Tx) {
  const t = a.tenantId;
  const season = parseDashboardFilters({}, NOW);
  const bySale = parseDashboardFilters({ basis: "sale", from: "2025-09-01", to: "2025-12-31" }, NOW);
  return {
    kpis: await getOverviewKpis(tx, t, season, NOW),
    kpisBySale: await getOverviewKpis(tx, t, bySale, NOW),
    series: await getSalesSeries(tx, t, season, "week"),
    curve: await getSalesCurve(tx, t, a.p2, { compareWith: "same-genre-average", now: NOW }),
    pace: await getRequiredPace(tx, t, a.p2, { targetFillRate: 0.8, now: new Date("2025-11-01T00:00:00Z") }),
    shows: await getBreakdown(tx, t, season, "show"),
    channels: await getBreakdown(tx, t, bySale, "salesChannel"),
    ranking: await getPerformanceRanking(tx, t, season),
    departements: await getAudienceByDepartement(tx, t, season, "tickets"),
    communes: await getAudienceByCommune(tx, t, season, "spectators"),
  };
}

describe("explicit tenant filters", () => {
  it("give the same answers with row-level security bypassed", async () => {
    const superuser = await owner.$queryRaw<{ rolsuper: boolean }[]>`SELECT rolsuper FROM pg_roles WHERE rolname = current_user`;
    expect(superuser[0]?.rolsuper).toBe(true); // otherwise this test would prove nothing
    const throughRls = await withTenant(app, a.tenantId, everything);
    const withoutRls = await withTenant(owner, a.tenantId, everything);
    expect(withoutRls).toEqual(throughRls);
    expect(throughRls.kpis.kpis.revenue.current).toBe(21800); // tenant B's identical sales are not added
  });
});
