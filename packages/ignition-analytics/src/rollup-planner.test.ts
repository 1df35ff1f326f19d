import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, withTenant, type Database, type Tx } from "@rappel/db";
import { withBulkJoins } from "./rollup-planner";
import { appDatabaseUrl, createTenant } from "./testing/fixture";

let db: Database;
beforeAll(() => {
  db = createDatabase(appDatabaseUrl(), { max: 2 });
});
afterAll(async () => db.$disconnect());

const nestedLoops = async (tx: Tx) => (await tx.$queryRaw<{ v: string }[]>`SELECT current_setting('enable_nestloop') AS v`)[0]!.v;

describe("planner settings of a refresh", () => {
  it("turns nested loops off for a refresh of many tickets only, and back on after it", async () => {
    const tenantId = await createTenant(db, "planner");
    const seen = await withTenant(db, tenantId, async (tx) => {
      const large = await withBulkJoins(tx, tenantId, null, () => nestedLoops(tx), 0);
      const afterLarge = await nestedLoops(tx);
      const small = await withBulkJoins(tx, tenantId, null, () => nestedLoops(tx), 1_000_000);
      return { large, afterLarge, small };
    });
    expect(seen).toEqual({ large: "off", afterLarge: "on", small: "on" });
  });
});
