// Cancellation between batches, and tenant isolation of the staging path.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant, type Database } from "@rappel/db";
import { requestImportCancel, retryImport, runImport } from "../index";
import { inBatchTransaction } from "../load/batch-transaction";
import { appUrl, createTestTenant, importFile, openAppDatabase, queueImport, tempStorageDir, testMasterKey } from "../testing";

let db: Database;
let storageDir: string;

beforeAll(async () => {
  db = openAppDatabase(6);
  storageDir = await tempStorageDir();
});
afterAll(async () => {
  await db.$disconnect();
});

const HEADER = "N° commande;N° billet;Date de commande;Spectacle;Date de la représentation;Heure;Salle;Prix TTC;E-mail acheteur";
function exportOf(rows: number, tag: string, show = "Hamlet"): string {
  const lines = [HEADER];
  for (let i = 1; i <= rows; i++) {
    lines.push(`${tag}-C${Math.ceil(i / 2)};${tag}-B${i};01/03/2025 10:00;${show};30/03/2025;20h30;Grande salle;${10 + i},00 €;buyer${i % 7}@${tag.toLowerCase()}.example.fr`);
  }
  return lines.join("\n");
}

describe("cancellation", () => {
  it("stops between batches; what was committed stays, the rest is not written, rollups match what stays", async () => {
    const tenantId = await createTestTenant(db);
    const importId = await queueImport(db, { tenantId, storageDir, source: exportOf(10, "X") });
    const result = await runImport(
      { tenantId, importId },
      {
        db, databaseUrl: appUrl(), storageDir, masterKey: testMasterKey(), batchSize: 2,
        // The person presses "cancel" once the first batch is committed.
        onBatch: async ({ batches }) => {
          if (batches === 1) await withTenant(db, tenantId, (tx) => requestImportCancel(tx, tenantId, importId));
        },
      },
    );
    expect(result.status).toBe("cancelled");
    const job = await withTenant(db, tenantId, (tx) => tx.importJob.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: importId } } }));
    expect(job).toMatchObject({ status: "cancelled", cancelRequested: true });
    expect(job.finishedAt).toBeInstanceOf(Date);
    // Batch 1 was committed; batch 2 was being read when the cancel came and is not written.
    expect(job.rowsRead).toBe(2);
    const tickets = await withTenant(db, tenantId, (tx) => tx.ticket.findMany({ where: { tenantId }, orderBy: { reference: "asc" } }));
    expect(tickets.map((t) => t.reference)).toEqual(["X-B1", "X-B2"]);
    const rollup = await withTenant(db, tenantId, (tx) => tx.rollupDailySales.aggregate({ where: { tenantId }, _sum: { tickets: true } }));
    expect(rollup._sum.tickets).toBe(2);
  });
});

describe("retries", () => {
  it("a retry after a failure in the middle re-reads the file and ends as one clean run would", async () => {
    const tenantId = await createTestTenant(db);
    const text = `${exportOf(9, "R")}\nR-C9;R-B10;31/02/2025;Hamlet;30/03/2025;20h30;Grande salle;10,00 €;x@r.example.fr`;
    const importId = await queueImport(db, { tenantId, storageDir, source: text });
    const options = { db, databaseUrl: appUrl(), storageDir, masterKey: testMasterKey(), batchSize: 3 };
    await expect(
      runImport({ tenantId, importId }, {
        ...options,
        onBatch: ({ batches }) => {
          if (batches === 2) throw new Error("connection lost");
        },
      }),
    ).rejects.toThrow("connection lost");
    const failed = await withTenant(db, tenantId, (tx) => tx.importJob.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: importId } } }));
    expect(failed.status).toBe("failed");
    expect(failed.errorMessage).toMatch(/internal error; it will be retried/);

    // Staff press "retry": queued again (run number from the failed run's end, stable on a double click).
    const first = await withTenant(db, tenantId, (tx) => retryImport(tx, tenantId, importId));
    expect(first.job.status).toBe("queued");
    expect(first.run).toBe(failed.finishedAt!.getTime());
    await expect(withTenant(db, tenantId, (tx) => retryImport(tx, tenantId, importId))).rejects.toThrow(/retry/);
    const retried = await runImport({ tenantId, importId }, options);
    expect(retried).toMatchObject({ status: "completed", rowsRead: 10, rowsAccepted: 9, rowsRejected: 1 });
    const state = await withTenant(db, tenantId, async (tx) => ({
      tickets: await tx.ticket.count(),
      orders: await tx.order.count(),
      spectators: await tx.spectator.count(),
      rejected: await tx.importRejectedRow.findMany({ where: { importId }, select: { line: true } }),
      job: await tx.importJob.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: importId } } }),
    }));
    expect(state).toMatchObject({ tickets: 9, orders: 5, spectators: 7, rejected: [{ line: 11 }] });
    expect(state.job).toMatchObject({ status: "completed", rowsRead: 10, rowsAccepted: 9, rowsRejected: 1, errorMessage: null });
  });
});

