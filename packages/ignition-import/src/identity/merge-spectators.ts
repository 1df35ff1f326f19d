// Merging two spectator records found to be the same person, and undoing it. The merge moves the
// duplicate's orders, tickets (holder) and consents to the survivor, fills the survivor's empty
// identifiers from the duplicate, keeps everything needed to undo (ids moved, the duplicate's row
// as it was — identifiers stay sealed — and the consents it replaced) in spectator_merge, then
// deletes the duplicate. Rows are snapshotted with to_jsonb and restored with
// jsonb_populate_record, so the snapshot always has the table's current columns.
import { randomUUID } from "node:crypto";
import type { Tx } from "@rappel/db";
import { refreshRollups } from "@rappel/ignition-analytics";
import { z } from "zod";
import { ImportError } from "../errors";
import { prismaRunner, type SqlRunner } from "../sql-runner";

export type MergeRule = "same_email" | "same_phone" | "same_name_postal" | "same_reference" | "manual";

/** Identifier columns the survivor takes from the duplicate when it has none. */
const FILLABLE = [
  "email_enc", "email_bidx", "phone_enc", "phone_bidx", "first_name_enc", "last_name_enc", "name_postal_bidx",
  "street_address_enc", "postal_code", "commune_code", "birth_year", "external_ref",
] as const;

export class MergeError extends ImportError {
  constructor(code: string, message: string) {
    super(409, code, message);
    this.name = "MergeError";
  }
}

export interface MergeResult {
  mergeId: string;
  orders: number;
  tickets: number;
  consents: number;
  /** Performances whose audience changed hands (their rollups need a refresh). */
  performanceIds: string[];
}

