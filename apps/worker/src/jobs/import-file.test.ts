import { mkdtempSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant, type Database } from "@rappel/db";
import { createTestTenant, fixtureStream, queueImport } from "@rappel/ignition-import/testing";
import { createJobProducer, createRedisConnection, enqueueImportFile } from "@rappel/jobs";
import { removeQueuePrefix, testRedisUrl, uniqueQueuePrefix } from "@rappel/jobs/testing";
import { captureLogger, openAppDatabase, waitFor } from "../testing/fixtures";
import { startWorkerPool } from "../worker-pool";
import { importFileHandler } from "./import-file";

// The handler reads its configuration like the worker does (loadEnv): point it at a private folder.
const storageDir = mkdtempSync(join(tmpdir(), "rappel-worker-import-"));
process.env.STORAGE_DIR = storageDir;

let db: Database;

beforeAll(() => {
  db = openAppDatabase();
});
afterAll(async () => {
  await db.$disconnect();
});

const context = (logger: ReturnType<typeof captureLogger>["logger"]) => ({
  db,
  clock: { now: () => new Date() },
  logger,
  signal: new AbortController().signal,
});

describe("import-file job", () => {
  it("imports the French Windows-1252 export end to end and logs counts, never a person", async () => {
    const tenantId = await createTestTenant(db);
    const importId = await queueImport(db, { tenantId, storageDir, source: fixtureStream("billetterie-quirks-windows-1252.csv") });
    const { logger, lines } = captureLogger();
    const result = await importFileHandler.handle({ tenantId, importId }, context(logger));
    expect(result).toMatchObject({ status: "completed", rowsRead: 7, rowsAccepted: 6, rowsRejected: 1 });
    const job = await withTenant(db, tenantId, (tx) => tx.importJob.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: importId } } }));
    expect(job).toMatchObject({ status: "completed", rowsRead: 7, rowsAccepted: 6, rowsRejected: 1, errorMessage: null });
    expect(await withTenant(db, tenantId, (tx) => tx.ticket.count({ where: { tenantId } }))).toBe(6);

    const finished = lines.find((l) => l.msg === "import finished");
    expect(finished).toMatchObject({ status: "completed", rowsAccepted: 6, "warnings.email.typo": 1 });
    const logged = JSON.stringify(lines);
    for (const personal of ["anne", "Martin", "gmial", "+336", "06 12", "Noël"]) expect(logged).not.toContain(personal);

    // A second delivery of the same job changes nothing.
    const again = await importFileHandler.handle({ tenantId, importId }, context(logger));
    expect(again).toMatchObject({ status: "skipped" });
    expect(await withTenant(db, tenantId, (tx) => tx.ticket.count({ where: { tenantId } }))).toBe(6);
  });

  it("fails with a sentence a person understands when the file is gone, and is not retried", async () => {
    const tenantId = await createTestTenant(db);
    const other = await queueImport(db, { tenantId, storageDir, source: fixtureStream("billetterie-quirks-windows-1252.csv") });
    await rm(join(storageDir, "tenants", tenantId, "imports", other), { recursive: true });
    const { logger } = captureLogger();
    const result = await importFileHandler.handle({ tenantId, importId: other }, context(logger));
    expect(result).toMatchObject({ status: "failed" });
    const job = await withTenant(db, tenantId, (tx) => tx.importJob.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: other } } }));
    expect(job.status).toBe("failed");
    expect(job.errorMessage).toBe("Le fichier importé n'est plus disponible : déposez-le à nouveau. / The uploaded file is no longer available: upload it again.");
  });

  it("runs from the queue: enqueue, the worker pool processes it, the import completes", async () => {
    const tenantId = await createTestTenant(db);
    const importId = await queueImport(db, { tenantId, storageDir, source: fixtureStream("billetterie-quirks-windows-1252.csv") });
    const prefix = uniqueQueuePrefix("import");
    const connection = createRedisConnection(testRedisUrl(), { role: "worker" });
    const producer = createJobProducer(connection, { prefix });
    const { logger } = captureLogger();
    const pool = startWorkerPool({ connection, prefix, handlers: [importFileHandler as never], deps: { db, clock: { now: () => new Date() } }, logger, concurrency: 1 });
    try {
      await enqueueImportFile(producer, { tenantId, importId });
      const status = await waitFor(async () => {
        const job = await withTenant(db, tenantId, (tx) => tx.importJob.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: importId } } }));
        return job.status === "completed" ? job.status : undefined;
      }, "the import to complete", 30_000);
      expect(status).toBe("completed");
    } finally {
      await pool.close(0);
      await producer.close();
      await removeQueuePrefix(connection, prefix);
      await connection.quit();
    }
  });

  it("stops a campaign promoting a performance that the imported sales fill (automatic stop)", async () => {
    const tenantId = await createTestTenant(db);
    const { logger } = captureLogger();
    const first = await queueImport(db, { tenantId, storageDir, source: fixtureStream("billetterie-quirks-windows-1252.csv") });
    await importFileHandler.handle({ tenantId, importId: first }, context(logger));
    // A campaign for the performance with the most tickets, whose capacity is what it has sold.
    const campaignId = await withTenant(db, tenantId, async (tx) => {
      const [top] = await tx.ticket.groupBy({ by: ["performanceId"], where: { tenantId, status: "valid" }, _count: { _all: true }, orderBy: { _count: { performanceId: "desc" } } });
      await tx.performance.update({ where: { tenantId_id: { tenantId, id: top!.performanceId } }, data: { capacity: top!._count._all } });
      const c = await tx.campaign.create({ data: { tenantId, name: "Dernières places", channel: "email", status: "scheduled", content: { blocks: [] }, promotedPerformanceId: top!.performanceId } });
      return c.id;
    });
    const again = await queueImport(db, { tenantId, storageDir, source: fixtureStream("billetterie-quirks-windows-1252.csv") });
    expect(await importFileHandler.handle({ tenantId, importId: again }, context(logger))).toMatchObject({ status: "completed" });
    const campaign = await withTenant(db, tenantId, (tx) => tx.campaign.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: campaignId } } }));
    expect(campaign.status).toBe("cancelled");
    expect(campaign.stopReason).toMatch(/^the promoted performance is sold out \(\d+ tickets for \d+ seats\)$/);
  });
});
