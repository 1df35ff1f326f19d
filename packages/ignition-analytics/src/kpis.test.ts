// Every KPI formula against the hand-computed fixture (src/testing/fixture.ts), on real
// PostgreSQL through the application role.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, withTenant, type Database } from "@rappel/db";
import { parseDashboardFilters, type TDashboardFilters } from "./filters";
import { getOverviewKpis, type OverviewKpis } from "./kpis";
import { KPI_DEFINITIONS, KPI_KEYS } from "./kpi-definitions";
import { refreshRollups } from "./rollups";
import { addOrder, appDatabaseUrl, buildFixture, distanceKm, GRENOBLE, LYON, paris, VILLEURBANNE, type Fixture } from "./testing/fixture";

let db: Database;
let fx: Fixture;
const NOW = new Date("2026-03-15T12:00:00Z");
const dV = distanceKm(VILLEURBANNE, LYON);
const dG = distanceKm(GRENOBLE, LYON);

beforeAll(async () => {
  db = createDatabase(appDatabaseUrl(), { max: 4 });
  fx = await buildFixture(db, "kpis");
  await withTenant(db, fx.tenantId, (tx) => refreshRollups(tx, fx.tenantId, "all"));
});

afterAll(async () => {
  await db.$disconnect();
});

function filters(params: Record<string, string>, now = NOW): TDashboardFilters {
  return parseDashboardFilters(params, now);
}

async function overview(f: TDashboardFilters, now = NOW, tenantId = fx.tenantId): Promise<OverviewKpis> {
  return withTenant(db, tenantId, (tx) => getOverviewKpis(tx, tenantId, f, now));
}

type Values = Partial<Record<(typeof KPI_KEYS)[number], number | null>>;
function pick(o: OverviewKpis, which: "current" | "previous" | "lastSeason"): Values {
  return Object.fromEntries(KPI_KEYS.map((k) => [k, o.kpis[k][which]]));
}

function expectValues(actual: Values, expected: Values): void {
  for (const [key, value] of Object.entries(expected)) {
    if (value === null) expect(actual[key as keyof Values], key).toBeNull();
    else expect(actual[key as keyof Values], key).toBeCloseTo(value as number, 9);
  }
}

// Last season (2024-25) holds only P0: O0, W's first order, 2 × 30 €, 19 days ahead, capacity 10.
const LAST_SEASON: Values = {
  revenue: 6000, tickets: 2, orders: 1, averageTicketPrice: 3000, fillRate: 2 / 10, potentialRevenueUsed: 6000 / (10 * 3000),
  complimentaryTickets: 0, uniqueBuyers: 1, newBuyers: 1, returningBuyers: 0, repeatRate: 0, averageLeadDays: 19,
  averageDistanceKm: dG,
};

describe("getOverviewKpis on the season 2025-26 (performance dates)", () => {
  it("computes every KPI of the period by hand", async () => {
    const o = await overview(filters({}));
    expect(o.periods.current).toEqual({ from: "2025-09-01", to: "2026-08-31", salesUpTo: "2026-03-15" });
    expectValues(pick(o, "current"), {
      // O1 60 + O2 20 + O3 35 + O4 75 + O5 28 (a cancelled ticket, a refunded order and pending
      // reservations never count: Z, whose only order O7 is pending, is no buyer)
      revenue: 6000 + 2000 + 3500 + 7500 + 2800,
      tickets: 2 + 2 + 1 + 4 + 1,
      complimentaryTickets: 2,
      orders: 5,
      averageTicketPrice: 21800 / 8,
      // P1 4 tickets + P2 5 tickets ÷ sellable (P4 20−5, P1 10−2, P2 10); P3 is cancelled
      fillRate: (4 + 5) / (15 + 8 + 10),
      // revenue of non-cancelled performances ÷ (P1 8 × 30 € + P2 10 × 35 €); P4 has no observed price
      potentialRevenueUsed: (6000 + 2000 + 3500 + 7500) / (8 * 3000 + 10 * 3500),
      uniqueBuyers: 3, // X, Y, W
      newBuyers: 2, // X and Y; W bought in 2024
      returningBuyers: 1,
      repeatRate: 2 / 3, // X (O1, O3) and Y (O2, O5)
      // P1: 39 d × 2 + 9 d × 2; P2: 46 d × 1 + 1 d × 4 (ordered 00:30 Paris, still the 19th); P3: 45 d × 1
      averageLeadDays: (39 * 2 + 9 * 2 + 46 + 1 * 4 + 45) / 10,
      // P1: X 0 km, Y and Z from Villeurbanne; P2: X 0 km, W from Grenoble; P3's venue has no coordinates
      averageDistanceKm: (0 + 2 * dV + 0 + dG) / 5,
    });
  });

  it("compares with the previous period and the same period last season", async () => {
    const o = await overview(filters({}));
    expect(o.periods.previous).toEqual({ from: "2024-09-01", to: "2025-08-31", salesUpTo: "2025-03-15" });
    expect(o.periods.lastSeason).toEqual({ from: "2024-09-01", to: "2025-08-31", salesUpTo: "2025-03-15" });
    expectValues(pick(o, "previous"), LAST_SEASON);
    expectValues(pick(o, "lastSeason"), LAST_SEASON);
  });

  it("gives each KPI its definition key", async () => {
    const o = await overview(filters({}));
    for (const key of KPI_KEYS) {
      expect(o.kpis[key].definitionKey).toBe(`ignition.kpi.${key}.definition`);
      expect(KPI_DEFINITIONS[key].fr.length).toBeGreaterThan(20);
      expect(KPI_DEFINITIONS[key].en.length).toBeGreaterThan(20);
    }
  });
});

