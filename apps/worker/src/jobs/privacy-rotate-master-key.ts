// Master key rotation: after MASTER_KEY/MASTER_KEY_ID are set to the new key and the old one is
// moved to MASTER_KEY_PREVIOUS(_ID) (web and worker then read with both), this job re-wraps
// every tenant's data key (audited per tenant) and re-seals every platform user's TOTP secret
// under the new key. Idempotent: a second run finds nothing left to re-wrap. Once it reports no tenant on the previous id, the previous key can go.
import { loadEnv, type TEnv } from "@rappel/config";
import type { TPrivacyRotateMasterKeyPayload } from "@rappel/jobs";
import { resealTotpSecrets } from "@rappel/auth";
import { masterKeyFromEnv } from "@rappel/personal-data";
import { rotateMasterKey } from "@rappel/privacy";
import { defineJobHandler, type JobContext } from "../job-handler";

export type RotationConfig = Pick<TEnv, "MASTER_KEY" | "MASTER_KEY_ID" | "MASTER_KEY_PREVIOUS" | "MASTER_KEY_PREVIOUS_ID">;

export async function runMasterKeyRotation(
  payload: TPrivacyRotateMasterKeyPayload,
  context: JobContext,
  config: RotationConfig = loadEnv(),
  options: { tenantIds?: string[]; userIds?: string[] } = {},
) {
  const master = masterKeyFromEnv(config);
  const summary = await rotateMasterKey(context.db, master, {
    actor: payload.requestedById ? { userId: payload.requestedById, role: "dpo" } : { userId: null, role: "system" },
    now: () => context.clock.now(),
    ...(options.tenantIds ? { tenantIds: options.tenantIds } : {}),
    onTenant: (tenantId, rewrapped) => {
      context.signal.throwIfAborted();
      context.logger.info("privacy.master_key_rotated", { tenantId, rewrapped });
    },
  });
  // Platform users' TOTP secrets are sealed by the master key itself.
  const totp = await resealTotpSecrets(context.db, master, options.userIds ? { userIds: options.userIds } : {});
  context.logger.info("privacy.totp_secrets_resealed", totp);
  if (totp.unreadable > 0) throw new Error(`${totp.unreadable} TOTP secret(s) sealed by an unknown master key (set MASTER_KEY_PREVIOUS)`);
  // A data key under a master key this process does not hold cannot be re-wrapped: say so.
  if (summary.unknownMasterKeys.length > 0) {
    throw new Error(`data keys wrapped by unknown master key ids: ${[...new Set(summary.unknownMasterKeys.map((u) => u.masterKeyId))].join(", ")} (set MASTER_KEY_PREVIOUS)`);
  }
  return { ...summary, totpSecretsResealed: totp.resealed };
}

export const privacyRotateMasterKeyHandler = defineJobHandler({
  kind: "privacy-rotate-master-key",
  concurrency: 1,
  handle: (payload, context) => runMasterKeyRotation(payload, context),
});