describe("two imports of one tenant at once", () => {
  it("overlapping files end as one import of their union: no order, ticket or buyer twice, totals right", async () => {
    const tenantId = await createTestTenant(db);
    // Rows 1-30 in both files (same orders, tickets and buyers), 31-40 in the second only.
    const [first, second] = await Promise.all([
      importFile(db, { tenantId, storageDir, source: exportOf(30, "S"), options: { batchSize: 4 } }),
      importFile(db, { tenantId, storageDir, source: exportOf(40, "S"), options: { batchSize: 3 } }),
    ]);
    expect(first.result).toMatchObject({ status: "completed", rowsAccepted: 30 });
    expect(second.result).toMatchObject({ status: "completed", rowsAccepted: 40 });
    const seen = await withTenant(db, tenantId, async (tx) => ({
      tickets: await tx.ticket.count(),
      orders: await tx.order.findMany({ select: { reference: true, totalCents: true } }),
      spectators: await tx.spectator.count(),
    }));
    expect(seen.tickets).toBe(40);
    expect(seen.spectators).toBe(7);
    // Order S-Cn holds tickets 2n-1 and 2n, at 10 € + their number each.
    expect(seen.orders).toHaveLength(20);
    for (const o of seen.orders) {
      const n = Number(o.reference.slice("S-C".length));
      expect(o.totalCents).toBe((10 + 2 * n - 1 + 10 + 2 * n) * 100);
    }
  });
});

describe("staging is private to each import", () => {
  it("two tenants importing at the same time each get only their own rows", async () => {
    // Provisioned one after the other: creating partitions concurrently deadlocks (reported).
    const a = await createTestTenant(db);
    const b = await createTestTenant(db);
    const [ra, rb] = await Promise.all([
      importFile(db, { tenantId: a, storageDir, source: exportOf(40, "A", "Phèdre"), options: { batchSize: 5 } }),
      importFile(db, { tenantId: b, storageDir, source: exportOf(30, "B", "Tartuffe"), options: { batchSize: 5 } }),
    ]);
    expect(ra.result).toMatchObject({ status: "completed", rowsAccepted: 40 });
    expect(rb.result).toMatchObject({ status: "completed", rowsAccepted: 30 });
    for (const [tenant, tag, count, show] of [[a, "A", 40, "Phèdre"], [b, "B", 30, "Tartuffe"]] as const) {
      const seen = await withTenant(db, tenant, async (tx) => ({
        tickets: await tx.ticket.findMany({ select: { reference: true } }),
        orders: await tx.order.count(),
        spectators: await tx.spectator.count(),
        shows: await tx.show.findMany({ select: { title: true } }),
      }));
      expect(seen.tickets).toHaveLength(count);
      expect(seen.tickets.every((t) => t.reference.startsWith(`${tag}-`))).toBe(true);
      expect(seen.orders).toBe(count / 2);
      expect(seen.spectators).toBe(7);
      expect(seen.shows).toEqual([{ title: show }]);
    }
  });

  it("a staging table cannot be read from another session, and its rows cannot land in another tenant", async () => {
    // Provisioned one after the other: creating partitions concurrently deadlocks (reported).
    const a = await createTestTenant(db);
    const b = await createTestTenant(db);
    const one = new pg.Client({ connectionString: appUrl() });
    const two = new pg.Client({ connectionString: appUrl() });
    await Promise.all([one.connect(), two.connect()]);
    try {
      await one.query("BEGIN");
      await one.query("SELECT set_config('app.tenant_id', $1, true)", [a]);
      await one.query("CREATE TEMP TABLE stage_ticket (ticket_ref text) ON COMMIT DROP");
      await one.query("INSERT INTO stage_ticket VALUES ('secret')");
      const { rows } = await one.query<{ schema: string }>("SELECT pg_my_temp_schema()::regnamespace::text AS schema");
      const schema = rows[0]!.schema;
      // By its plain name the other session has no such table; by its full name it is refused, or
      // not even found when the session's temp schema is itself new in this uncommitted transaction.
      await expect(two.query("SELECT * FROM stage_ticket")).rejects.toThrow(/does not exist/);
      await expect(two.query(`SELECT * FROM ${schema}.stage_ticket`)).rejects.toThrow(
        /permission denied for schema pg_temp|cannot access temporary tables of other sessions|relation "pg_temp_\d+\.stage_ticket" does not exist/,
      );
      await one.query("ROLLBACK");

      // Rows staged in tenant A's transaction cannot be written as tenant B's: row-level security
      // checks every row the INSERT … SELECT produces.
      await expect(
        inBatchTransaction(one, a, { lock: "resolve" }, async () => {
          await one.query("CREATE TEMP TABLE stage_venue (name text) ON COMMIT DROP");
          await one.query("INSERT INTO stage_venue VALUES ('Salle volée')");
          await one.query("INSERT INTO venue (tenant_id, name, capacity) SELECT $1::uuid, name, 0 FROM stage_venue", [b]);
        }),
      ).rejects.toThrow(/row-level security/);
      // …and the temporary table went away with the transaction.
      await expect(one.query("SELECT * FROM stage_venue")).rejects.toThrow(/does not exist/);
      const venues = await withTenant(db, b, (tx) => tx.venue.count());
      expect(venues).toBe(0);
    } finally {
      await Promise.all([one.end(), two.end()]);
    }
  });
});
