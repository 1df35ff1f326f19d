// Tenant offboarding steps, enqueued by the DPO console. "privacy-offboarding-export" builds the
// export archive and its receipt; "privacy-offboarding-destroy" destroys every copy and stores
// the signed attestation. Both reload the record and converge when delivered again or after a
// crash (see @rappel/privacy workflow-steps); the destruction refuses to run before the client's
// confirmation is recorded, here as well as in the library.
import { loadEnv, requireEnv, type TEnv } from "@rappel/config";
import { createDatabase, withTenant } from "@rappel/db";
import { createRedisConnection, type TPrivacyOffboardingStepPayload } from "@rappel/jobs";
import { masterKeyFromEnv } from "@rappel/personal-data";
import { OffboardingError, runOffboardingDestruction, runOffboardingExport } from "@rappel/privacy";
import { defineJobHandler, type JobContext } from "../job-handler";

export type OffboardingConfig = Pick<TEnv, "MASTER_KEY" | "MASTER_KEY_ID" | "MASTER_KEY_PREVIOUS" | "MASTER_KEY_PREVIOUS_ID" | "STORAGE_DIR" | "REDIS_URL" | "QUEUE_PREFIX" | "MIGRATION_DATABASE_URL">;

/** Backups rotate out after this many days (the attestation states when the last one expires). */
export const BACKUP_RETENTION_DAYS = 35;

export async function runOffboardingExportJob(payload: TPrivacyOffboardingStepPayload, context: JobContext, config: OffboardingConfig = loadEnv()) {
  const result = await runOffboardingExport(context.db, payload.tenantId, payload.offboardingId, {
    master: masterKeyFromEnv(config),
    storageDir: config.STORAGE_DIR,
    now: () => context.clock.now(),
  });
  context.logger.info("offboarding.export", { tenantId: payload.tenantId, ...result });
  return result;
}

export async function runOffboardingDestroyJob(payload: TPrivacyOffboardingStepPayload, context: JobContext, config: OffboardingConfig = loadEnv()) {
  // Checked before any connection is opened: no confirmation, no destruction.
  const record = await withTenant(context.db, payload.tenantId, (tx) =>
    tx.tenantOffboarding.findUnique({ where: { tenantId_id: { tenantId: payload.tenantId, id: payload.offboardingId } }, select: { confirmedAt: true, status: true } }),
  );
  if (!record) throw new OffboardingError(`offboarding ${payload.offboardingId} not found`);
  if (record.status === "destroyed") return { status: "destroyed", skipped: true };
  if (!record.confirmedAt) throw new OffboardingError("the client's confirmation of the export must be recorded before the destruction");
  // Dropping partitions needs the owner's connection; the job fails loudly without it.
  const ownerDb = createDatabase(requireEnv(config as TEnv, "MIGRATION_DATABASE_URL"), { max: 2 });
  const redis = createRedisConnection(config.REDIS_URL, { role: "producer", name: "rappel-offboarding" });
  try {
    const result = await runOffboardingDestruction(context.db, payload.tenantId, payload.offboardingId, {
      ownerDb,
      redis,
      queuePrefix: config.QUEUE_PREFIX,
      storageDir: config.STORAGE_DIR,
      backupRetentionDays: BACKUP_RETENTION_DAYS,
      signingMaster: masterKeyFromEnv(config),
      now: () => context.clock.now(),
    });
    context.logger.info("offboarding.destroy", { tenantId: payload.tenantId, ...result });
    return result;
  } finally {
    redis.disconnect();
    await ownerDb.$disconnect();
  }
}

export const privacyOffboardingExportHandler = defineJobHandler({
  kind: "privacy-offboarding-export",
  concurrency: 1,
  handle: (payload, context) => runOffboardingExportJob(payload, context),
});

export const privacyOffboardingDestroyHandler = defineJobHandler({
  kind: "privacy-offboarding-destroy",
  concurrency: 1,
  handle: (payload, context) => runOffboardingDestroyJob(payload, context),
});
