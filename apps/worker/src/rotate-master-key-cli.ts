// `pnpm keys:rotate`: re-wraps every tenant's data key still wrapped by a non-current master key
// and re-seals the platform users' TOTP secrets,
// from a shell (same work as the privacy-rotate-master-key job, for operators without the console).
// Set MASTER_KEY(_ID) to the new key and MASTER_KEY_PREVIOUS(_ID) to the old one first.
import { resealTotpSecrets } from "@rappel/auth";
import { loadEnv } from "@rappel/config";
import { createDatabase } from "@rappel/db";
import { masterKeyFromEnv } from "@rappel/personal-data";
import { countTenantsByMasterKey, rotateMasterKey } from "@rappel/privacy";

const env = loadEnv();
const db = createDatabase(env.DATABASE_URL, { max: 2 });
try {
  const master = masterKeyFromEnv(env);
  const summary = await rotateMasterKey(db, master, {
    onTenant: (tenantId, rewrapped) => console.log(`tenant ${tenantId}: ${rewrapped} data key(s) re-wrapped`),
  });
  const totp = await resealTotpSecrets(db, master);
  console.log(JSON.stringify({ ...summary, totpSecretsResealed: totp.resealed, totpSecretsUnreadable: totp.unreadable }));
  if (totp.unreadable > 0) process.exitCode = 1;
  for (const { masterKeyId, tenants } of await countTenantsByMasterKey(db)) console.log(`${masterKeyId}: ${tenants} tenant(s)`);
  if (summary.unknownMasterKeys.length > 0) {
    console.error(`data keys wrapped by unknown master key ids: ${[...new Set(summary.unknownMasterKeys.map((u) => u.masterKeyId))].join(", ")} (set MASTER_KEY_PREVIOUS)`);
    process.exitCode = 1;
  }
} finally {
  await db.$disconnect();
}
