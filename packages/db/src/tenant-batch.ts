// A hot path's tenant-scoped statement in ONE round trip: BEGIN, the tenant setting, the statement
// and COMMIT travel as one simple-protocol message on a plain pg pool (withTenant's interactive
// transaction costs four round trips and Prisma's per-query work). The simple protocol takes no
// parameters, so the statement's values are inlined as escaped literals: meant for statements the
// server composes from values it produced or validated (ids, hashes, timestamps), like a public
// page's read. Row-level security applies exactly as in withTenant (same role, same setting).
import pg from "pg";
import type { Prisma } from "./generated/prisma/client";
import { TenantScopeError } from "./tenant-scope";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function literal(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`cannot inline ${value}`);
    return String(value);
  }
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return `'${value.toISOString()}'`;
  if (value instanceof Uint8Array) return `'\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("hex")}'::bytea`;
  if (typeof value === "string") return pg.escapeLiteral(value);
  if (Array.isArray(value)) return `ARRAY[${value.map(literal).join(", ")}]`;
  throw new TypeError(`cannot inline a ${typeof value}`);
}

/** The statement as text with its values inlined as literals. */
export function inlineSql(sql: Prisma.Sql): string {
  return sql.strings.reduce((text, part, i) => text + literal(sql.values[i - 1]) + part);
}

export interface TenantBatch {
  /** Runs `sql` in its own transaction scoped to `tenantId`; the rows of that statement. */
  query<T>(tenantId: string, sql: Prisma.Sql): Promise<T[]>;
  /**
   * A read, then a write decided from what was read, in one transaction of two round trips:
   * BEGIN, the setting and `read` in the first message; `decide`'s statement (or none) and COMMIT
   * in the second. Any failure rolls back.
   */
  transaction<T, R>(tenantId: string, read: Prisma.Sql, decide: (rows: T[]) => Promise<{ write: Prisma.Sql | null; result: R }>): Promise<R>;
  /**
   * BEGIN, the setting and `sql` in one round trip, leaving the transaction open: the caller
   * decides, then commits or rolls back. For a commit that must be followed at once by its effect.
   */
  begin<T>(tenantId: string, sql: Prisma.Sql): Promise<OpenTransaction<T>>;
  end(): Promise<void>;
}

export interface OpenTransaction<T> {
  rows: T[];
  /**
   * Writes COMMIT to the server's socket before returning (the connection is idle, so pg sends a
   * query at once): code that runs right after this call runs after the COMMIT is on its way. The
   * promise is the server's answer.
   */
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

function assertTenant(tenantId: string): void {
  if (!UUID.test(tenantId)) throw new TenantScopeError(`tenantId must be a UUID, got ${JSON.stringify(tenantId)}`);
}

const opening = (tenantId: string, sql: Prisma.Sql) => `BEGIN; SELECT set_config('app.tenant_id', '${tenantId}', true); ${inlineSql(sql)}`;

export function createTenantBatch(connectionString: string, options: { max?: number } = {}): TenantBatch {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10 });
  // An idle connection the server closed (restart, terminated backend): the pool drops it and the
  // next query opens another. Without a listener the 'error' event would end the process.
  pool.on("error", () => {});
  return {
    async query<T>(tenantId: string, sql: Prisma.Sql): Promise<T[]> {
      assertTenant(tenantId);
      const results = (await pool.query(`${opening(tenantId, sql)}; COMMIT`)) as unknown as pg.QueryResult[];
      return results[2]!.rows as T[];
    },
    async transaction<T, R>(tenantId: string, read: Prisma.Sql, decide: (rows: T[]) => Promise<{ write: Prisma.Sql | null; result: R }>): Promise<R> {
      assertTenant(tenantId);
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        const results = (await client.query(opening(tenantId, read))) as unknown as pg.QueryResult[];
        const { write, result } = await decide(results[2]!.rows as T[]);
        await client.query(write ? `${inlineSql(write)}; COMMIT` : "COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch((rollbackError: Error) => (broken = rollbackError));
        throw error;
      } finally {
        client.release(broken); // a connection that could not roll back is discarded
      }
    },
    async begin<T>(tenantId: string, sql: Prisma.Sql): Promise<OpenTransaction<T>> {
      assertTenant(tenantId);
      const client = await pool.connect();
      let rows: T[];
      try {
        rows = ((await client.query(opening(tenantId, sql))) as unknown as pg.QueryResult[])[2]!.rows as T[];
      } catch (error) {
        await client.query("ROLLBACK").then(
          () => client.release(),
          (rollbackError: Error) => client.release(rollbackError),
        );
        throw error;
      }
      let settled = false;
      const finish = (statement: "COMMIT" | "ROLLBACK") => {
        if (settled) return Promise.reject(new Error(`the transaction is already over (${statement})`));
        settled = true;
        const sent = client.query(statement);
        return sent.then(
          () => client.release(),
          (error: Error) => {
            client.release(error); // a connection whose COMMIT failed is not reused
            throw error;
          },
        );
      };
      return { rows, commit: () => finish("COMMIT"), rollback: () => finish("ROLLBACK") };
    },
    end: () => pool.end(),
  };
}
