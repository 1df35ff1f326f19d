// The import steps the staff UI and the REST API share, after authorisation: register an uploaded
// file (and queue it when a mapping or preset came with it), confirm a mapping, cancel. The
// database work runs inside the tenant's scope; the queue is told only after the commit, so the
// worker never looks for an import that is not there yet.
import { loadEnv } from "@rappel/config";
import { withTenant, type Database, type Tx } from "@rappel/db";
import { enqueueImportFile } from "@rappel/jobs";
import {
  confirmImportMapping,
  createImportJob,
  deleteImportFile,
  getImportJob,
  ImportError,
  requestImportCancel,
} from "@rappel/ignition-import";
import type { FileKind } from "@rappel/ticketing-import";
import type { ReceivedFile } from "./receive-upload";
import { getJobProducer } from "./producer";

export class QueueUnavailableError extends Error {
  constructor() {
    super("the job queue is unavailable");
    this.name = "QueueUnavailableError";
  }
}

export interface MappingChoice {
  /** A column mapping (validated by the service). */
  mapping?: unknown;
  /** The name of a saved preset. */
  preset?: string;
  savePresetAs?: string;
}

async function presetMapping(tx: Tx, tenantId: string, name: string, kind: FileKind): Promise<unknown> {
  const preset = await tx.importMappingPreset.findUnique({ where: { tenantId_name: { tenantId, name } } });
  if (!preset || preset.kind !== kind) {
    throw new ImportError(422, "import.preset_not_found", `No ${kind} mapping preset named “${name}” in this organisation.`);
  }
  return preset.mapping;
}

async function enqueue(tenantId: string, importId: string): Promise<void> {
  try {
    await enqueueImportFile(getJobProducer(), { tenantId, importId });
  } catch (error) {
    console.error(JSON.stringify({ level: "error", event: "import.enqueue_failed", tenantId, importId, message: (error as Error).message }));
    throw new QueueUnavailableError();
  }
}

export interface RegisterUploadInput {
  tenantId: string;
  importId: string;
  kind: FileKind;
  source: "ui" | "api";
  file: ReceivedFile;
  createdById: string | null;
  choice?: MappingChoice;
}

/** Records the stored file as an import; queues it when a mapping or preset came with it. */
export async function registerUpload(db: Database, input: RegisterUploadInput): Promise<{ queued: boolean }> {
  const { tenantId, importId } = input;
  const storageDir = loadEnv().STORAGE_DIR;
  const choice = input.choice ?? {};
  const withMapping = choice.mapping !== undefined || choice.preset !== undefined;
  try {
    // Creation and confirmation in one transaction: a refused mapping leaves no half-made import.
    await withTenant(
      db,
      tenantId,
      async (tx) => {
        await createImportJob(tx, {
          id: importId,
          tenantId,
          kind: input.kind,
          source: input.source,
          fileName: input.file.fileName,
          fileSize: input.file.size,
          fileSha256: input.file.sha256,
          createdById: input.createdById,
        });
        if (withMapping) {
          const mapping = choice.preset !== undefined ? await presetMapping(tx, tenantId, choice.preset, input.kind) : choice.mapping;
          await confirmImportMapping(tx, tenantId, importId, mapping, { storageDir, savePresetAs: choice.savePresetAs });
        }
      },
      input.createdById ? { userId: input.createdById } : {},
    );
  } catch (error) {
    await deleteImportFile(storageDir, tenantId, importId);
    throw error;
  }
  if (withMapping) await enqueue(tenantId, importId);
  return { queued: withMapping };
}

/** Confirms the mapping of an uploaded import (optionally saving it as a preset), then queues it. */
export async function confirmMapping(
  db: Database,
  scope: { tenantId: string; userId: string | null },
  importId: string,
  choice: MappingChoice,
): Promise<void> {
  const { tenantId, userId } = scope;
  const storageDir = loadEnv().STORAGE_DIR;
  await withTenant(
    db,
    tenantId,
    async (tx) => {
      const { kind } = await getImportJob(tx, tenantId, importId);
      const mapping = choice.preset !== undefined ? await presetMapping(tx, tenantId, choice.preset, kind) : choice.mapping;
      await confirmImportMapping(tx, tenantId, importId, mapping, { storageDir, savePresetAs: choice.savePresetAs });
    },
    userId ? { userId } : {},
  );
  await enqueue(tenantId, importId);
}

export async function cancelImport(db: Database, scope: { tenantId: string; userId: string }, importId: string): Promise<void> {
  await withTenant(db, scope.tenantId, (tx) => requestImportCancel(tx, scope.tenantId, importId), { userId: scope.userId });
}
