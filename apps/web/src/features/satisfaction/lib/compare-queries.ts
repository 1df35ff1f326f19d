// Loads the groups of a comparison (survey versions, performances of one show, or shows) inside
// the tenant's scope. Every id picked in the form is resolved again here through the tenant: an id
// of another tenant (or a performance of another show) matches nothing and is dropped.
import { Prisma, type Tx } from "@rappel/db";
import { alignToCurrentVersion, parseSurveyDefinition, type ComparisonGroupInput, type NotComparableQuestion, type TSurveyDefinition } from "@rappel/survey";
import { z } from "zod";
import { deliveredWhere, loadResponses } from "./queries";

export const COMPARE_MODES = ["versions", "performances", "shows"] as const;
export type TCompareMode = (typeof COMPARE_MODES)[number];
export const MAX_COMPARED = 6;

export const ZComparisonRequest = z.object({
  mode: z.enum(COMPARE_MODES),
  surveyId: z.uuid(),
  /** Performances mode: the show whose performances are compared. */
  showId: z.uuid().optional(),
  /** Version numbers, performance ids or show ids; the first is the reference of the NPS tests. */
  keys: z.array(z.string().max(40)).max(MAX_COMPARED),
  from: z.date().optional(),
  to: z.date().optional(),
});
export type TComparisonRequest = z.infer<typeof ZComparisonRequest>;

const dateLabel = new Intl.DateTimeFormat("fr-FR", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Paris" });
const dayLabel = new Intl.DateTimeFormat("fr-FR", { dateStyle: "medium", timeZone: "Europe/Paris" });

/** What the form offers for a survey: its versions, the shows it has answers for, a show's performances. */
export async function loadComparisonChoices(tx: Tx, tenantId: string, surveyId: string, showId?: string) {
  const versions = await tx.$queryRaw<{ version: number; createdAt: Date; responses: number }[]>(Prisma.sql`
    SELECT v.version, v.created_at AS "createdAt",
           (SELECT count(*)::int FROM survey_response r WHERE r.tenant_id = v.tenant_id AND r.survey_id = v.survey_id AND r.version = v.version) AS responses
      FROM survey_version v
     WHERE v.tenant_id = ${tenantId}::uuid AND v.survey_id = ${surveyId}::uuid
     ORDER BY v.version`);
  const shows = await tx.$queryRaw<{ id: string; title: string; responses: number }[]>(Prisma.sql`
    SELECT sh.id::text, sh.title, count(*)::int AS responses
      FROM survey_response r
      JOIN survey_invitation i ON i.tenant_id = r.tenant_id AND i.id = r.invitation_id
      JOIN performance pf ON pf.tenant_id = i.tenant_id AND pf.id = i.performance_id
      JOIN show sh ON sh.tenant_id = pf.tenant_id AND sh.id = pf.show_id
     WHERE r.tenant_id = ${tenantId}::uuid AND r.survey_id = ${surveyId}::uuid
     GROUP BY sh.id, sh.title ORDER BY sh.title`);
  const performances = showId
    ? await tx.performance.findMany({ where: { tenantId, showId }, select: { id: true, startsAt: true }, orderBy: { startsAt: "asc" } })
    : [];
  return {
    versions: versions.map((v) => ({ key: String(v.version), label: `Version ${v.version} (${dayLabel.format(v.createdAt)})`, responses: v.responses })),
    shows: shows.map((s) => ({ key: s.id, label: s.title, responses: s.responses })),
    performances: performances.map((p) => ({ key: p.id, label: dateLabel.format(p.startsAt) })),
  };
}

/**
 * Delivered invitations per group key. For versions, an invitation counts for the version that
 * was current when it was sent (the one its recipient was asked), which is what a rate needs.
 */
async function deliveredBy(tx: Tx, tenantId: string, request: TComparisonRequest): Promise<Map<string, number>> {
  const key =
    request.mode === "performances"
      ? Prisma.sql`i.performance_id::text`
      : request.mode === "shows"
        ? Prisma.sql`pf.show_id::text`
        : Prisma.sql`(SELECT max(v.version) FROM survey_version v
                       WHERE v.tenant_id = i.tenant_id AND v.survey_id = i.survey_id AND v.created_at <= i.sent_at)::text`;
  const rows = await tx.$queryRaw<{ key: string | null; n: number }[]>(Prisma.sql`
    SELECT ${key} AS key, count(*)::int AS n FROM survey_invitation i
      JOIN performance pf ON pf.tenant_id = i.tenant_id AND pf.id = i.performance_id
      JOIN show sh ON sh.tenant_id = pf.tenant_id AND sh.id = pf.show_id
     WHERE ${deliveredWhere(tenantId, scopeOf(request))}
     GROUP BY 1`);
  return new Map(rows.flatMap((r) => (r.key === null ? [] : [[r.key, r.n] as const])));
}

function scopeOf(request: TComparisonRequest) {
  return {
    surveyId: request.surveyId,
    ...(request.mode === "performances" && request.showId ? { showId: request.showId } : {}),
    ...(request.from ? { from: request.from } : {}),
    ...(request.to ? { to: request.to } : {}),
  };
}

export interface ComparisonLoad {
  groups: ComparisonGroupInput[];
  /** Performances and shows: questions some compared responses were not asked as in the current version. */
  notComparable: NotComparableQuestion[];
}

/** The groups to compare, in the order given; unknown or foreign keys are dropped. */
export async function loadComparisonGroups(tx: Tx, tenantId: string, input: TComparisonRequest): Promise<ComparisonLoad> {
  const none: ComparisonLoad = { groups: [], notComparable: [] };
  const request = ZComparisonRequest.parse(input);
  const survey = await tx.survey.findUnique({ where: { tenantId_id: { tenantId, id: request.surveyId } }, select: { currentVersion: true } });
  if (!survey || !request.keys.length) return none;
  if (request.mode === "performances" && !request.showId) return none;
  const choices = await loadComparisonChoices(tx, tenantId, request.surveyId, request.showId);
  const offered = request.mode === "versions" ? choices.versions : request.mode === "shows" ? choices.shows : choices.performances;
  const picked = [...new Set(request.keys)].flatMap((k) => offered.filter((o) => o.key === k));
  if (!picked.length) return none;

  const versions = await tx.surveyVersion.findMany({ where: { tenantId, surveyId: request.surveyId }, select: { version: true, definition: true } });
  const definitions = new Map<number, TSurveyDefinition>(versions.map((v) => [v.version, parseSurveyDefinition(v.definition)]));
  const [loaded, delivered] = await Promise.all([loadResponses(tx, tenantId, scopeOf(request)), deliveredBy(tx, tenantId, request)]);
  const keyOf = (r: (typeof loaded)[number]) =>
    request.mode === "versions" ? String(r.version) : request.mode === "shows" ? r.showId : r.performanceId;
  const inPicked = new Set(picked.map((p) => p.key));
  const compared = loaded.filter((r) => inPicked.has(keyOf(r)));
  // A version is compared on its own questions; performances and shows on the current ones, older
  // answers counted only where their version asked the same question.
  const { rows, notComparable } =
    request.mode === "versions" ? { rows: compared, notComparable: [] } : alignToCurrentVersion(compared, definitions, survey.currentVersion);
  const groups = picked.map((p) => ({
    key: p.key,
    label: p.label,
    definition: definitions.get(request.mode === "versions" ? Number(p.key) : survey.currentVersion)!,
    rows: rows.filter((r) => keyOf(r) === p.key),
    delivered: delivered.get(p.key) ?? 0,
  }));
  return { groups, notComparable };
}
