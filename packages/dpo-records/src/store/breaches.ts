// The breach register on the database: versioned documents (every breach kept, none deleted),
// the affected tenants derived from the data involved, and client notifications recorded in the
// tenant's own audit chain.
import { appendAuditEntry, withPlatformAccess, type Database, type Tx } from "@rappel/db";
import { CNIL_DEADLINE_MS } from "../breaches/clocks";
import { ZBreach, type BreachData, type TBreach } from "../breaches/schemas";
import { DpoRecordError, notFound } from "../errors";
import { createDocument, getDocument, listDocuments, parseContent, updateDocument, updateDocumentIn, type StoredDocument } from "./documents";
import type { DpoActor } from "./processor-register";

export type BreachDocument = StoredDocument<TBreach>;

export function listBreaches(db: Database): Promise<BreachDocument[]> {
  return listDocuments(db, "breach", ZBreach).then((list) => list.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()));
}

export function getBreach(db: Database, id: string): Promise<BreachDocument> {
  return getDocument(db, "breach", id, ZBreach);
}

export async function createBreach(db: Database, actor: DpoActor, content: unknown, now = new Date()): Promise<BreachDocument> {
  const breach = parseContent(ZBreach, content);
  const year = now.getUTCFullYear();
  const n = await db.dpoDocument.count({ where: { kind: "breach", reference: { startsWith: `VIO-${year}-` } } });
  return createDocument(db, { kind: "breach", reference: `VIO-${year}-${String(n + 1).padStart(3, "0")}`, title: breach.title, content: breach, actorUserId: actor.userId, note: "recorded" }, ZBreach, now);
}

export function updateBreach(db: Database, actor: DpoActor, input: { id: string; content: unknown; expectedVersion: number; note?: string }, now = new Date()) {
  const title = (input.content as { title?: unknown })?.title;
  return updateDocument(
    db,
    { id: input.id, kind: "breach", content: input.content, expectedVersion: input.expectedVersion, actorUserId: actor.userId, ...(input.note ? { note: input.note } : {}), ...(typeof title === "string" && title.trim() ? { title: title.trim() } : {}) },
    ZBreach,
    now,
  );
}

const COUNTERS: Record<BreachData, (tx: Tx, tenantId: string) => Promise<number>> = {
  spectators: (tx, tenantId) => tx.spectator.count({ where: { tenantId } }),
  tickets: (tx, tenantId) => tx.ticket.count({ where: { tenantId } }),
  consents: (tx, tenantId) => tx.consent.count({ where: { tenantId } }),
  imports: (tx, tenantId) => tx.importRejectedRow.count({ where: { tenantId } }),
  audit: (tx, tenantId) => tx.auditEntry.count({ where: { tenantId } }),
};

/**
 * The tenants whose data is involved: every tenant holding rows in the data families the breach
 * touches, with the row count (each count is a platform access, recorded in that tenant's chain).
 */
export async function deriveAffectedTenants(
  db: Database,
  actor: DpoActor,
  dataInvolved: readonly BreachData[],
  breachReference: string,
): Promise<{ tenantId: string; tenantName: string; records: number }[]> {
  if (dataInvolved.length === 0) return [];
  const tenants = await db.tenant.findMany({ where: { status: { not: "closed" } }, select: { id: true, name: true }, orderBy: { name: "asc" } });
  const out: { tenantId: string; tenantName: string; records: number }[] = [];
  for (const tenant of tenants) {
    const records = await withPlatformAccess(db, { userId: actor.userId, role: "dpo" }, { tenantId: tenant.id, reason: `DPO: breach ${breachReference}, scope of the data involved` }, async (tx) => {
      let total = 0;
      for (const family of dataInvolved) total += await COUNTERS[family](tx, tenant.id);
      return total;
    });
    if (records > 0) out.push({ tenantId: tenant.id, tenantName: tenant.name, records });
  }
  return out;
}

/** Re-derives the affected tenants and stores them, keeping notification times already recorded. */
export async function refreshAffectedTenants(db: Database, actor: DpoActor, id: string, now = new Date()) {
  const breach = await getBreach(db, id);
  const derived = await deriveAffectedTenants(db, actor, breach.content.dataInvolved, breach.reference);
  const previous = new Map(breach.content.affectedTenants.map((t) => [t.tenantId, t.notifiedAt]));
  const affectedTenants = derived.map((t) => ({ ...t, notifiedAt: previous.get(t.tenantId) ?? null }));
  // A tenant already notified stays in the record even if its data is no longer in scope.
  for (const t of breach.content.affectedTenants) if (t.notifiedAt && !derived.some((d) => d.tenantId === t.tenantId)) affectedTenants.push(t);
  return updateBreach(db, actor, { id, content: { ...breach.content, affectedTenants }, expectedVersion: breach.version, note: "affected tenants derived from the data involved" }, now);
}

/**
 * Records that a client was notified: the breach's new version and the entry in the client's
 * audit chain are written in one transaction (the platform access to that tenant), so neither
 * exists without the other.
 */
export async function recordClientNotification(db: Database, actor: DpoActor, id: string, tenantId: string, now = new Date()) {
  const breach = await getBreach(db, id);
  if (!breach.content.affectedTenants.some((t) => t.tenantId === tenantId)) throw notFound("Affected tenant");
  return withPlatformAccess(db, { userId: actor.userId, role: "dpo" }, { tenantId, reason: `DPO: breach ${breach.reference}, client notified` }, async (tx) => {
    // Re-read inside the transaction: the check and the write see the same version.
    const current = await getDocument(tx, "breach", id, ZBreach);
    const target = current.content.affectedTenants.find((t) => t.tenantId === tenantId);
    if (!target) throw notFound("Affected tenant");
    if (target.notifiedAt) throw new DpoRecordError("This client was already notified; the time is in the record.", 409, "already_notified");
    const affectedTenants = current.content.affectedTenants.map((t) => (t.tenantId === tenantId ? { ...t, notifiedAt: now.toISOString() } : t));
    const result = await updateDocumentIn(
      tx,
      { id, kind: "breach", content: { ...current.content, affectedTenants }, expectedVersion: current.version, actorUserId: actor.userId, note: `client notified: ${target.tenantName}` },
      ZBreach,
      now,
    );
    await appendAuditEntry(tx, tenantId, { actorUserId: actor.userId, actorKind: "platform", action: "dpo.breach.client_notified", targetType: "dpo_breach", targetId: id, details: { reference: breach.reference } }, now);
    return result;
  });
}

/** Adds a CNIL notification (initial, complementary or final): information may come in phases. */
export async function recordCnilNotification(db: Database, actor: DpoActor, id: string, input: { phase: "initial" | "complementary" | "final"; summary: string }, now = new Date()) {
  const breach = await getBreach(db, id);
  const late = now.getTime() > Date.parse(breach.content.awareAt) + CNIL_DEADLINE_MS;
  if (late && breach.content.cnilNotifications.length === 0 && !breach.content.lateReason)
    throw new DpoRecordError("More than 72 hours have passed: record the reasons for the delay (Art. 33(1)) before the notification.", 400, "late_reason_missing");
  const cnilNotifications = [...breach.content.cnilNotifications, { at: now.toISOString(), phase: input.phase, summary: input.summary }];
  return updateBreach(db, actor, { id, content: { ...breach.content, cnilDecision: "notify", cnilNotifications }, expectedVersion: breach.version, note: `CNIL notification (${input.phase})` }, now);
}
