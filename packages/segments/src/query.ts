// Running a segment inside the tenant scope: the live count shown while editing, and the ids
// used for previews and audience snapshots.
import { Prisma, type Tx } from "@rappel/db";
import { compileSegmentCondition } from "./compile";
import { ZSegmentRules, type TSegmentRules } from "./rules";

export class InvalidSegmentError extends Error {
  readonly status = 400;
  constructor(readonly issues: string[]) {
    super(`the segment's rules are invalid: ${issues.join("; ")}`);
    this.name = "InvalidSegmentError";
  }
}

/** Validates untrusted rules (a form, a saved JSON column) or throws InvalidSegmentError. */
export function parseSegmentRules(input: unknown): TSegmentRules {
  const result = ZSegmentRules.safeParse(input);
  if (!result.success) {
    throw new InvalidSegmentError(
      result.error.issues.map((i) => `${i.path.map(String).join(".") || "rules"}: ${i.message}`),
    );
  }
  return result.data;
}

/**
 * The spectator condition for the tenant: the compiled rules plus the tenant key (for indexes).
 * Archived people (past their active retention period, see @rappel/privacy) are out of normal
 * use: no segment, count, export or campaign audience ever selects them.
 */
export function segmentWhere(tenantId: string, rules: TSegmentRules, now: Date): Prisma.Sql {
  return Prisma.sql`s.tenant_id = ${tenantId}::uuid AND s.archived_at IS NULL AND ${compileSegmentCondition(rules, now)}`;
}

/** How many spectators match (must run inside withTenant). */
export async function countSegment(tx: Tx, tenantId: string, rules: TSegmentRules, now: Date): Promise<number> {
  const rows = await tx.$queryRaw<{ n: bigint }[]>(
    Prisma.sql`SELECT count(*) AS n FROM spectator s WHERE ${segmentWhere(tenantId, rules, now)}`,
  );
  return Number(rows[0]?.n ?? 0);
}

/** The matching spectators' ids, in a stable order (must run inside withTenant). */
export async function listSegmentSpectatorIds(
  tx: Tx,
  tenantId: string,
  rules: TSegmentRules,
  now: Date,
  limit = 100_000,
  /** Skips that many first matches (in id order): a preview walks the segment one person at a time. */
  offset = 0,
): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>(
    Prisma.sql`SELECT s.id::text AS id FROM spectator s WHERE ${segmentWhere(tenantId, rules, now)} ORDER BY s.id LIMIT ${limit} OFFSET ${offset}`,
  );
  return rows.map((r) => r.id);
}