describe("getOverviewKpis on October 2025", () => {
  it("uses a previous period of the same length and last season's October", async () => {
    const o = await overview(filters({ from: "2025-10-01", to: "2025-10-31" }));
    expect(o.periods.previous).toMatchObject({ from: "2025-08-31", to: "2025-09-30" });
    expect(o.periods.lastSeason).toMatchObject({ from: "2024-10-01", to: "2024-10-31" });
    expectValues(pick(o, "current"), {
      revenue: 8000, tickets: 4, complimentaryTickets: 1, orders: 2, averageTicketPrice: 8000 / 3, fillRate: 4 / 8,
      potentialRevenueUsed: 8000 / (8 * 3000), uniqueBuyers: 2, newBuyers: 2, returningBuyers: 0,
      repeatRate: 0, // X's second order (O3) is for November
      averageLeadDays: (39 * 2 + 9 * 2) / 4, averageDistanceKm: (2 * dV) / 3,
    });
    // Previous period: P4 alone, unsold: 0 % filled, no price observed, no buyer.
    expectValues(pick(o, "previous"), {
      revenue: 0, tickets: 0, orders: 0, fillRate: 0, potentialRevenueUsed: null, averageTicketPrice: null,
      uniqueBuyers: 0, repeatRate: null, averageLeadDays: null, averageDistanceKm: null,
    });
    expectValues(pick(o, "lastSeason"), LAST_SEASON);
  });
});

describe("like-for-like comparisons", () => {
  it("counts only the sales made up to today, and last season up to today − 1 year", async () => {
    const early = new Date("2025-10-03T12:00:00Z");
    const o = await overview(filters({}, early), early);
    expect(o.periods.lastSeason.salesUpTo).toBe("2024-10-03");
    expectValues(pick(o, "current"), { revenue: 8000, tickets: 4, orders: 2, uniqueBuyers: 2 }); // O1, O2
    expectValues(pick(o, "lastSeason"), { revenue: 6000, orders: 1 }); // O0 was placed on 1 Oct 2024
    const earlier = new Date("2025-09-15T12:00:00Z");
    const o2 = await overview(filters({}, earlier), earlier);
    expectValues(pick(o2, "lastSeason"), { revenue: 0, tickets: 0, orders: 0, fillRate: 0 });
    expectValues(pick(o2, "current"), { revenue: 6000, orders: 1 }); // O1 only
  });
});

describe("getOverviewKpis with other filters", () => {
  it("counts sales by sale date", async () => {
    const o = await overview(filters({ from: "2025-10-01", to: "2025-10-31", basis: "sale" }));
    expectValues(pick(o, "current"), {
      revenue: 2000 + 3500, tickets: 3, complimentaryTickets: 1, orders: 2, uniqueBuyers: 2,
      newBuyers: 1, // Y (O2 is their first order); X first bought on 1 September
      returningBuyers: 1,
      fillRate: 3 / (8 + 10), // performances that sold in October: P1, P2
      averageLeadDays: (9 * 2 + 46) / 3,
    });
  });

  it("restricts to a sales channel", async () => {
    const o = await overview(filters({ salesChannel: "web" }));
    expectValues(pick(o, "current"), {
      revenue: 6000 + 3500 + 2800, tickets: 4, orders: 3, uniqueBuyers: 2,
      newBuyers: 1, // Y's first web order (O5) comes after their box-office order O2
      repeatRate: 1 / 2,
      fillRate: 3 / 33,
    });
  });

  it("restricts to a venue and to a genre", async () => {
    const annexe = await overview(filters({ venueId: fx.venueAnnexe }));
    expectValues(pick(annexe, "current"), { revenue: 2800, tickets: 1, fillRate: null, potentialRevenueUsed: null, averageDistanceKm: null });
    const danse = await overview(filters({ genre: "danse" }));
    expectValues(pick(danse, "current"), { revenue: 2800, tickets: 1, fillRate: 0 / 15, orders: 1 });
    const show = await overview(filters({ showId: fx.showMisanthrope }));
    expectValues(pick(show, "current"), { revenue: 19000, tickets: 9, fillRate: 9 / 18 });
  });
});

describe("tenant isolation", () => {
  it("never counts another tenant's tickets", async () => {
    const other = await buildFixture(db, "kpis-b");
    await withTenant(db, other.tenantId, async (tx) => {
      await addOrder(tx, other.tenantId, { buyerId: other.spectators.N, orderedAt: paris("2025-09-02T10:00"), channel: "web", tickets: [
        { performanceId: other.p1, category: "Plein", priceCents: 9900 },
      ] });
      await refreshRollups(tx, other.tenantId, "all");
    });
    const b = await overview(filters({}), NOW, other.tenantId);
    expect(b.kpis.revenue.current).toBe(21800 + 9900);
    const a = await overview(filters({}));
    expect(a.kpis.revenue.current).toBe(21800);
    // Asking for tenant B inside tenant A's scope returns nothing at all.
    const crossed = await withTenant(db, fx.tenantId, (tx) => getOverviewKpis(tx, other.tenantId, filters({}), NOW));
    expect(crossed.kpis.tickets.current).toBe(0);
    expect(crossed.kpis.uniqueBuyers.current).toBe(0);
  });
});
