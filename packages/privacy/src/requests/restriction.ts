// Restriction of processing (Art. 18 GDPR): the person's records stay but are left out of
// campaigns, surveys and Ignition's analytics until the restriction is lifted. Placing or lifting
// it refreshes the rollups of the performances the person has tickets for, in the same
// transaction, so the dashboards never show a state the restriction does not allow.
import { appendAuditEntry, type Tx, type Database } from "@rappel/db";
import { refreshRollups } from "@rappel/ignition-analytics";
import { findSubjectSpectators, loadOpenRequest } from "./intake";
import { actorFields, RequestError, runAs, type RequestActor } from "./scope";

/** Rebuilds the rollups of every performance the spectators hold or bought tickets for. */
export async function refreshAnalyticsOf(tx: Tx, tenantId: string, spectatorIds: string[]): Promise<number> {
  if (spectatorIds.length === 0) return 0;
  const rows = await tx.$queryRawUnsafe<{ id: string }[]>(
    `SELECT DISTINCT t.performance_id::text AS id FROM ticket t
       JOIN ticket_order o ON o.tenant_id = t.tenant_id AND o.id = t.order_id
      WHERE t.tenant_id = $1::uuid AND (t.holder_id = ANY($2::uuid[]) OR o.spectator_id = ANY($2::uuid[]))`,
    tenantId,
    spectatorIds,
  );
  if (rows.length > 0) await refreshRollups(tx, tenantId, { performanceIds: rows.map((r) => r.id) });
  return rows.length;
}

/** Restriction: the person's records are flagged and left out of campaigns, surveys and analytics. */
export async function restrictRequestSubject(db: Database, actor: RequestActor, tenantId: string, requestId: string, now: Date): Promise<number> {
  return runAs(db, actor, tenantId, "data-subject restriction", async (tx) => {
    const request = await loadOpenRequest(tx, tenantId, requestId);
    if (request.kind !== "restriction") throw new RequestError("only a restriction request restricts processing");
    const ids = (await findSubjectSpectators(tx, tenantId, request)).map((s) => s.id);
    // A restriction lifted earlier is placed again (the row is per person).
    await tx.processingRestriction.updateMany({
      where: { tenantId, spectatorId: { in: ids }, liftedAt: { not: null } },
      data: { liftedAt: null, requestId, createdAt: now },
    });
    const created = await tx.processingRestriction.createMany({
      data: ids.map((spectatorId) => ({ tenantId, spectatorId, requestId, createdAt: now })),
      skipDuplicates: true,
    });
    const performances = await refreshAnalyticsOf(tx, tenantId, ids);
    await appendAuditEntry(
      tx,
      tenantId,
      { ...actorFields(actor), action: "privacy.restriction.applied", targetType: "data_subject_request", targetId: requestId, details: { spectators: ids.length, performancesRefreshed: performances } },
      now,
    );
    await tx.dataSubjectRequest.update({
      where: { tenantId_id: { tenantId, id: requestId } },
      data: { status: "completed", completedAt: now, outcome: { restricted: ids.length } },
    });
    return created.count;
  });
}

/** Lifts a person's active restriction (the person's records return to normal use and analytics). */
export function liftRestriction(db: Database, actor: RequestActor, tenantId: string, spectatorId: string, now: Date): Promise<number> {
  return lift(db, actor, tenantId, { spectatorId }, { targetType: "spectator", targetId: spectatorId }, now);
}

/** Lifts the restrictions a restriction request placed (the DPO console's "lift" button). */
export function liftRequestRestriction(db: Database, actor: RequestActor, tenantId: string, requestId: string, now: Date): Promise<number> {
  return lift(db, actor, tenantId, { requestId }, { targetType: "data_subject_request", targetId: requestId }, now);
}

async function lift(
  db: Database,
  actor: RequestActor,
  tenantId: string,
  which: { spectatorId: string } | { requestId: string },
  target: { targetType: string; targetId: string },
  now: Date,
): Promise<number> {
  if (actor.kind === "spectator") throw new RequestError("only the venue's staff or the DPO lift a restriction", 403);
  return runAs(db, actor, tenantId, "data-subject restriction lifted", async (tx) => {
    const active = await tx.processingRestriction.findMany({ where: { tenantId, ...which, liftedAt: null }, select: { spectatorId: true } });
    if (active.length === 0) throw new RequestError("no active restriction to lift", 404);
    const ids = active.map((r) => r.spectatorId);
    await tx.processingRestriction.updateMany({ where: { tenantId, spectatorId: { in: ids }, liftedAt: null }, data: { liftedAt: now } });
    const performances = await refreshAnalyticsOf(tx, tenantId, ids);
    await appendAuditEntry(
      tx,
      tenantId,
      { ...actorFields(actor), action: "privacy.restriction.lifted", ...target, details: { spectators: ids.length, performancesRefreshed: performances } },
      now,
    );
    return ids.length;
  });
}

/** How many people a restriction request still keeps restricted. */
export async function countActiveRestrictions(tx: Tx, tenantId: string, requestId: string): Promise<number> {
  return tx.processingRestriction.count({ where: { tenantId, requestId, liftedAt: null } });
}