/** The merge itself, on any SQL runner, inside the caller's tenant-scoped transaction. */
export async function mergeSpectatorRows(
  sql: SqlRunner,
  tenantId: string,
  input: { survivorId: string; mergedId: string; rule: MergeRule; mergedById?: string | null; importId?: string | null },
): Promise<MergeResult> {
  const { survivorId, mergedId } = input;
  if (survivorId === mergedId) throw new MergeError("merge.same_spectator", "Un spectateur ne peut pas être fusionné avec lui-même. / A spectator cannot be merged with itself.");
  const found = await sql<{ id: string }>(
    `SELECT id::text FROM spectator WHERE tenant_id = $1::uuid AND id IN ($2::uuid, $3::uuid) ORDER BY id FOR UPDATE`,
    [tenantId, survivorId, mergedId],
  );
  if (found.length !== 2) throw new MergeError("merge.not_found", "Spectateur introuvable. / Spectator not found.");

  const orders = await sql<{ id: string }>(
    `UPDATE ticket_order SET spectator_id = $2::uuid WHERE tenant_id = $1::uuid AND spectator_id = $3::uuid RETURNING id::text`,
    [tenantId, survivorId, mergedId],
  );
  const tickets = await sql<{ id: string; performance_id: string }>(
    `UPDATE ticket SET holder_id = $2::uuid WHERE tenant_id = $1::uuid AND holder_id = $3::uuid RETURNING id::text, performance_id::text`,
    [tenantId, survivorId, mergedId],
  );
  // Orders held by the duplicate may have tickets held by someone else: their audience moves too.
  const orderPerformances = await sql<{ performance_id: string }>(
    `SELECT DISTINCT performance_id::text FROM ticket WHERE tenant_id = $1::uuid AND order_id = ANY($2::uuid[])`,
    [tenantId, orders.map((o) => o.id)],
  );

  // Consents: per channel, the most recent decision wins (a withdrawal on a tie). The survivor's
  // replaced consents are kept for the undo.
  const [snapshot] = await sql<{ merged_row: unknown; merged_consents: unknown; survivor_consents: unknown }>(
    `SELECT to_jsonb(m.*) AS merged_row,
            coalesce((SELECT jsonb_agg(to_jsonb(c.*)) FROM consent c WHERE c.tenant_id = $1::uuid AND c.spectator_id = $3::uuid), '[]') AS merged_consents,
            coalesce((SELECT jsonb_agg(to_jsonb(c.*)) FROM consent c WHERE c.tenant_id = $1::uuid AND c.spectator_id = $2::uuid), '[]') AS survivor_consents
       FROM spectator m WHERE m.tenant_id = $1::uuid AND m.id = $3::uuid`,
    [tenantId, survivorId, mergedId],
  );
  const consents = await sql<{ channel: string }>(
    `INSERT INTO consent (tenant_id, spectator_id, channel, status, source, recorded_at)
     SELECT tenant_id, $2::uuid, channel, status, source, recorded_at FROM consent WHERE tenant_id = $1::uuid AND spectator_id = $3::uuid
     ON CONFLICT (tenant_id, spectator_id, channel) DO UPDATE
        SET status = EXCLUDED.status, source = EXCLUDED.source, recorded_at = EXCLUDED.recorded_at
      WHERE EXCLUDED.recorded_at > consent.recorded_at
         OR (EXCLUDED.recorded_at = consent.recorded_at AND EXCLUDED.status = 'withdrawn')
     RETURNING channel::text`,
    [tenantId, survivorId, mergedId],
  );

  // Which empty identifiers of the survivor the duplicate fills (undone later if still the same).
  const [filledRow] = await sql<{ filled: string[] | null }>(
    `SELECT array_remove(ARRAY[${FILLABLE.map((c) => `CASE WHEN s.${c} IS NULL AND m.${c} IS NOT NULL THEN '${c}' END`).join(", ")}], NULL) AS filled
       FROM spectator s, spectator m
      WHERE s.tenant_id = $1::uuid AND s.id = $2::uuid AND m.tenant_id = $1::uuid AND m.id = $3::uuid`,
    [tenantId, survivorId, mergedId],
  );
  const filled = filledRow?.filled ?? [];
  // external_ref is unique: the duplicate's must be released before the survivor takes it.
  await sql(`DELETE FROM spectator WHERE tenant_id = $1::uuid AND id = $2::uuid`, [tenantId, mergedId]);
  if (filled.length > 0) {
    await sql(
      `UPDATE spectator s SET ${filled.map((c) => `${c} = m.${c}`).join(", ")}, updated_at = now()
         FROM jsonb_populate_record(NULL::spectator, $3::jsonb) m
        WHERE s.tenant_id = $1::uuid AND s.id = $2::uuid`,
      [tenantId, survivorId, JSON.stringify(snapshot!.merged_row)],
    );
  }
  const mergeId = randomUUID();
  const moved = {
    orders: orders.map((o) => o.id),
    tickets: tickets.map((t) => t.id),
    consents: snapshot!.merged_consents,
    survivorConsents: snapshot!.survivor_consents,
    filled,
    mergedRow: snapshot!.merged_row,
  };
  await sql(
    `INSERT INTO spectator_merge (tenant_id, id, survivor_id, merged_id, rule, moved, merged_by_id, import_id)
     VALUES ($1::uuid, $2::uuid, $3::uuid, $4::uuid, $5, $6::jsonb, $7::uuid, $8::uuid)`,
    [tenantId, mergeId, survivorId, mergedId, input.rule, JSON.stringify(moved), input.mergedById ?? null, input.importId ?? null],
  );
  return {
    mergeId,
    orders: orders.length,
    tickets: tickets.length,
    consents: consents.length,
    performanceIds: [...new Set([...tickets.map((t) => t.performance_id), ...orderPerformances.map((p) => p.performance_id)])],
  };
}

const ZMoved = z.object({
  orders: z.array(z.string()),
  tickets: z.array(z.string()),
  consents: z.array(z.record(z.string(), z.unknown())),
  survivorConsents: z.array(z.record(z.string(), z.unknown())),
  filled: z.array(z.enum(FILLABLE)),
  mergedRow: z.record(z.string(), z.unknown()),
});

