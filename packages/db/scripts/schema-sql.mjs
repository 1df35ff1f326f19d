#!/usr/bin/env node
// Prints the SQL that takes a database from one version of schema.prisma to another, computed
// offline by Prisma's WebAssembly schema engine (the native engine cannot be downloaded here).
//   node --experimental-wasm-modules scripts/schema-sql.mjs [--from old.prisma] new.prisma
// Without --from, the SQL creates the schema from nothing. Used to write new migrations and by
// the drift test (schema-drift.test.ts). The engine asks the "database" for its version once;
// a stub answers it, and any other query fails loudly, so no database is ever used.
import { readFileSync } from "node:fs";
import { SchemaEngine } from "@prisma/schema-engine-wasm";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

const BOOLEAN = 5, TEXT = 7, INT32 = 0; // ColumnTypeEnum values

function offlineAdapter() {
  const refuse = async (query) => {
    throw new Error(`schema-sql works offline; the engine tried to query: ${query?.sql ?? "(script)"}`);
  };
  const connection = {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    queryRaw: async (query) =>
      query.sql.includes("server_version_num")
        ? { columnNames: ["exists", "version", "numeric_version"], columnTypes: [BOOLEAN, TEXT, INT32], rows: [[true, "PostgreSQL 15", 150000]] }
        : refuse(query),
    executeRaw: refuse,
    executeScript: refuse,
    startTransaction: refuse,
    dispose: async () => {},
    getConnectionInfo: () => ({ schemaName: "public", supportsRelationJoins: true }),
  };
  return bindMigrationAwareSqlAdapterFactory({
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: async () => connection,
    connectToShadowDb: async () => connection,
  });
}

const args = process.argv.slice(2);
const fromIndex = args.indexOf("--from");
const fromPath = fromIndex >= 0 ? args.splice(fromIndex, 2)[1] : undefined;
const toPath = args[0];
if (!toPath) {
  console.error("usage: schema-sql.mjs [--from old.prisma] new.prisma");
  process.exit(2);
}
const target = (path) => ({ tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: readFileSync(path, "utf8") }] });
const engine = await SchemaEngine.new({ datamodels: [["schema.prisma", readFileSync(toPath, "utf8")]] }, () => {}, offlineAdapter());
const result = await engine.diff({
  from: fromPath ? target(fromPath) : { tag: "empty" },
  to: target(toPath),
  script: true,
  exitCode: null,
  filters: { externalTables: [], externalEnums: [] },
});
process.stdout.write(result.stdout ?? "");
