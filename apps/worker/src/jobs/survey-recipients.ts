// Who may receive a performance's invitation: every person holding a valid ticket (the holder
// when the export names one, else the buyer), with what the selection rules need about them.
// The rules themselves are pure (@rappel/survey selectRecipients); this only reads the rows.
import { Prisma, type Tx } from "@rappel/db";
import type { RecipientCandidate } from "@rappel/survey";

const DAY = 24 * 3_600_000;

export interface CandidateRow extends RecipientCandidate {
  language: string;
  emailKey: string | null;
}

interface RawRow {
  spectatorId: string;
  hasEmail: boolean;
  emailKey: string | null;
  surveyConsent: "granted" | "withdrawn" | null;
  lists: string[];
  onlyComplimentary: boolean;
  alreadyInvited: boolean;
  lastInvitedAt: Date | null;
  attendanceLastYear: number;
  others: { performanceId: string; endsAt: string }[];
  language: string;
}

export async function loadCandidates(
  tx: Tx,
  input: { tenantId: string; surveyId: string; performanceId: string; endsAt: Date; now: Date; festivalWindowHours: number },
): Promise<CandidateRow[]> {
  const { tenantId, surveyId, performanceId, endsAt, now } = input;
  const grouping = input.festivalWindowHours > 0;
  // Other performances of the same survey are looked for within a week either side: festival
  // chains longer than that are cut (the pure grouping walks the chain inside what it is given).
  const from = new Date(endsAt.getTime() - 7 * DAY);
  const to = new Date(endsAt.getTime() + 7 * DAY);
  const yearAgo = new Date(now.getTime() - 365 * DAY);
  const rows = await tx.$queryRaw<RawRow[]>(Prisma.sql`
    WITH people AS (
      SELECT COALESCE(t.holder_id, o.spectator_id) AS spectator_id, bool_and(t.is_complimentary) AS only_comp
        FROM ticket t JOIN ticket_order o ON o.tenant_id = t.tenant_id AND o.id = t.order_id
       WHERE t.tenant_id = ${tenantId}::uuid AND t.performance_id = ${performanceId}::uuid AND t.status = 'valid'
         AND COALESCE(t.holder_id, o.spectator_id) IS NOT NULL
       GROUP BY 1
    )
    SELECT p.spectator_id::text AS "spectatorId",
           (s.email_enc IS NOT NULL) AS "hasEmail",
           encode(s.email_bidx, 'hex') AS "emailKey",
           c.status::text AS "surveyConsent",
           COALESCE((SELECT array_agg(e.list) FROM survey_exclusion e
                      WHERE e.tenant_id = ${tenantId}::uuid AND e.spectator_id = p.spectator_id), '{}')
             -- a GDPR restriction (data-subject request, not lifted) counts as the "restricted" list
             || CASE WHEN EXISTS (SELECT 1 FROM processing_restriction pr WHERE pr.tenant_id = ${tenantId}::uuid
                                    AND pr.spectator_id = p.spectator_id AND pr.lifted_at IS NULL)
                     THEN ARRAY['restricted'] ELSE '{}'::text[] END AS lists,
           p.only_comp AS "onlyComplimentary",
           EXISTS (SELECT 1 FROM survey_invitation i
                    WHERE i.tenant_id = ${tenantId}::uuid AND i.survey_id = ${surveyId}::uuid
                      AND i.spectator_id = p.spectator_id AND ${performanceId}::uuid = ANY (i.performance_ids)) AS "alreadyInvited",
           (SELECT max(i.scheduled_for) FROM survey_invitation i
             WHERE i.tenant_id = ${tenantId}::uuid AND i.spectator_id = p.spectator_id AND i.status <> 'cancelled') AS "lastInvitedAt",
           (SELECT count(DISTINCT t2.performance_id)::int FROM ticket t2
              JOIN performance pf ON pf.tenant_id = t2.tenant_id AND pf.id = t2.performance_id
             WHERE t2.tenant_id = ${tenantId}::uuid AND t2.holder_id = p.spectator_id AND t2.status = 'valid'
               AND pf.ends_at BETWEEN ${yearAgo} AND ${now}) AS "attendanceLastYear",
           CASE WHEN ${grouping} THEN COALESCE((
             SELECT json_agg(DISTINCT jsonb_build_object('performanceId', pl.performance_id, 'endsAt', pl.performance_ends_at))
               FROM survey_dispatch_plan pl
               JOIN ticket t3 ON t3.tenant_id = pl.tenant_id AND t3.performance_id = pl.performance_id AND t3.status = 'valid'
               JOIN ticket_order o3 ON o3.tenant_id = t3.tenant_id AND o3.id = t3.order_id
              WHERE pl.tenant_id = ${tenantId}::uuid AND pl.survey_id = ${surveyId}::uuid AND pl.kind = 'initial'
                AND pl.status <> 'cancelled' AND pl.performance_id <> ${performanceId}::uuid
                AND pl.performance_ends_at BETWEEN ${from} AND ${to}
                AND COALESCE(t3.holder_id, o3.spectator_id) = p.spectator_id), '[]'::json)
           ELSE '[]'::json END AS others,
           s.language
      FROM people p
      JOIN spectator s ON s.tenant_id = ${tenantId}::uuid AND s.id = p.spectator_id
      LEFT JOIN consent c ON c.tenant_id = ${tenantId}::uuid AND c.spectator_id = p.spectator_id AND c.channel = 'survey'
     -- archived people (past their active retention period) are out of normal use: never invited
     WHERE s.archived_at IS NULL
     ORDER BY p.spectator_id`);
  return rows.map((r) => ({
    ...r,
    otherPerformanceEnds: r.others.map((o) => ({ performanceId: o.performanceId, endsAt: new Date(o.endsAt) })),
  }));
}

/** Two spectator records with the same e-mail address (not merged yet) are one person here. */
export function dedupeByEmail<T extends { emailKey: string | null }>(rows: readonly T[]): T[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    if (!r.emailKey) return true;
    if (seen.has(r.emailKey)) return false;
    seen.add(r.emailKey);
    return true;
  });
}
