// The offboarding workflow around the library steps: a persisted record moves through
// requested → exporting → exported → client_confirmed → destroying → destroyed (or failed, then
// retried). People act (request, confirm, launch the destruction) through the functions here,
// which check the platform role and audit each step; the worker runs the long steps
// (runOffboardingExport, runOffboardingDestruction in ./workflow-steps).
import { appendAuditEntry, withPlatformAccess, withTenant, type Database, type PlatformActor, type TenantOffboarding, type Tx } from "@rappel/db";
import { z } from "zod";
import { OffboardingError } from "./destroy-tenant";

export const OFFBOARDING_STATUSES = ["requested", "exporting", "exported", "client_confirmed", "destroying", "destroyed", "failed"] as const;
export type TOffboardingStatus = (typeof OFFBOARDING_STATUSES)[number];

/** Who may act on an offboarding: the platform's DPO or superadmin (checked here too, failing closed). */
const ACTING_ROLES: readonly PlatformActor["role"][] = ["dpo", "superadmin"];

export class OffboardingPermissionError extends Error {
  readonly status = 403;
}

function assertActor(actor: PlatformActor): void {
  if (!actor.userId || !ACTING_ROLES.includes(actor.role)) {
    throw new OffboardingPermissionError("only the platform's DPO or superadmin may act on an offboarding");
  }
}

export interface OffboardingEvent {
  at: string;
  action: string;
  actorUserId: string | null;
  details?: Record<string, unknown>;
}

/**
 * Records a step on the offboarding's own log (it outlives the tenant's audit chain, whose rows
 * are destroyed) and, while the tenant's data still exists, in the tenant's audit chain too.
 */
export async function recordOffboardingEvent(
  tx: Tx,
  offboarding: Pick<TenantOffboarding, "tenantId" | "id">,
  event: OffboardingEvent,
  options: { audit: boolean },
): Promise<void> {
  await tx.$executeRaw`UPDATE tenant_offboarding SET events = events || ${JSON.stringify([event])}::jsonb, updated_at = ${new Date(event.at)}
    WHERE tenant_id = ${offboarding.tenantId}::uuid AND id = ${offboarding.id}::uuid`;
  if (options.audit) {
    await appendAuditEntry(tx, offboarding.tenantId, {
      actorUserId: event.actorUserId,
      actorKind: event.actorUserId ? "platform" : "system",
      action: `offboarding.${event.action}`,
      targetType: "tenant_offboarding",
      targetId: offboarding.id,
      details: event.details ?? {},
    }, new Date(event.at));
  }
}

export const ZStartOffboardingInput = z.strictObject({
  contractReference: z.string().trim().min(1, { message: "contract_reference_required" }).max(120, { message: "contract_reference_too_long" }),
});
export type TStartOffboardingInput = z.infer<typeof ZStartOffboardingInput>;

export async function getOffboarding(db: Database, tenantId: string): Promise<TenantOffboarding | null> {
  return withTenant(db, tenantId, (tx) => tx.tenantOffboarding.findUnique({ where: { tenantId } }));
}

export async function requestOffboarding(db: Database, actor: PlatformActor, tenantId: string, input: TStartOffboardingInput, now: Date): Promise<TenantOffboarding> {
  assertActor(actor);
  const { contractReference } = ZStartOffboardingInput.parse(input);
  const tenant = await db.tenant.findUnique({ where: { id: tenantId }, select: { status: true } });
  if (!tenant) throw new OffboardingError("tenant not found");
  if (tenant.status === "closed") throw new OffboardingError("this tenant is closed: its data was already destroyed");
  return withPlatformAccess(db, actor, { tenantId, reason: "offboarding: request" }, async (tx) => {
    if (await tx.tenantOffboarding.findUnique({ where: { tenantId } })) throw new OffboardingError("an offboarding was already requested for this tenant");
    const created = await tx.tenantOffboarding.create({ data: { tenantId, contractReference, requestedById: actor.userId, requestedAt: now, updatedAt: now } });
    await recordOffboardingEvent(tx, created, { at: now.toISOString(), action: "requested", actorUserId: actor.userId, details: { contractReference } }, { audit: true });
    return tx.tenantOffboarding.findUniqueOrThrow({ where: { tenantId } });
  });
}

/**
 * Runs `work` on the tenant's offboarding record: on the audited platform path while the tenant's
 * audit chain still stands (before the destruction started), else in the tenant scope only (the
 * chain's head was attested; later steps go to the record's own log).
 */
async function onRecord<T>(db: Database, actor: PlatformActor, tenantId: string, reason: string, work: (tx: Tx, found: TenantOffboarding | null, audit: boolean) => Promise<T>): Promise<T> {
  const found = await withTenant(db, tenantId, (tx) => tx.tenantOffboarding.findUnique({ where: { tenantId } }));
  if (found?.destroyStartedAt) return withTenant(db, tenantId, async (tx) => work(tx, await tx.tenantOffboarding.findUnique({ where: { tenantId } }), false), { userId: actor.userId! });
  return withPlatformAccess(db, actor, { tenantId, reason }, async (tx) => work(tx, await tx.tenantOffboarding.findUnique({ where: { tenantId } }), true));
}

