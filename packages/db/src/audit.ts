// Append-only, hash-chained audit log, one chain per tenant. Each entry's hash covers the
// previous entry's hash and the entry's own content, so any edit or deletion breaks the chain.
import { createHash } from "node:crypto";
import type { Tx } from "./client";
import { toBytes } from "./bytes";

export interface AuditInput {
  actorUserId?: string | null;
  actorKind: "staff" | "platform" | "system" | "spectator";
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  details?: Record<string, unknown>;
}

const GENESIS = Buffer.alloc(32);

/** Stable JSON (sorted keys) so the hash does not depend on key order. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
}

export function hashAuditEntry(
  prevHash: Buffer,
  entry: { tenantId: string; seq: bigint; occurredAt: Date } & AuditInput,
): Buffer {
  const body = canonical({
    tenantId: entry.tenantId,
    seq: entry.seq.toString(),
    occurredAt: entry.occurredAt.toISOString(),
    actorUserId: entry.actorUserId ?? null,
    actorKind: entry.actorKind,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    details: entry.details ?? {},
  });
  return createHash("sha256").update(prevHash).update(body).digest();
}

/** Appends an entry to the tenant's chain; must run inside withTenant / withPlatformAccess. */
export async function appendAuditEntry(tx: Tx, tenantId: string, input: AuditInput, now = new Date()): Promise<bigint> {
  // Serialises appends per tenant so two writers cannot fork the chain.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`audit:${tenantId}`}, 0))`;
  const last = await tx.auditEntry.findFirst({
    where: { tenantId },
    orderBy: { seq: "desc" },
    select: { seq: true, hash: true },
  });
  const seq = (last?.seq ?? 0n) + 1n;
  const prevHash = last ? Buffer.from(last.hash) : GENESIS;
  const occurredAt = now;
  const hash = hashAuditEntry(prevHash, { ...input, tenantId, seq, occurredAt });
  await tx.auditEntry.create({
    data: {
      tenantId,
      seq,
      occurredAt,
      actorUserId: input.actorUserId ?? null,
      actorKind: input.actorKind,
      action: input.action,
      targetType: input.targetType ?? null,
      targetId: input.targetId ?? null,
      details: (input.details ?? {}) as object,
      prevHash: toBytes(prevHash),
      hash: toBytes(hash),
    },
  });
  return seq;
}

export interface ChainVerdict {
  ok: boolean;
  checked: number;
  /** The first entry whose hash or link does not match, when the chain is broken. */
  brokenAtSeq?: bigint;
  headHash?: string;
  /** When old entries were purged (retention): the last purged seq the chain is verified from. */
  anchoredAfterSeq?: bigint;
}

/** The entry a retention purge appends: it names the last purged entry and its hash (decision 0009). */
export const AUDIT_PURGE_ACTION = "audit.entries.purged";

/**
 * Deletes the tenant's entries up to `throughSeq` (never the head) and appends an anchor entry
 * carrying the hash of the last deleted one, so the remaining chain still verifies from there.
 * Must run inside withTenant / withPlatformAccess; returns the number of entries deleted.
 */
export async function purgeAuditPrefix(tx: Tx, tenantId: string, throughSeq: bigint, now = new Date()): Promise<number> {
  const last = await tx.auditEntry.findUnique({ where: { tenantId_seq: { tenantId, seq: throughSeq } }, select: { hash: true } });
  if (!last) return 0;
  const rows = await tx.$queryRaw<{ n: number }[]>`SELECT purge_audit_prefix(${tenantId}::uuid, ${throughSeq}::bigint) AS n`;
  const deleted = rows[0]?.n ?? 0;
  await appendAuditEntry(
    tx,
    tenantId,
    {
      actorKind: "system",
      action: AUDIT_PURGE_ACTION,
      targetType: "audit_entry",
      targetId: throughSeq.toString(),
      details: { throughSeq: throughSeq.toString(), throughHash: Buffer.from(last.hash).toString("hex"), deleted },
    },
    now,
  );
  return deleted;
}

/**
 * Recomputes the tenant's chain from the start, or, when a retention purge removed its oldest
 * entries, from the anchor that the latest purge entry recorded (it is itself in the verified
 * chain, so the anchor cannot be swapped without breaking the chain after it).
 */
export async function verifyAuditChain(tx: Tx, tenantId: string): Promise<ChainVerdict> {
  const entries = await tx.auditEntry.findMany({ where: { tenantId }, orderBy: { seq: "asc" } });
  let prev: Buffer = GENESIS;
  let expectedSeq = 1n;
  let anchoredAfterSeq: bigint | undefined;
  const first = entries[0];
  if (first && first.seq !== 1n) {
    const anchor = entries
      .filter((e) => e.action === AUDIT_PURGE_ACTION)
      .map((e) => e.details as { throughSeq?: string; throughHash?: string })
      .reverse()
      .find((d) => d.throughSeq === (first.seq - 1n).toString() && typeof d.throughHash === "string");
    if (!anchor) return { ok: false, checked: 0, brokenAtSeq: first.seq };
    prev = Buffer.from(anchor.throughHash!, "hex");
    expectedSeq = first.seq;
    anchoredAfterSeq = first.seq - 1n;
  }
  for (const e of entries) {
    const expected = hashAuditEntry(prev, {
      tenantId,
      seq: e.seq,
      occurredAt: e.occurredAt,
      actorUserId: e.actorUserId,
      actorKind: e.actorKind as AuditInput["actorKind"],
      action: e.action,
      targetType: e.targetType,
      targetId: e.targetId,
      details: e.details as Record<string, unknown>,
    });
    if (e.seq !== expectedSeq || !Buffer.from(e.prevHash).equals(prev) || !Buffer.from(e.hash).equals(expected)) {
      return { ok: false, checked: Number(expectedSeq - 1n - (anchoredAfterSeq ?? 0n)), brokenAtSeq: e.seq };
    }
    prev = expected;
    expectedSeq += 1n;
  }
  return { ok: true, checked: entries.length, headHash: prev.toString("hex"), ...(anchoredAfterSeq !== undefined ? { anchoredAfterSeq } : {}) };
}
