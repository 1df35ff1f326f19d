// Some SQL runs both in a Prisma tenant transaction (staff actions: manual merge, undo) and on the
// import's own pg connection (the worker's batches). Both are wrapped as one small interface so
// that SQL is written once.
import type pg from "pg";
import type { Tx } from "@rappel/db";

export type SqlRunner = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

export function prismaRunner(tx: Tx): SqlRunner {
  return <T>(text: string, params: unknown[] = []) => tx.$queryRawUnsafe<T[]>(text, ...params);
}

export function pgRunner(client: pg.ClientBase): SqlRunner {
  return async <T>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as T[];
}
