// Unpaid reservations beside the KPIs, against the hand-computed fixture (src/testing/fixture.ts):
// O4 holds one pending ticket (P2, 25 €, phone), O7 two (P1, 2 × 30 €, web). That they count in
// no KPI is asserted by kpis.test.ts, whose figures are computed without them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, withTenant, type Database } from "@rappel/db";
import { parseDashboardFilters } from "./filters";
import { getPendingReservations, getPerformancePendingReservations } from "./pending-reservations";
import { appDatabaseUrl, buildFixture, createTenant, type Fixture } from "./testing/fixture";

let db: Database;
let fx: Fixture;
const NOW = new Date("2026-03-15T12:00:00Z");

beforeAll(async () => {
  db = createDatabase(appDatabaseUrl(), { max: 2 });
  fx = await buildFixture(db, "pending");
});

afterAll(async () => {
  await db.$disconnect();
});

const pending = (params: Record<string, string>, tenantId = fx.tenantId, scopeTenant = tenantId) =>
  withTenant(db, scopeTenant, (tx) =>
    getPendingReservations(tx, tenantId, parseDashboardFilters(params, NOW)),
  );

describe("getPendingReservations", () => {
  it("counts the season's pending tickets, their orders and what they would bring", async () => {
    expect(await pending({})).toEqual({ tickets: 3, orders: 2, amountCents: 2500 + 6000 });
  });

  it("follows the period, its basis and the channel", async () => {
    // October's performances: P1 only (P2 is on 20 November).
    expect(await pending({ from: "2025-10-01", to: "2025-10-31" })).toEqual({
      tickets: 2,
      orders: 1,
      amountCents: 6000,
    });
    // Reserved in November: O4 (19 Nov), for P2.
    expect(await pending({ from: "2025-11-01", to: "2025-11-30", basis: "sale" })).toEqual({
      tickets: 1,
      orders: 1,
      amountCents: 2500,
    });
    expect(await pending({ salesChannel: "phone" })).toEqual({
      tickets: 1,
      orders: 1,
      amountCents: 2500,
    });
    expect(await pending({ showId: fx.showBolero })).toEqual({
      tickets: 0,
      orders: 0,
      amountCents: 0,
    });
  });

  it("counts one performance's pending tickets, whatever the period", async () => {
    const of = (performanceId: string, scopeTenant = fx.tenantId) =>
      withTenant(db, scopeTenant, (tx) =>
        getPerformancePendingReservations(tx, fx.tenantId, performanceId),
      );
    expect(await of(fx.p1)).toEqual({ tickets: 2, orders: 1, amountCents: 6000 });
    expect(await of(fx.p2)).toEqual({ tickets: 1, orders: 1, amountCents: 2500 });
    expect(await of(fx.p0)).toEqual({ tickets: 0, orders: 0, amountCents: 0 });
  });

  it("never shows another tenant's reservations", async () => {
    const other = await createTenant(db, "pending-b");
    expect(await pending({}, other)).toEqual({ tickets: 0, orders: 0, amountCents: 0 });
    // Tenant A's id asked inside tenant B's scope: row-level security hides everything.
    expect(await pending({}, fx.tenantId, other)).toEqual({
      tickets: 0,
      orders: 0,
      amountCents: 0,
    });
    // Tenant A's performance asked as tenant B: nothing.
    const crossed = await withTenant(db, other, (tx) => getPerformancePendingReservations(tx, fx.tenantId, fx.p1));
    expect(crossed).toEqual({ tickets: 0, orders: 0, amountCents: 0 });
  });
});
