// Server-side reads for the offboarding screens. The record holds no personal data (counts,
// hashes, dates, user ids), so it is read in the tenant's scope without opening anything; it
// stays readable after the destruction, when the tenant's audit chain is gone.
import { loadEnv } from "@rappel/config";
import { withTenant, type Database, type TenantOffboarding } from "@rappel/db";
import { masterKeyFromEnv, masterKeyring } from "@rappel/personal-data";
import { verifyOffboardingAttestation, type OffboardingReceipt } from "@rappel/privacy";
import type { PlatformContext } from "@/server/guard";

export const OFFBOARDING_PERMISSION = "platform.offboarding.manage" as const;

export function platformActor(context: PlatformContext) {
  return { userId: context.user.id, role: context.user.platformRole };
}

export interface OffboardingView {
  record: TenantOffboarding | null;
  receipt: OffboardingReceipt | null;
  verification: { valid: boolean; keyId: string | null; fingerprint: string | null } | null;
  /** The people named on the record (DPO, superadmin), by id. */
  names: Record<string, string>;
}

export async function loadOffboardingView(db: Database, context: PlatformContext, tenantId: string): Promise<OffboardingView> {
  const record = await withTenant(db, tenantId, (tx) => tx.tenantOffboarding.findUnique({ where: { tenantId } }), { userId: context.user.id });
  if (!record) return { record: null, receipt: null, verification: null, names: {} };
  const events = record.events as { actorUserId?: string | null }[];
  const ids = [...new Set([record.requestedById, record.confirmedById, record.destroyRequestedById, ...events.map((e) => e.actorUserId)])].filter((id): id is string => Boolean(id));
  const users = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  const verification = record.attestationPdf ? await verifyOffboardingAttestation(record, masterKeyring(masterKeyFromEnv(loadEnv()))) : null;
  return {
    record,
    receipt: (record.exportReceipt as unknown as OffboardingReceipt | null) ?? null,
    verification: verification ? { valid: verification.valid, keyId: verification.keyId, fingerprint: verification.fingerprint } : null,
    names: Object.fromEntries(users.map((u) => [u.id, u.name])),
  };
}

/** Error codes the screens translate; any other expected error is shown as its message. */
export const OFFBOARDING_ERROR_CODES = [
  "contract_reference_required", "contract_reference_too_long", "slug_required", "slug_mismatch",
  "client_reference_required", "client_reference_too_long", "client_confirmed_on_invalid", "client_confirmed_on_future", "note_too_long",
] as const;
