// The tenant's DKIM setting on its sender identity: the private key is validated, sealed with
// the tenant's data key and never read back to the browser; what the page shows is the DNS TXT
// record to publish (derived from the key). The worker opens the key to sign each campaign message.
import { appendAuditEntry, withTenant, type Database } from "@rappel/db";
import { dkimDnsRecord, InvalidDkimKeyError, normaliseDkimPrivateKey, type DkimPublication, type TDkimSettingsInput } from "@rappel/mail";
import { loadIdentityCodec, type MasterKey } from "@rappel/personal-data";
import type { Scope } from "./segments";

export interface DkimSettings {
  domain: string;
  selector: string;
  record: DkimPublication;
}

export class DkimSettingsError extends Error {
  constructor(readonly code: "no_sender" | "key_required" | InvalidDkimKeyError["problem"]) {
    super(code);
  }
}

export async function getDkimSettings(db: Database, scope: Scope, master: MasterKey): Promise<DkimSettings | null> {
  return withTenant(db, scope.tenantId, async (tx) => {
    const sender = await tx.senderIdentity.findUnique({ where: { tenantId: scope.tenantId }, select: { dkimDomain: true, dkimSelector: true, dkimPrivateKeyEnc: true } });
    if (!sender?.dkimDomain || !sender.dkimSelector || !sender.dkimPrivateKeyEnc) return null;
    const codec = await loadIdentityCodec(tx, scope.tenantId, master);
    const pem = codec.openTenantSecret("dkim-private-key", sender.dkimPrivateKeyEnc);
    return { domain: sender.dkimDomain, selector: sender.dkimSelector, record: dkimDnsRecord(pem, sender.dkimDomain, sender.dkimSelector) };
  }, { userId: scope.userId });
}

/** Saves domain and selector, and the key when one is given (an empty key keeps the sealed one). */
export async function saveDkimSettings(db: Database, scope: Scope, master: MasterKey, input: TDkimSettingsInput): Promise<void> {
  let pem: string | undefined;
  try {
    pem = input.privateKey ? normaliseDkimPrivateKey(input.privateKey) : undefined;
  } catch (error) {
    if (error instanceof InvalidDkimKeyError) throw new DkimSettingsError(error.problem);
    throw error;
  }
  await withTenant(db, scope.tenantId, async (tx) => {
    const sender = await tx.senderIdentity.findUnique({ where: { tenantId: scope.tenantId }, select: { dkimPrivateKeyEnc: true } });
    if (!sender) throw new DkimSettingsError("no_sender");
    if (!pem && !sender.dkimPrivateKeyEnc) throw new DkimSettingsError("key_required");
    const codec = await loadIdentityCodec(tx, scope.tenantId, master);
    await tx.senderIdentity.update({
      where: { tenantId: scope.tenantId },
      data: { dkimDomain: input.domain, dkimSelector: input.selector, ...(pem ? { dkimPrivateKeyEnc: codec.sealTenantSecret("dkim-private-key", pem) } : {}) },
    });
    await appendAuditEntry(tx, scope.tenantId, {
      actorUserId: scope.userId, actorKind: "staff", action: "activation.dkim_updated", targetType: "sender_identity", targetId: scope.tenantId,
      details: { domain: input.domain, selector: input.selector, keyReplaced: Boolean(pem) },
    });
  }, { userId: scope.userId });
}

export async function removeDkimSettings(db: Database, scope: Scope): Promise<void> {
  await withTenant(db, scope.tenantId, async (tx) => {
    const removed = await tx.senderIdentity.updateMany({ where: { tenantId: scope.tenantId }, data: { dkimDomain: null, dkimSelector: null, dkimPrivateKeyEnc: null } });
    if (removed.count) {
      await appendAuditEntry(tx, scope.tenantId, {
        actorUserId: scope.userId, actorKind: "staff", action: "activation.dkim_removed", targetType: "sender_identity", targetId: scope.tenantId, details: {},
      });
    }
  }, { userId: scope.userId });
}
