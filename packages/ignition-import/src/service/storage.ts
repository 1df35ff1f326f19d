// Uploaded files live on disk under STORAGE_DIR, one folder per tenant and import, readable by
// the service's own user only. Streaming in and hashing on the way: a large export never sits in
// memory.
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { chmod, mkdir, rename, rm, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { z } from "zod";

const ZId = z.uuid();

/** `<storageDir>/tenants/<tenantId>/imports/<importId>/source`. Ids are checked: they build a path. */
export function importFilePath(storageDir: string, tenantId: string, importId: string): string {
  return join(storageDir, "tenants", ZId.parse(tenantId), "imports", ZId.parse(importId), "source");
}

export interface StoredImportFile {
  path: string;
  size: number;
  sha256: string;
}

/**
 * Streams `source` to the import's file (folders created 0700, file 0600). Written to a temporary
 * name first and renamed, so a half-written upload is never taken for a complete file.
 */
export async function storeImportFile(input: {
  storageDir: string;
  tenantId: string;
  importId: string;
  source: Readable;
  /** Refuse files larger than this many bytes (default: no limit). */
  maxBytes?: number;
}): Promise<StoredImportFile> {
  const path = importFilePath(input.storageDir, input.tenantId, input.importId);
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const partial = `${path}.partial`;
  const hash = createHash("sha256");
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (input.maxBytes !== undefined && size > input.maxBytes) {
        done(new FileTooLargeError(input.maxBytes));
        return;
      }
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(input.source, meter, createWriteStream(partial, { mode: 0o600 }));
    await chmod(partial, 0o600);
    await rename(partial, path);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return { path, size: (await stat(path)).size, sha256: hash.digest("hex") };
}

export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`Fichier trop volumineux (maximum ${maxBytes} octets). / File too large (at most ${maxBytes} bytes).`);
    this.name = "FileTooLargeError";
  }
}

/** Removes an import's stored file (retention end, or an abandoned upload). */
export async function deleteImportFile(storageDir: string, tenantId: string, importId: string): Promise<void> {
  await rm(dirname(importFilePath(storageDir, tenantId, importId)), { recursive: true, force: true });
}
