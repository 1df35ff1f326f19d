import { randomUUID } from "node:crypto";
import { stat } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant, type Database } from "@rappel/db";
import {
  confirmImportMapping,
  createImportJob,
  getImportProgress,
  headerSignature,
  importFilePath,
  listMappingPresets,
  previewImport,
  requestImportCancel,
  storeImportFile,
  ImportMappingError,
  ImportNotFoundError,
  ImportStateError,
} from "../index";
import { createTestTenant, openAppDatabase, tempStorageDir, utf8, windows1252 } from "../testing/fixtures";

const CSV = [
  "N° commande;N° billet;Date de commande;Spectacle;Date de la représentation;Heure;Salle;Tarif;Prix TTC;Canal de vente;E-mail acheteur",
  "C-1;B-1;28/03/2025 23:15;Le Misanthrope;30/03/2025;20h30;Grande salle;Plein tarif;25,00 €;Guichet;anne@example.fr",
  "C-2;B-2;28/03/2025 23:20;Le Misanthrope;30/03/2025;20h30;Grande salle;Réduit;18,50 €;Internet;paul@example.fr",
].join("\r\n");

let db: Database;
let tenantId: string;
let otherTenantId: string;
let storageDir: string;

beforeAll(async () => {
  db = openAppDatabase();
  tenantId = await createTestTenant(db);
  otherTenantId = await createTestTenant(db);
  storageDir = await tempStorageDir();
});
afterAll(async () => {
  await db.$disconnect();
});

async function upload(text = CSV, tenant = tenantId) {
  const id = randomUUID();
  const file = await storeImportFile({ storageDir, tenantId: tenant, importId: id, source: windows1252(text) });
  const job = await withTenant(db, tenant, (tx) =>
    createImportJob(tx, { id, tenantId: tenant, kind: "tickets", source: "ui", fileName: "export.csv", fileSize: file.size, fileSha256: file.sha256 }),
  );
  return { id, file, job };
}

describe("storing an upload", () => {
  it("streams the file to its tenant folder, private to the service, with size and hash", async () => {
    const { id, file, job } = await upload();
    expect(file.path).toBe(importFilePath(storageDir, tenantId, id));
    expect(file.path).toContain(`/tenants/${tenantId}/imports/${id}/source`);
    expect((await stat(file.path)).mode & 0o777).toBe(0o600);
    expect(file.size).toBe(Buffer.byteLength(CSV, "latin1"));
    expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(job).toMatchObject({ status: "uploaded", kind: "tickets", fileSize: BigInt(file.size) });
  });

  it("refuses ids that are not UUIDs (they build a path)", () => {
    expect(() => importFilePath(storageDir, "../../etc", randomUUID())).toThrow();
  });
});

describe("mapping step", () => {
  it("previews the rows as read, suggests a mapping, and proposes the preset saved for the same headers", async () => {
    const { id } = await upload();
    const first = await previewImport(storageDir, tenantId, id, "tickets", []);
    expect(first.rows).toHaveLength(2);
    expect(first.rows[0]!.raw["Prix TTC"]).toBe("25,00 €");
    expect(first.summary.csv).toMatchObject({ encoding: "windows-1252", delimiter: ";" });
    expect(first.suggestions.mapping.columns).toMatchObject({ orderRef: "N° commande", price: "Prix TTC", email: "E-mail acheteur" });
    expect(first.matchingPreset).toBeUndefined();

    await withTenant(db, tenantId, (tx) => confirmImportMapping(tx, tenantId, id, first.suggestions.mapping, { storageDir, savePresetAs: "Billetterie X" }));
    const next = await upload();
    const presets = await withTenant(db, tenantId, (tx) => listMappingPresets(tx, tenantId, "tickets"));
    expect(presets.map((p) => p.headerSignature)).toEqual([headerSignature(first.headers)]);
    const second = await previewImport(storageDir, tenantId, next.id, "tickets", presets);
    expect(second.matchingPreset).toMatchObject({ name: "Billetterie X", mapping: first.suggestions.mapping });
    // Another tenant never sees the preset.
    expect(await withTenant(db, otherTenantId, (tx) => listMappingPresets(tx, tenantId, "tickets"))).toEqual([]);
  });

  it("refuses a mapping that would reject every row, or names a column the file does not have", async () => {
    const { id } = await upload();
    const noPrice = { version: 1, kind: "tickets", columns: { orderRef: "N° commande", orderDate: "Date de commande", performanceRef: "Spectacle" } };
    await expect(withTenant(db, tenantId, (tx) => confirmImportMapping(tx, tenantId, id, noPrice))).rejects.toThrow(/price/);
    const ghost = { ...noPrice, columns: { ...noPrice.columns, price: "Montant" } };
    await expect(withTenant(db, tenantId, (tx) => confirmImportMapping(tx, tenantId, id, ghost, { storageDir }))).rejects.toThrow(ImportMappingError);
    await expect(withTenant(db, tenantId, (tx) => confirmImportMapping(tx, tenantId, id, { version: 1, kind: "spectators", columns: {} }))).rejects.toThrow(
      /expected a tickets mapping/,
    );
    const ok = { ...noPrice, columns: { ...noPrice.columns, price: "Prix TTC" } };
    const job = await withTenant(db, tenantId, (tx) => confirmImportMapping(tx, tenantId, id, ok, { storageDir }));
    expect(job).toMatchObject({ status: "queued", mapping: ok });
    await expect(withTenant(db, tenantId, (tx) => confirmImportMapping(tx, tenantId, id, ok))).rejects.toThrow(ImportStateError);
  });
});

