// The merge history staff review: who was merged into whom, by which rule, when, by which import
// or person, and whether it was undone. Names are opened with the tenant's key (the duplicate's
// from the snapshot the merge kept), so reading the history is an audited read of personal data.
import { appendAuditEntry, type Tx } from "@rappel/db";
import type { MasterKey } from "@rappel/personal-data";
import { z } from "zod";
import { undoSpectatorMerge } from "./merge-spectators";
import { loadTenantSealer } from "../tenant-keys";

export interface MergeHistoryEntry {
  id: string;
  rule: string;
  createdAt: Date;
  undoneAt: Date | null;
  survivor: { id: string; name: string | null; exists: boolean };
  merged: { id: string; name: string | null; exists: boolean };
  orders: number;
  tickets: number;
  /** The import whose rows showed the two records are one person; null for a merge by staff. */
  importJob: { id: string; fileName: string | null } | null;
  mergedBy: string | null;
  undoneBy: string | null;
}

// The snapshot is `to_jsonb(spectator)`: bytea columns are hex strings (`\x…`).
const ZSnapshot = z.object({ first_name_enc: z.string().nullish(), last_name_enc: z.string().nullish() });
const ZMovedCounts = z.object({ orders: z.array(z.string()).default([]), tickets: z.array(z.string()).default([]), mergedRow: z.unknown() });

const hexBytes = (value: string | null | undefined) => (value && value.startsWith("\\x") ? Buffer.from(value.slice(2), "hex") : null);
const fullName = (first: string | null, last: string | null) => [first, last].filter(Boolean).join(" ") || null;

/** One page of the tenant's merges, newest first (in withTenant); audited as `spectators.merges.read`. */
export async function listSpectatorMerges(
  tx: Tx,
  tenantId: string,
  options: { offset?: number; limit?: number; actorUserId?: string | null; masterKey?: MasterKey } = {},
): Promise<{ total: number; rows: MergeHistoryEntry[] }> {
  const [total, merges] = await Promise.all([
    tx.spectatorMerge.count({ where: { tenantId } }),
    tx.spectatorMerge.findMany({
      where: { tenantId },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: Math.max(0, options.offset ?? 0),
      take: Math.min(200, Math.max(1, options.limit ?? 50)),
    }),
  ]);
  if (merges.length === 0) return { total, rows: [] };
  const spectatorIds = [...new Set(merges.flatMap((m) => [m.survivorId, m.mergedId]))];
  const importIds = [...new Set(merges.map((m) => m.importId).filter((id): id is string => id !== null))];
  const userIds = [...new Set(merges.flatMap((m) => [m.mergedById, m.undoneById]).filter((id): id is string => id !== null))];
  const [spectators, imports, users, sealer] = await Promise.all([
    tx.spectator.findMany({ where: { tenantId, id: { in: spectatorIds } }, select: { id: true, firstNameEnc: true, lastNameEnc: true } }),
    tx.importJob.findMany({ where: { tenantId, id: { in: importIds } }, select: { id: true, fileName: true } }),
    tx.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }),
    loadTenantSealer(tx, tenantId, options.masterKey),
  ]);
  const codec = sealer.codec;
  const living = new Map(spectators.map((s) => [s.id, fullName(codec.openField("firstName", s.firstNameEnc), codec.openField("lastName", s.lastNameEnc))]));
  const fileNames = new Map(imports.map((i) => [i.id, i.fileName]));
  const userNames = new Map(users.map((u) => [u.id, u.name]));

  const rows = merges.map((m): MergeHistoryEntry => {
    const moved = ZMovedCounts.safeParse(m.moved);
    const snapshot = ZSnapshot.safeParse(moved.success ? moved.data.mergedRow : null);
    // A duplicate that is merged is gone: its name comes from the snapshot; after an undo it lives again.
    const mergedName = living.has(m.mergedId)
      ? living.get(m.mergedId)!
      : snapshot.success
        ? fullName(codec.openField("firstName", hexBytes(snapshot.data.first_name_enc)), codec.openField("lastName", hexBytes(snapshot.data.last_name_enc)))
        : null;
    return {
      id: m.id,
      rule: m.rule,
      createdAt: m.createdAt,
      undoneAt: m.undoneAt,
      survivor: { id: m.survivorId, name: living.get(m.survivorId) ?? null, exists: living.has(m.survivorId) },
      merged: { id: m.mergedId, name: mergedName, exists: living.has(m.mergedId) },
      orders: moved.success ? moved.data.orders.length : 0,
      tickets: moved.success ? moved.data.tickets.length : 0,
      importJob: m.importId ? { id: m.importId, fileName: fileNames.get(m.importId) ?? null } : null,
      mergedBy: m.mergedById ? (userNames.get(m.mergedById) ?? null) : null,
      undoneBy: m.undoneById ? (userNames.get(m.undoneById) ?? null) : null,
    };
  });
  await appendAuditEntry(tx, tenantId, {
    actorUserId: options.actorUserId ?? null,
    actorKind: options.actorUserId ? "staff" : "system",
    action: "spectators.merges.read",
    targetType: "spectator_merge",
    details: { rows: rows.length, offset: options.offset ?? 0 },
  });
  return { total, rows };
}

/** Staff undo of a merge (in withTenant): the merge is undone, rollups refreshed, the act audited. */
export async function undoSpectatorMergeByStaff(tx: Tx, tenantId: string, mergeId: string, actorUserId: string): Promise<{ performanceIds: string[] }> {
  const result = await undoSpectatorMerge(tx, tenantId, mergeId, { undoneById: actorUserId });
  await appendAuditEntry(tx, tenantId, {
    actorUserId,
    actorKind: "staff",
    action: "spectators.merge.undo",
    targetType: "spectator_merge",
    targetId: mergeId,
    details: { performances: result.performanceIds.length },
  });
  return result;
}
