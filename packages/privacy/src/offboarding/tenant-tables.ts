// The tenant-owned tables, read from the catalog (every table with a tenant_id column), so a
// table added by another area is exported, destroyed and verified without a code change.
import type { Database, Tx } from "@rappel/db";

/**
 * Tenant tables that outlive the tenant's data: the offboarding record is the vendor's proof of
 * export and destruction, holds no spectator data, and is neither exported nor destroyed.
 */
export const KEPT_AFTER_DESTRUCTION: readonly string[] = ["tenant_offboarding"];

export async function listTenantTables(db: Database | Tx): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<{ table: string }[]>(
    `SELECT c.relname AS table FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND a.attname = 'tenant_id'
        AND NOT c.relispartition
      ORDER BY 1`,
  );
  return rows.map((r) => r.table).filter((t) => !KEPT_AFTER_DESTRUCTION.includes(t));
}

/** The table's primary key columns, in key order, with their SQL types (for keyset pagination). */
export async function primaryKeyColumns(db: Database | Tx, table: string): Promise<{ name: string; type: string }[]> {
  const rows = await db.$queryRawUnsafe<{ name: string; type: string }[]>(
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
       FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n)
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
      WHERE i.indrelid = $1::regclass AND i.indisprimary
      ORDER BY k.n`,
    quoteIdent(table),
  );
  if (rows.length === 0) throw new Error(`table ${table} has no primary key: it cannot be exported page by page`);
  return rows;
}

export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unexpected table name ${JSON.stringify(name)}`);
  return `"${name}"`;
}
