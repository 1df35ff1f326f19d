// The tenant-owned tables, read from the catalog (every table with a tenant_id column), so a
// table added by another area is exported, destroyed and verified without a code change.
import type { Database, Tx } from "@rappel/db";

export async function listTenantTables(db: Database | Tx): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<{ table: string }[]>(
    `SELECT c.relname AS table FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND a.attname = 'tenant_id'
        AND NOT c.relispartition
      ORDER BY 1`,
  );
  return rows.map((r) => r.table);
}

export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unexpected table name ${JSON.stringify(name)}`);
  return `"${name}"`;
}
