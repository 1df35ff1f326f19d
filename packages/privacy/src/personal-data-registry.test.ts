// Erasure, purges and exports reach only the tables the registry lists. Every area adds tables, so
// this test reads the catalog: a column that points at a spectator in a table the registry does
// not know fails here, before a person's erasure silently leaves rows behind.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@rappel/db";
import { PERSONAL_DATA_LOCATIONS } from "./personal-data-registry";
import { openOwnerDatabase } from "./testing/fixtures";

// Column names that hold a spectator's id across the schema.
const SPECTATOR_COLUMNS = ["spectator_id", "holder_id", "survivor_id", "merged_id"];
// Tables that keep a spectator reference on purpose and are handled elsewhere: aggregates keyed
// per performance are not about one person; none expected today.
const NOT_PERSONAL: string[] = [];

let owner: Database;
beforeAll(() => {
  owner = openOwnerDatabase();
});
afterAll(async () => owner.$disconnect());

describe("personal-data registry", () => {
  it("covers every table with a column pointing at a spectator", async () => {
    const rows = await owner.$queryRaw<{ table_name: string }[]>`
      SELECT DISTINCT c.table_name FROM information_schema.columns c
        JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
       WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.column_name = ANY(${SPECTATOR_COLUMNS})`;
    const registered = new Set(PERSONAL_DATA_LOCATIONS.map((location) => location.table));
    const missing = rows.map((r) => r.table_name).filter((table) => !registered.has(table) && !NOT_PERSONAL.includes(table));
    expect(missing, "add these tables to PERSONAL_DATA_LOCATIONS").toEqual([]);
  });

  it("handles the spectator row last, after everything that points at it", () => {
    expect(PERSONAL_DATA_LOCATIONS.at(-1)?.table).toBe("spectator");
  });
});