/** A failed step may be run again; returns the record, ready for a new job of that step. */
export async function retryOffboardingStep(db: Database, actor: PlatformActor, tenantId: string, now: Date): Promise<{ offboarding: TenantOffboarding; step: "export" | "destroy" }> {
  assertActor(actor);
  return onRecord(db, actor, tenantId, "offboarding: retry", async (tx, found, audit) => {
    if (!found || found.status !== "failed" || !found.failedStep) throw new OffboardingError("only a failed offboarding step can be retried");
    const step = found.failedStep as "export" | "destroy";
    // Back to the state the step starts from; the worker's step converges from there.
    const status = step === "export" ? "requested" : "client_confirmed";
    await tx.tenantOffboarding.update({ where: { tenantId_id: { tenantId, id: found.id } }, data: { status, error: null, failedStep: null } });
    await recordOffboardingEvent(tx, found, { at: now.toISOString(), action: "retried", actorUserId: actor.userId, details: { step } }, { audit });
    return { offboarding: await tx.tenantOffboarding.findUniqueOrThrow({ where: { tenantId } }), step };
  });
}

export const ZClientConfirmationInput = z.strictObject({
  slug: z.string().trim().min(1, { message: "slug_required" }),
  clientReference: z.string().trim().min(1, { message: "client_reference_required" }).max(200, { message: "client_reference_too_long" }),
  clientConfirmedOn: z.iso.date({ message: "client_confirmed_on_invalid" }),
  note: z.string().trim().max(2000, { message: "note_too_long" }).optional(),
});
export type TClientConfirmationInput = z.infer<typeof ZClientConfirmationInput>;

/** The client confirmed it received the export: required before any destruction. */
export async function recordClientConfirmation(db: Database, actor: PlatformActor, tenantId: string, input: TClientConfirmationInput, now: Date): Promise<TenantOffboarding> {
  assertActor(actor);
  const parsed = ZClientConfirmationInput.parse(input);
  const tenant = await db.tenant.findUnique({ where: { id: tenantId }, select: { slug: true } });
  if (!tenant) throw new OffboardingError("tenant not found");
  // Re-typing the slug is the deliberate act that guards against confirming the wrong tenant.
  if (parsed.slug !== tenant.slug) throw new OffboardingError("slug_mismatch");
  const confirmedOn = new Date(`${parsed.clientConfirmedOn}T00:00:00Z`);
  if (confirmedOn.getTime() > now.getTime()) throw new OffboardingError("client_confirmed_on_future");
  return withPlatformAccess(db, actor, { tenantId, reason: "offboarding: client confirmation" }, async (tx) => {
    const found = await tx.tenantOffboarding.findUnique({ where: { tenantId } });
    if (!found || found.status !== "exported") throw new OffboardingError("the client can confirm only a finished export");
    await tx.tenantOffboarding.update({
      where: { tenantId_id: { tenantId, id: found.id } },
      data: {
        status: "client_confirmed",
        confirmedById: actor.userId,
        confirmedAt: now,
        clientConfirmationReference: parsed.clientReference,
        clientConfirmedOn: confirmedOn,
        confirmationNote: parsed.note || null,
      },
    });
    await recordOffboardingEvent(tx, found, {
      at: now.toISOString(), action: "client_confirmed", actorUserId: actor.userId,
      details: { clientReference: parsed.clientReference, clientConfirmedOn: parsed.clientConfirmedOn },
    }, { audit: true });
    return tx.tenantOffboarding.findUniqueOrThrow({ where: { tenantId } });
  });
}

/** The DPO launches the destruction (the worker runs it); refused before the client's confirmation. */
export async function requestDestruction(db: Database, actor: PlatformActor, tenantId: string, now: Date): Promise<TenantOffboarding> {
  assertActor(actor);
  return withPlatformAccess(db, actor, { tenantId, reason: "offboarding: destruction" }, async (tx) => {
    const found = await tx.tenantOffboarding.findUnique({ where: { tenantId } });
    if (!found) throw new OffboardingError("no offboarding was requested for this tenant");
    if (!found.confirmedAt) throw new OffboardingError("the client's confirmation of the export must be recorded before the destruction");
    if (found.status !== "client_confirmed") throw new OffboardingError(`the destruction cannot be launched from status ${found.status}`);
    if (found.destroyRequestedById) return found; // already launched: a second click is a no-op
    await tx.tenantOffboarding.update({ where: { tenantId_id: { tenantId, id: found.id } }, data: { destroyRequestedById: actor.userId } });
    await recordOffboardingEvent(tx, found, { at: now.toISOString(), action: "destruction_requested", actorUserId: actor.userId }, { audit: true });
    return tx.tenantOffboarding.findUniqueOrThrow({ where: { tenantId } });
  });
}

/** Records a download (the export archive, the attestation) on the log; in the audit chain while it stands. */
export async function recordOffboardingDownload(db: Database, actor: PlatformActor, tenantId: string, what: "export_archive" | "attestation", now: Date): Promise<TenantOffboarding> {
  assertActor(actor);
  return onRecord(db, actor, tenantId, `offboarding: ${what} download`, async (tx, found, audit) => {
    if (!found) throw new OffboardingError("no offboarding was requested for this tenant");
    await recordOffboardingEvent(tx, found, { at: now.toISOString(), action: `${what}_downloaded`, actorUserId: actor.userId }, { audit });
    return found;
  });
}
