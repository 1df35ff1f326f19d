// Audit log search for the DPO: one tenant's chain, filtered by person (through the blind index
// of their e-mail: the entries about their spectator records and their requests), by the acting
// user, and by period. Entries carry ids, never personal data, so the result can be shown as is.
import type { AuditEntry, Tx } from "@rappel/db";
import type { SpectatorIdentityCodec } from "@rappel/personal-data";

export interface AuditQuery {
  personEmail?: string | undefined;
  actorUserId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  limit?: number;
}

export async function searchAuditEntries(tx: Tx, tenantId: string, codec: SpectatorIdentityCodec, query: AuditQuery): Promise<AuditEntry[]> {
  let targetIds: string[] | undefined;
  if (query.personEmail) {
    const bidx = codec.emailIndex(query.personEmail);
    if (!bidx) return [];
    const [spectators, requests] = await Promise.all([
      tx.spectator.findMany({ where: { tenantId, emailBidx: bidx }, select: { id: true } }),
      tx.dataSubjectRequest.findMany({ where: { tenantId, emailBidx: bidx }, select: { id: true } }),
    ]);
    targetIds = [...spectators, ...requests].map((r) => r.id);
    if (targetIds.length === 0) return [];
  }
  return tx.auditEntry.findMany({
    where: {
      tenantId,
      ...(targetIds ? { targetId: { in: targetIds } } : {}),
      ...(query.actorUserId ? { actorUserId: query.actorUserId } : {}),
      ...(query.from || query.to ? { occurredAt: { ...(query.from ? { gte: query.from } : {}), ...(query.to ? { lte: query.to } : {}) } } : {}),
    },
    orderBy: { seq: "desc" },
    take: query.limit ?? 200,
  });
}
