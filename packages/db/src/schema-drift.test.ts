// schema.prisma and the migrations must describe the same database: every model, column, type,
// default, key and index. The expected database is built from schema.prisma alone (Prisma's
// schema engine computes its DDL offline); the actual one is the migrated test database.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schemaPath } from "./paths";
import { introspectSchema, type SchemaShape } from "./testing/introspect";

const packageDir = fileURLToPath(new URL("..", import.meta.url));

function ddlFromSchema(): string {
  return execFileSync(
    process.execPath,
    ["--no-warnings", "--experimental-wasm-modules", "scripts/schema-sql.mjs", schemaPath],
    { cwd: packageDir, encoding: "utf8" },
  );
}

let expected: SchemaShape;
let actual: SchemaShape;
const scratchName = `rappel_drift_${process.pid}_${Date.now().toString(36)}`;
const ownerUrl = process.env.MIGRATION_DATABASE_URL!;
const scratchUrl = (() => {
  const u = new URL(ownerUrl);
  u.pathname = `/${scratchName}`;
  return u.toString();
})();

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: ownerUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${scratchName}`);
  await admin.end();
  const scratch = new pg.Client({ connectionString: scratchUrl });
  await scratch.connect();
  await scratch.query(ddlFromSchema());
  await scratch.end();
  [expected, actual] = await Promise.all([introspectSchema(scratchUrl), introspectSchema(ownerUrl)]);
}, 60_000);

afterAll(async () => {
  const admin = new pg.Client({ connectionString: ownerUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${scratchName} WITH (FORCE)`);
  await admin.end();
});

describe("schema.prisma ↔ migrated database", () => {
  it("has the same tables and columns (names, types, nullability, defaults)", () => {
    expect(Object.keys(actual.tables).sort()).toEqual(Object.keys(expected.tables).sort());
    for (const [table, columns] of Object.entries(expected.tables)) {
      expect(actual.tables[table], `columns of ${table}`).toEqual(columns);
    }
  });

  it("has the same enums", () => {
    expect(actual.enums).toEqual(expected.enums);
  });

  it("has the same primary keys, foreign keys and indexes", () => {
    expect(actual.primaryKeys).toEqual(expected.primaryKeys);
    expect(actual.foreignKeys).toEqual(expected.foreignKeys);
    expect(actual.indexes).toEqual(expected.indexes);
  });

  it("really detects a difference (the comparison can fail)", () => {
    const tampered = structuredClone(expected);
    tampered.tables.ticket = tampered.tables.ticket!.filter((c) => !c.startsWith("price_cents"));
    expect(tampered.tables.ticket).not.toEqual(actual.tables.ticket);
  });
});
