// Retention of the audit log (decision 0009). The log is one hash chain per tenant, so only a
// prefix of it can go: the due entries are the oldest ones up to the first entry that is not due
// (too recent, or about a person under a legal hold), never the head. Each batch deletes up to its
// last seq and appends an anchor entry carrying the last deleted hash, from which the remaining
// chain is verified.
import { purgeAuditPrefix } from "@rappel/db";
import type { PurgeStep } from "./purge-steps";

export const AUDIT_ENTRIES_STEP: PurgeStep = {
  category: "audit_entries",
  async listDue(tx, tenantId, cutoff) {
    const rows = await tx.$queryRawUnsafe<{ seq: string; occurred_at: Date; stop: boolean }[]>(
      `WITH head AS (SELECT max(seq) AS seq FROM audit_entry WHERE tenant_id = $1::uuid),
            c AS (
              SELECT a.seq, a.occurred_at,
                     (a.occurred_at > $2 OR (a.target_type = 'spectator' AND EXISTS (
                        SELECT 1 FROM legal_hold h WHERE h.tenant_id = a.tenant_id AND h.spectator_id::text = a.target_id
                           AND h.released_at IS NULL))) AS stop
                FROM audit_entry a, head WHERE a.tenant_id = $1::uuid AND a.seq < head.seq)
       SELECT seq::text AS seq, occurred_at, stop FROM c
        WHERE seq < coalesce((SELECT min(seq) FROM c WHERE stop), 9223372036854775807)
           OR (stop AND occurred_at <= $2)
        ORDER BY c.seq`,
      tenantId,
      cutoff,
    );
    const due = rows.filter((r) => !r.stop).map((r) => ({ key: r.seq, startEvent: r.occurred_at }));
    return { due, held: rows.length - due.length };
  },
  async purgeBatch(tx, tenantId, keys, now) {
    const through = keys.map(BigInt).reduce((max, k) => (k > max ? k : max), 0n);
    const rows = through > 0n ? await purgeAuditPrefix(tx, tenantId, through, now) : 0;
    return [{ table: "audit_entry", action: "delete", rows }];
  },
};
