// Processes one uploaded import (tickets, performances or spectators file). The payload carries
// ids only: the import, its mapping and its file are reloaded in the tenant's scope. Idempotent:
// a second delivery of a finished import does nothing, and a retry re-reads the file and
// converges on the same rows (every write is an upsert by natural key).
import { loadEnv, type TEnv } from "@rappel/config";
import { runImport, type ImportRunResult } from "@rappel/ignition-import";
import { masterKeyFromEnv } from "@rappel/personal-data";
import type { TImportFilePayload } from "@rappel/jobs";
import { defineJobHandler, type JobContext } from "../job-handler";
import type { LogFields } from "../logger";
import { autoStopTenantCampaigns } from "./campaign-auto-stop";

export type ImportFileConfig = Pick<TEnv, "DATABASE_URL" | "STORAGE_DIR" | "MASTER_KEY" | "MASTER_KEY_ID">;

/** Scalars only reach the log: nested counts are flattened, nothing else is passed through. */
function logFields(fields: Record<string, unknown>): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === null || ["string", "number", "boolean"].includes(typeof value)) out[key] = value as LogFields[string];
    else if (typeof value === "object") for (const [k, v] of Object.entries(value)) if (typeof v === "number") out[`${key}.${k}`] = v;
  }
  return out;
}

export async function importFile(
  payload: TImportFilePayload,
  context: JobContext,
  config: ImportFileConfig = loadEnv(),
): Promise<ImportRunResult> {
  const result = await runImport(payload, {
    db: context.db,
    databaseUrl: config.DATABASE_URL,
    storageDir: config.STORAGE_DIR,
    masterKey: masterKeyFromEnv(config),
    signal: context.signal,
    now: () => context.clock.now(),
    log: (message, fields) => context.logger.info(message, logFields(fields)),
  });
  if (result.status === "completed") {
    // New sales may sell out, or a performance be cancelled: campaigns promoting it stop now.
    for (const s of await autoStopTenantCampaigns(context.db, payload.tenantId, context.clock.now())) {
      context.logger.info("campaign stopped automatically", { tenantId: payload.tenantId, campaignId: s.campaignId, reason: s.reason });
    }
  }
  return result;
}

export const importFileHandler = defineJobHandler({
  kind: "import-file",
  // An import keeps one core and one database connection busy; two run side by side at most.
  concurrency: 2,
  handle: (payload, context) => importFile(payload, context),
});
