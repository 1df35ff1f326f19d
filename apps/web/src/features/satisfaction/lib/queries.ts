// Staff-side reads and writes of surveys, always inside the tenant's scope (RLS): the tenant id
// comes from the guard, never from the URL or a form; a survey is loaded through its tenant.
import { Prisma, appendAuditEntry, type Tx } from "@rappel/db";
import {
  checkCoreQuestionsKept,
  createCoreDefinition,
  type CoreLockIssue,
  joinTextAnswers,
  parseSurveyDefinition,
  type ResultRow,
  type TAnswers,
  type TSurveyDefinition,
} from "@rappel/survey";
import { surveyKeysFor } from "./survey-keys-cache";

export interface SurveyFilters {
  surveyId?: string;
  showId?: string;
  venueId?: string;
  genre?: string;
  from?: Date;
  to?: Date;
}

export async function listSurveys(tx: Tx, tenantId: string) {
  const surveys = await tx.survey.findMany({ where: { tenantId }, orderBy: { createdAt: "asc" } });
  const counts = await tx.surveyResponse.groupBy({ by: ["surveyId"], where: { tenantId }, _count: { _all: true } });
  const byId = new Map(counts.map((c) => [c.surveyId, c._count._all]));
  return surveys.map((s) => ({ ...s, responses: byId.get(s.id) ?? 0 }));
}

export async function loadSurvey(tx: Tx, tenantId: string, surveyId: string) {
  const survey = await tx.survey.findUnique({
    where: { tenantId_id: { tenantId, id: surveyId } },
    include: { dispatchRules: { orderBy: { createdAt: "asc" }, take: 1 } },
  });
  if (!survey) return null;
  const version = await tx.surveyVersion.findUniqueOrThrow({
    where: { tenantId_surveyId_version: { tenantId, surveyId, version: survey.currentVersion } },
  });
  const responses = await tx.surveyResponse.count({ where: { tenantId, surveyId, version: survey.currentVersion } });
  return { survey, rule: survey.dispatchRules[0] ?? null, definition: parseSurveyDefinition(version.definition), responses };
}

/** The tenant's core survey: the default questionnaire, sent 3 h after every performance. */
export async function createCoreSurvey(tx: Tx, tenantId: string, tenantName: string, userId: string): Promise<string> {
  const survey = await tx.survey.create({ data: { tenantId, name: "Questionnaire de base", status: "draft" } });
  await tx.surveyVersion.create({ data: { tenantId, surveyId: survey.id, version: 1, definition: createCoreDefinition(tenantName) as object } });
  await tx.surveyDispatchRule.create({ data: { tenantId, surveyId: survey.id } });
  await appendAuditEntry(tx, tenantId, { actorUserId: userId, actorKind: "staff", action: "survey.created", targetType: "survey", targetId: survey.id });
  return survey.id;
}

/**
 * Saves a definition: a new version when the current one already has responses. Refused (nothing
 * written) when it removes or retypes a core question of the current version.
 */
export async function saveDefinition(
  tx: Tx,
  tenantId: string,
  surveyId: string,
  definition: TSurveyDefinition,
  userId: string,
): Promise<{ version: number } | { locked: CoreLockIssue[] }> {
  const survey = await tx.survey.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: surveyId } } });
  const current = await tx.surveyVersion.findUniqueOrThrow({
    where: { tenantId_surveyId_version: { tenantId, surveyId, version: survey.currentVersion } },
  });
  const locked = checkCoreQuestionsKept(parseSurveyDefinition(current.definition), definition);
  if (locked.length) return { locked };
  const answered = await tx.surveyResponse.count({ where: { tenantId, surveyId, version: survey.currentVersion } });
  let version = survey.currentVersion;
  if (answered > 0) {
    version += 1;
    await tx.surveyVersion.create({ data: { tenantId, surveyId, version, definition: definition as object } });
    await tx.survey.update({ where: { tenantId_id: { tenantId, id: surveyId } }, data: { currentVersion: version } });
  } else {
    await tx.surveyVersion.update({
      where: { tenantId_surveyId_version: { tenantId, surveyId, version } },
      data: { definition: definition as object },
    });
  }
  await appendAuditEntry(tx, tenantId, { actorUserId: userId, actorKind: "staff", action: "survey.saved", targetType: "survey", targetId: surveyId, details: { version } });
  return { version };
}

interface RawResult {
  id: string;
  answers: TAnswers;
  nps: number | null;
  completed: boolean;
  currentPage: number;
  answeredAt: Date;
  performanceId: string;
  startsAt: Date;
  showId: string;
  showTitle: string;
  venueName: string;
  priceCategory: string | null;
  salesChannel: string | null;
  firstTimer: boolean;
  topics: string[];
  textsEnc: Uint8Array | null;
  version: number;
}

function where(tenantId: string, f: SurveyFilters): Prisma.Sql {
  const parts = [Prisma.sql`r.tenant_id = ${tenantId}::uuid`];
  if (f.surveyId) parts.push(Prisma.sql`r.survey_id = ${f.surveyId}::uuid`);
  if (f.showId) parts.push(Prisma.sql`pf.show_id = ${f.showId}::uuid`);
  if (f.venueId) parts.push(Prisma.sql`pf.venue_id = ${f.venueId}::uuid`);
  if (f.genre) parts.push(Prisma.sql`sh.genre = ${f.genre}`);
  if (f.from) parts.push(Prisma.sql`pf.starts_at >= ${f.from}`);
  if (f.to) parts.push(Prisma.sql`pf.starts_at < ${f.to}`);
  return Prisma.join(parts, " AND ");
}

