// The parallel refresh (an import's) leaves every rollup table exactly as the one-transaction
// refresh of the whole tenant does, for any number of parts and for a partial list (whose buyers'
// rows elsewhere are re-flagged); it waits for the tenant's refresh lock; `finish` runs once the
// parts have committed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, withTenant, type Database } from "@rappel/db";
import { refreshRollups, refreshRollupsInParallel } from "./rollups";
import { addOrder, appDatabaseUrl, buildFixture, paris, type Fixture } from "./testing/fixture";

const ROLLUP_TABLES = [
  "rollup_daily_sales", "rollup_performance_day", "rollup_performance", "rollup_order", "rollup_season_buyers",
  "rollup_audience", "rollup_audience_departement", "rollup_audience_channel",
] as const;

let db: Database;
let fx: Fixture;
const performances = () => [fx.p0, fx.p1, fx.p2, fx.p3, fx.p4];

beforeAll(async () => {
  db = createDatabase(appDatabaseUrl(), { max: 6 });
  fx = await buildFixture(db, "parallel");
});

afterAll(async () => {
  await db.$disconnect();
});

/** Every rollup row of the tenant, table by table, in a stable order. */
async function allRollups(): Promise<Record<string, unknown[]>> {
  return withTenant(db, fx.tenantId, async (tx) => {
    const tables: Record<string, unknown[]> = {};
    for (const table of ROLLUP_TABLES) {
      // Table names come from the constant list above, never from input.
      tables[table] = await tx.$queryRawUnsafe(`SELECT to_jsonb(r) AS row FROM ${table} r WHERE tenant_id = $1::uuid ORDER BY to_jsonb(r)::text`, fx.tenantId);
    }
    return tables;
  });
}

async function emptyRollups(): Promise<void> {
  await withTenant(db, fx.tenantId, async (tx) => {
    for (const table of ROLLUP_TABLES) await tx.$executeRawUnsafe(`DELETE FROM ${table} WHERE tenant_id = $1::uuid`, fx.tenantId);
  });
}

describe("refreshRollupsInParallel", () => {
  it("builds, in 1, 2 or 3 parts, exactly the rows a whole-tenant refresh builds", async () => {
    await withTenant(db, fx.tenantId, (tx) => refreshRollups(tx, fx.tenantId, "all"));
    const expected = await allRollups();
    expect(expected.rollup_daily_sales!.length).toBeGreaterThan(3);
    expect(expected.rollup_season_buyers!.length).toBeGreaterThan(3);
    for (const parts of [1, 2, 3]) {
      await emptyRollups();
      const result = await refreshRollupsInParallel(db, fx.tenantId, performances(), { parts });
      expect(await allRollups(), `${parts} parts`).toEqual(expected);
      expect(result.dailySalesRows).toBe(expected.rollup_daily_sales!.length);
      expect(result.orderRows).toBe(expected.rollup_order!.length);
    }
  });

  it("re-flags the touched buyers' rows on performances outside the list, like the serial refresh", async () => {
    await withTenant(db, fx.tenantId, async (tx) => {
      // Y's earlier order for P4 only: Y's orders on P1 and P3 are no longer first.
      await addOrder(tx, fx.tenantId, { buyerId: fx.spectators.Y, orderedAt: paris("2025-08-20T10:00"), channel: "phone", tickets: [
        { performanceId: fx.p4, category: "Plein", priceCents: 2000 },
      ] });
    });
    await refreshRollupsInParallel(db, fx.tenantId, [fx.p4, fx.p0], { parts: 2 });
    const incremental = await allRollups();
    await withTenant(db, fx.tenantId, (tx) => refreshRollups(tx, fx.tenantId, "all"));
    expect(incremental).toEqual(await allRollups());
  });

  it("waits for a refresh of the same tenant in progress, and runs finish after its parts", async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    // A serial refresh holding the tenant lock until released.
    const holder = withTenant(db, fx.tenantId, async (tx) => {
      await refreshRollups(tx, fx.tenantId, { performanceIds: [fx.p1] });
      locked();
      await released;
    }, { timeoutMs: 30_000 });
    await lockTaken;
    let finishedAt: number | null = null;
    const parallel = refreshRollupsInParallel(db, fx.tenantId, performances(), {
      finish: async (tx) => {
        finishedAt = Date.now();
        // The parts' rows are visible to the coordinating transaction.
        expect(await tx.rollupPerformance.count({ where: { tenantId: fx.tenantId } })).toBeGreaterThan(0);
      },
      timeoutMs: 30_000,
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(finishedAt).toBeNull();
    const releasedAt = Date.now();
    release();
    await holder;
    await parallel;
    expect(finishedAt).not.toBeNull();
    expect(finishedAt!).toBeGreaterThanOrEqual(releasedAt);
  });

  it("refuses ids that are not UUIDs and does nothing for an empty list but finish", async () => {
    await expect(refreshRollupsInParallel(db, fx.tenantId, ["nope"])).rejects.toThrow();
    let finished = false;
    const result = await refreshRollupsInParallel(db, fx.tenantId, [], { finish: async () => void (finished = true) });
    expect(result).toEqual({ dailySalesRows: 0, performanceDayRows: 0, orderRows: 0, audienceRows: 0 });
    expect(finished).toBe(true);
  });
});
