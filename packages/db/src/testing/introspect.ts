// A comparable description of a database's public schema: enough to tell whether two databases
// have the same models, columns, types, keys and indexes.
import pg from "pg";

export interface SchemaShape {
  enums: Record<string, string[]>;
  tables: Record<string, string[]>; // table → "column type [not null] [default …]"
  primaryKeys: Record<string, string>;
  foreignKeys: string[];
  indexes: string[];
}

export async function introspectSchema(url: string): Promise<SchemaShape> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const enums = await client.query<{ name: string; labels: string[] }>(`
      SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder) AS labels
        FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
       WHERE t.typnamespace = 'public'::regnamespace GROUP BY t.typname`);
    const columns = await client.query<{ table: string; col: string }>(`
      SELECT c.relname AS table,
             a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
               || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
               || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '') AS col
        FROM pg_class c
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
       WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
         AND c.relname <> '_prisma_migrations'
       ORDER BY c.relname, a.attnum`);
    const constraints = await client.query<{ table: string; name: string; type: string; def: string }>(`
      SELECT c.relname AS table, k.conname AS name, k.contype AS type, pg_get_constraintdef(k.oid) AS def
        FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
       WHERE c.relnamespace = 'public'::regnamespace AND k.contype IN ('p', 'f')
         AND k.conparentid = 0 AND c.relname <> '_prisma_migrations'`);
    const indexes = await client.query<{ def: string }>(`
      SELECT regexp_replace(pg_get_indexdef(i.indexrelid), ' ON ONLY ', ' ON ') AS def
        FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
       WHERE c.relnamespace = 'public'::regnamespace AND c.relname <> '_prisma_migrations'
         AND NOT i.indisprimary`);
    const shape: SchemaShape = { enums: {}, tables: {}, primaryKeys: {}, foreignKeys: [], indexes: [] };
    for (const e of enums.rows) shape.enums[e.name] = e.labels;
    for (const c of columns.rows) (shape.tables[c.table] ??= []).push(c.col);
    for (const k of constraints.rows) {
      if (k.type === "p") shape.primaryKeys[k.table] = k.def;
      else shape.foreignKeys.push(`${k.table}.${k.name}: ${k.def}`);
    }
    shape.foreignKeys.sort();
    shape.indexes = indexes.rows.map((r) => r.def).sort();
    return shape;
  } finally {
    await client.end();
  }
}
