// The one-round-trip tenant statement: same row-level security as withTenant, values inlined
// safely, nothing left on the pooled connection.
import type { Socket } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createDatabase, type Database } from "./client";
import { Prisma } from "./generated/prisma/client";
import { createTenantBatch, inlineSql, type TenantBatch } from "./tenant-batch";
import { TenantScopeError } from "./tenant-scope";
import { createTwoTenants, type TenantRows } from "./testing/two-tenants";

const query = pg.Connection.prototype.query;
let db: Database;
let batch: TenantBatch;
let a: TenantRows;
let b: TenantRows;

beforeAll(async () => {
  db = createDatabase(process.env.DATABASE_URL!, { max: 2 });
  batch = createTenantBatch(process.env.DATABASE_URL!, { max: 2 });
  ({ a, b } = await createTwoTenants(db));
});
afterAll(async () => {
  await batch.end();
  await db.$disconnect();
});

describe("createTenantBatch", () => {
  it("sees only the scoped tenant's rows, concurrently on a small pool, and leaves no setting behind", async () => {
    const runs = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b)).map(async (t) => ({
        expected: t.tenantId,
        rows: await batch.query<{ tenantId: string; current: string }>(
          t.tenantId,
          Prisma.sql`SELECT tenant_id::text AS "tenantId", current_setting('app.tenant_id', true) AS current FROM venue`,
        ),
      })),
    );
    for (const run of runs) {
      expect(run.rows.length).toBeGreaterThan(0);
      for (const row of run.rows) expect(row).toEqual({ tenantId: run.expected, current: run.expected });
    }
    // Asking for the other tenant's rows by id inside A's scope finds nothing.
    const crossed = await batch.query(a.tenantId, Prisma.sql`SELECT 1 FROM venue WHERE tenant_id = ${b.tenantId}::uuid`);
    expect(crossed).toEqual([]);
    const after = await batch.query<{ v: string }>(a.tenantId, Prisma.sql`SELECT 1 AS v`);
    expect(after).toEqual([{ v: 1 }]);
  });

  it("reads then writes in one transaction, and rolls back when the write fails", async () => {
    const name = `Batch ${Date.now()}`;
    const renamed = await batch.transaction<{ name: string }, string>(a.tenantId, Prisma.sql`SELECT name FROM venue WHERE id = ${a.venueId}::uuid`, async ([row]) => ({
      write: Prisma.sql`UPDATE venue SET name = ${name} WHERE id = ${a.venueId}::uuid`,
      result: row!.name,
    }));
    expect(renamed).not.toBe(name);
    expect(await batch.query(a.tenantId, Prisma.sql`SELECT name FROM venue WHERE id = ${a.venueId}::uuid`)).toEqual([{ name }]);
    await expect(
      batch.transaction(a.tenantId, Prisma.sql`UPDATE venue SET name = 'lost' WHERE id = ${a.venueId}::uuid`, async () => ({
        write: Prisma.sql`SELECT 1 / 0`,
        result: null,
      })),
    ).rejects.toThrow(/division by zero/);
    expect(await batch.query(a.tenantId, Prisma.sql`SELECT name FROM venue WHERE id = ${a.venueId}::uuid`)).toEqual([{ name }]);
    // B's venue is not writable from A's scope.
    const crossed = await batch.transaction(a.tenantId, Prisma.sql`UPDATE venue SET name = 'x' WHERE id = ${b.venueId}::uuid RETURNING 1`, async (rows) => ({ write: null, result: rows.length }));
    expect(crossed).toBe(0);
  });

  it("inlines values as literals that cannot break out of the statement", async () => {
    const hostile = "x'; DROP TABLE venue; --";
    const sql = Prisma.sql`SELECT ${hostile} AS s, ${new Uint8Array([0, 255])} AS b, ${new Date("2026-01-02T03:04:05.000Z")}::timestamptz AS d, ${7} AS n, ${null}::int AS z, ${true} AS t`;
    expect(inlineSql(sql)).toContain("'x''; DROP TABLE venue; --'");
    const [row] = await batch.query<{ s: string; b: Buffer; d: Date; n: number; z: null; t: boolean }>(a.tenantId, sql);
    expect(row).toEqual({ s: hostile, b: Buffer.from([0, 255]), d: new Date("2026-01-02T03:04:05.000Z"), n: 7, z: null, t: true });
  });

  it("begins, leaves the transaction open, and writes COMMIT to the socket within commit()", async () => {
    const name = `Open ${Date.now()}`;
    const tx = await batch.begin<{ id: string }>(a.tenantId, Prisma.sql`UPDATE venue SET name = ${name} WHERE tenant_id = ${a.tenantId}::uuid RETURNING id::text AS id`);
    expect(tx.rows.map((r) => r.id)).toContain(a.venueId);
    // Not visible outside before the COMMIT.
    expect(await batch.query(a.tenantId, Prisma.sql`SELECT 1 FROM venue WHERE name = ${name}`)).toEqual([]);
    const sent: { text: string; queuedAfter: number }[] = [];
    const spy = vi.spyOn(pg.Connection.prototype, "query").mockImplementation(function (this: pg.Connection & { stream: Socket }, text: string) {
      query.call(this, text);
      sent.push({ text, queuedAfter: this.stream.writableLength });
    });
    const committed = tx.commit();
    spy.mockRestore();
    // Synchronously: the COMMIT went through pg's connection and nothing is left queued in Node.
    expect(sent).toEqual([{ text: "COMMIT", queuedAfter: 0 }]);
    await committed;
    expect(await batch.query(a.tenantId, Prisma.sql`SELECT 1 AS v FROM venue WHERE name = ${name}`)).toEqual([{ v: 1 }]);
    await expect(tx.commit()).rejects.toThrow(/already over/);
  });

  it("rolls an open transaction back, and scopes it to the tenant", async () => {
    const tx = await batch.begin<{ id: string }>(a.tenantId, Prisma.sql`UPDATE venue SET name = 'rolled back' WHERE id = ${b.venueId}::uuid RETURNING id::text AS id`);
    expect(tx.rows).toEqual([]);
    await tx.rollback();
    const mine = await batch.begin<{ id: string }>(a.tenantId, Prisma.sql`UPDATE venue SET name = 'rolled back' WHERE id = ${a.venueId}::uuid RETURNING id::text AS id`);
    await mine.rollback();
    expect(await batch.query(a.tenantId, Prisma.sql`SELECT 1 FROM venue WHERE name = 'rolled back'`)).toEqual([]);
  });

  it("refuses a tenant id that is not a UUID", async () => {
    await expect(batch.query("1'; --", Prisma.sql`SELECT 1`)).rejects.toBeInstanceOf(TenantScopeError);
  });
});
