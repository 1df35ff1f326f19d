// Drives an import the way the product does (store, create, confirm the suggested mapping, run),
// for the package's tests and the worker's.
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { createReadStream } from "node:fs";
import type { Readable } from "node:stream";
import { withTenant, type Database } from "@rappel/db";
import { suggestMapping, type FileKind } from "@rappel/ticketing-import";
import { confirmImportMapping, createImportJob } from "../service/import-jobs";
import { previewImport } from "../service/preview";
import { storeImportFile } from "../service/storage";
import { runImport, type ImportRunResult, type RunImportOptions } from "../process/run-import";
import { appUrl, testMasterKey, utf8 } from "./fixtures";

export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url));
}

export function fixtureStream(name: string): Readable {
  return createReadStream(fixturePath(name));
}

/** Stores the file and confirms its suggested mapping (or `mapping`); returns the queued import's id. */
export async function queueImport(
  db: Database,
  input: { tenantId: string; storageDir: string; source: Readable | string; kind?: FileKind; mapping?: unknown; fileName?: string },
): Promise<string> {
  const kind = input.kind ?? "tickets";
  const importId = randomUUID();
  const source = typeof input.source === "string" ? utf8(input.source) : input.source;
  const file = await storeImportFile({ storageDir: input.storageDir, tenantId: input.tenantId, importId, source });
  await withTenant(db, input.tenantId, (tx) =>
    createImportJob(tx, {
      id: importId, tenantId: input.tenantId, kind, source: "api", fileName: input.fileName ?? "export.csv", fileSize: file.size, fileSha256: file.sha256,
    }),
  );
  const mapping = input.mapping ?? (await previewImport(input.storageDir, input.tenantId, importId, kind)).suggestions.mapping;
  await withTenant(db, input.tenantId, (tx) => confirmImportMapping(tx, input.tenantId, importId, mapping, { storageDir: input.storageDir }));
  return importId;
}

export async function importFile(
  db: Database,
  input: Parameters<typeof queueImport>[1] & { options?: Partial<RunImportOptions> },
): Promise<{ importId: string; result: ImportRunResult }> {
  const importId = await queueImport(db, input);
  const result = await runImport(
    { tenantId: input.tenantId, importId },
    { db, databaseUrl: appUrl(), storageDir: input.storageDir, masterKey: testMasterKey(), ...input.options },
  );
  return { importId, result };
}

export { suggestMapping };