describe("cancel and progress", () => {
  it("cancels a queued import at once, and asks a running one to stop", async () => {
    const queued = await upload();
    await withTenant(db, tenantId, async (tx) => {
      await tx.importJob.update({ where: { tenantId_id: { tenantId, id: queued.id } }, data: { status: "queued" } });
      expect(await requestImportCancel(tx, tenantId, queued.id)).toEqual({ status: "cancelled" });
      await expect(requestImportCancel(tx, tenantId, queued.id)).rejects.toThrow(ImportStateError);
    });
    const running = await upload();
    const startedAt = new Date("2026-01-01T10:00:00Z");
    const progress = await withTenant(db, tenantId, async (tx) => {
      await tx.importJob.update({
        where: { tenantId_id: { tenantId, id: running.id } },
        data: { status: "running", startedAt, rowsRead: 20_000, rowsAccepted: 19_990, rowsRejected: 10, fileSize: 140n * 100_000n },
      });
      expect(await requestImportCancel(tx, tenantId, running.id)).toEqual({ status: "running" });
      return getImportProgress(tx, tenantId, running.id, new Date("2026-01-01T10:00:10Z"));
    });
    // 20,000 rows in 10 s; the 14 MB file is about 100,000 rows: 80,000 left at 2,000 rows/s.
    expect(progress).toMatchObject({ status: "running", cancelRequested: true, rowsPerSecond: 2000, estimatedTotalRows: 100_000, etaSeconds: 40, fraction: 0.2 });

    // Once the worker stores the bytes it has read, progress goes by bytes: this file has longer
    // rows than the rule of thumb (a quarter of its bytes held 20,000 rows → 80,000 in all).
    const byBytes = await withTenant(db, tenantId, async (tx) => {
      await tx.importJob.update({ where: { tenantId_id: { tenantId, id: running.id } }, data: { bytesRead: 140n * 25_000n, warnings: 3 } });
      return getImportProgress(tx, tenantId, running.id, new Date("2026-01-01T10:00:10Z"));
    });
    expect(byBytes).toMatchObject({ fraction: 0.25, estimatedTotalRows: 80_000, etaSeconds: 30, warnings: 3, bytesRead: 3_500_000 });
  });

  it("does not find another tenant's import", async () => {
    const { id } = await upload(CSV, otherTenantId);
    await expect(withTenant(db, tenantId, (tx) => getImportProgress(tx, tenantId, id))).rejects.toThrow(ImportNotFoundError);
    await expect(withTenant(db, tenantId, (tx) => requestImportCancel(tx, otherTenantId, id))).rejects.toThrow(ImportNotFoundError);
    await expect(withTenant(db, tenantId, (tx) => getImportProgress(tx, tenantId, "not-a-uuid"))).rejects.toThrow(ImportNotFoundError);
  });

  it("keeps a UTF-8 upload byte for byte", async () => {
    const text = "a;b\r\n1;é\r\n";
    const id = randomUUID();
    const file = await storeImportFile({ storageDir, tenantId, importId: id, source: utf8(text) });
    expect(file.size).toBe(Buffer.byteLength(text));
  });
});