/** Undoes a merge on any SQL runner; returns the performances whose audience changed hands. */
export async function undoSpectatorMergeRows(
  sql: SqlRunner,
  tenantId: string,
  mergeId: string,
  undoneById: string | null = null,
): Promise<{ performanceIds: string[] }> {
  const [merge] = await sql<{ survivor_id: string; merged_id: string; moved: unknown; undone_at: Date | null; created_at: Date }>(
    `SELECT survivor_id::text, merged_id::text, moved, undone_at, created_at FROM spectator_merge
      WHERE tenant_id = $1::uuid AND id = $2::uuid FOR UPDATE`,
    [tenantId, mergeId],
  );
  if (!merge) throw new MergeError("merge.not_found", "Fusion introuvable. / Merge not found.");
  if (merge.undone_at) throw new MergeError("merge.already_undone", "Cette fusion a déjà été annulée. / This merge was already undone.");
  const survivor = await sql(`SELECT 1 FROM spectator WHERE tenant_id = $1::uuid AND id = $2::uuid FOR UPDATE`, [tenantId, merge.survivor_id]);
  if (survivor.length === 0) {
    throw new MergeError("merge.survivor_gone", "Le spectateur conservé a depuis été fusionné ou supprimé : annulez d'abord cette opération. / The surviving spectator was merged or deleted since: undo that first.");
  }
  const moved = ZMoved.parse(merge.moved);
  const row = JSON.stringify(moved.mergedRow);

  // The survivor gives back what it took, where it still holds the duplicate's value.
  if (moved.filled.length > 0) {
    await sql(
      `UPDATE spectator s SET ${moved.filled.map((c) => `${c} = CASE WHEN s.${c} IS NOT DISTINCT FROM m.${c} THEN NULL ELSE s.${c} END`).join(", ")}
         FROM jsonb_populate_record(NULL::spectator, $3::jsonb) m
        WHERE s.tenant_id = $1::uuid AND s.id = $2::uuid`,
      [tenantId, merge.survivor_id, row],
    );
  }
  await sql(`INSERT INTO spectator SELECT * FROM jsonb_populate_record(NULL::spectator, $1::jsonb)`, [row]);
  const orders = await sql(
    `UPDATE ticket_order SET spectator_id = $3::uuid WHERE tenant_id = $1::uuid AND spectator_id = $2::uuid AND id = ANY($4::uuid[]) RETURNING id`,
    [tenantId, merge.survivor_id, merge.merged_id, moved.orders],
  );
  const tickets = await sql<{ performance_id: string }>(
    `UPDATE ticket SET holder_id = $3::uuid WHERE tenant_id = $1::uuid AND holder_id = $2::uuid AND id = ANY($4::uuid[]) RETURNING performance_id::text`,
    [tenantId, merge.survivor_id, merge.merged_id, moved.tickets],
  );
  const orderPerformances = await sql<{ performance_id: string }>(
    `SELECT DISTINCT performance_id::text FROM ticket WHERE tenant_id = $1::uuid AND order_id = ANY($2::uuid[])`,
    [tenantId, moved.orders],
  );
  // Consents: the duplicate gets its own back. The survivor's consents recorded before the merge
  // return to what they were; a decision recorded after the merge is the person's latest word
  // and is kept.
  await sql(
    `INSERT INTO consent SELECT * FROM jsonb_populate_recordset(NULL::consent, $1::jsonb)`,
    [JSON.stringify(moved.consents)],
  );
  await sql(
    `DELETE FROM consent WHERE tenant_id = $1::uuid AND spectator_id = $2::uuid AND recorded_at <= $3::timestamptz`,
    [tenantId, merge.survivor_id, merge.created_at],
  );
  await sql(
    `INSERT INTO consent SELECT * FROM jsonb_populate_recordset(NULL::consent, $1::jsonb) ON CONFLICT DO NOTHING`,
    [JSON.stringify(moved.survivorConsents)],
  );
  await sql(`UPDATE spectator_merge SET undone_at = now(), undone_by_id = $3::uuid WHERE tenant_id = $1::uuid AND id = $2::uuid`, [tenantId, mergeId, undoneById]);
  void orders;
  return { performanceIds: [...new Set([...tickets.map((t) => t.performance_id), ...orderPerformances.map((p) => p.performance_id)])] };
}

/** Staff merge of two spectators (in withTenant); rollups of the affected performances follow. */
export async function mergeSpectators(
  tx: Tx,
  tenantId: string,
  input: { survivorId: string; mergedId: string; mergedById?: string | null; rule?: MergeRule },
): Promise<MergeResult> {
  const result = await mergeSpectatorRows(prismaRunner(tx), tenantId, { ...input, rule: input.rule ?? "manual" });
  await refreshRollups(tx, tenantId, { performanceIds: result.performanceIds });
  return result;
}

/** Restores the duplicate of a merge and moves its rows back (in withTenant). */
export async function undoSpectatorMerge(tx: Tx, tenantId: string, mergeId: string, options: { undoneById?: string | null } = {}): Promise<{ performanceIds: string[] }> {
  const result = await undoSpectatorMergeRows(prismaRunner(tx), tenantId, mergeId, options.undoneById ?? null);
  await refreshRollups(tx, tenantId, { performanceIds: result.performanceIds });
  return result;
}