const dateLabel = new Intl.DateTimeFormat("fr-FR", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Paris" });

/** Responses with their ticketing context (price category, channel, first visit or not). */
export async function loadResponses(tx: Tx, tenantId: string, filters: SurveyFilters): Promise<(ResultRow & { id: string; topics: string[]; textsEnc: Uint8Array | null; version: number; venueName: string; startsAt: Date; showId: string })[]> {
  const rows = await tx.$queryRaw<RawResult[]>(Prisma.sql`
    SELECT r.id::text, r.answers, r.nps, (r.completed_at IS NOT NULL) AS completed, r.current_page AS "currentPage",
           COALESCE(r.completed_at, r.updated_at) AS "answeredAt", i.performance_id::text AS "performanceId", pf.starts_at AS "startsAt",
           pf.show_id::text AS "showId", sh.title AS "showTitle", v.name AS "venueName", tk.price_category AS "priceCategory", tk.sales_channel::text AS "salesChannel",
           NOT EXISTS (SELECT 1 FROM ticket t2 JOIN performance p2 ON p2.tenant_id = t2.tenant_id AND p2.id = t2.performance_id
                        WHERE t2.tenant_id = r.tenant_id AND t2.holder_id = i.spectator_id AND p2.starts_at < pf.starts_at) AS "firstTimer",
           r.topics, r.texts_enc AS "textsEnc", r.version
      FROM survey_response r
      JOIN survey_invitation i ON i.tenant_id = r.tenant_id AND i.id = r.invitation_id
      JOIN performance pf ON pf.tenant_id = i.tenant_id AND pf.id = i.performance_id
      JOIN show sh ON sh.tenant_id = pf.tenant_id AND sh.id = pf.show_id
      JOIN venue v ON v.tenant_id = pf.tenant_id AND v.id = pf.venue_id
      LEFT JOIN LATERAL (SELECT t.price_category, t.sales_channel FROM ticket t
                          WHERE t.tenant_id = i.tenant_id AND t.performance_id = i.performance_id AND t.holder_id = i.spectator_id
                          LIMIT 1) tk ON true
     WHERE ${where(tenantId, filters)}
     ORDER BY "answeredAt" DESC`);
  return rows.map((r) => ({ ...r, performanceLabel: `${r.showTitle} — ${dateLabel.format(r.startsAt)}` }));
}

/** Invitations that reached someone (sent and later states), for the response rate. */
export async function countDelivered(tx: Tx, tenantId: string, filters: SurveyFilters): Promise<number> {
  const [row] = await tx.$queryRaw<{ n: number }[]>(Prisma.sql`
    SELECT count(*)::int AS n FROM survey_invitation i
      JOIN performance pf ON pf.tenant_id = i.tenant_id AND pf.id = i.performance_id
      JOIN show sh ON sh.tenant_id = pf.tenant_id AND sh.id = pf.show_id
     WHERE ${deliveredWhere(tenantId, filters)}`);
  return row?.n ?? 0;
}

/** Where-clause of delivered invitations (joined to their performance `pf` and show `sh`). */
export function deliveredWhere(tenantId: string, filters: SurveyFilters): Prisma.Sql {
  const parts = [Prisma.sql`i.tenant_id = ${tenantId}::uuid`, Prisma.sql`i.status IN ('sent','opened','started','completed','unsubscribed')`];
  if (filters.surveyId) parts.push(Prisma.sql`i.survey_id = ${filters.surveyId}::uuid`);
  if (filters.showId) parts.push(Prisma.sql`pf.show_id = ${filters.showId}::uuid`);
  if (filters.venueId) parts.push(Prisma.sql`pf.venue_id = ${filters.venueId}::uuid`);
  if (filters.genre) parts.push(Prisma.sql`sh.genre = ${filters.genre}`);
  if (filters.from) parts.push(Prisma.sql`pf.starts_at >= ${filters.from}`);
  if (filters.to) parts.push(Prisma.sql`pf.starts_at < ${filters.to}`);
  return Prisma.join(parts, " AND ");
}

/** Opens the free text of responses (personal data): the caller audits the read. */
export async function openTexts(tx: Tx, tenantId: string, rows: { id: string; answers: TAnswers; textsEnc: Uint8Array | null }[]) {
  const keys = await surveyKeysFor(tx, tenantId);
  return rows.map((r) => ({ id: r.id, answers: joinTextAnswers(r.answers, keys.openTexts(r.id, r.textsEnc)), texts: keys.openTexts(r.id, r.textsEnc) }));
}

export async function loadFilterOptions(tx: Tx, tenantId: string) {
  const [shows, venues, genres] = await Promise.all([
    tx.show.findMany({ where: { tenantId }, select: { id: true, title: true }, orderBy: { title: "asc" } }),
    tx.venue.findMany({ where: { tenantId }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    tx.show.findMany({ where: { tenantId, genre: { not: null } }, select: { genre: true }, distinct: ["genre"] }),
  ]);
  return { shows, venues, genres: genres.map((g) => g.genre!).sort() };
}
