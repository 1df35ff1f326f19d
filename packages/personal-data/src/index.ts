export { seal, open, generateDataKey, wrapDataKey, unwrapDataKey, DecryptionError } from "./envelope";
export { normaliseEmail, normalisePhone, tidyName, nameKey } from "./normalise";
export { SpectatorIdentityCodec, type SpectatorIdentity, type SealedIdentity, type TTenantSecretName } from "./spectator-identity";
export { createTenantDataKey, loadIdentityCodec, rewrapTenantDataKeys, masterKeyFromEnv, masterKeyring, unwrapStoredDataKey, MissingDataKeyError, type MasterKey, type MasterKeyEnv } from "./tenant-keys";
