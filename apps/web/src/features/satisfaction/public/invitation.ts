// The public side of an invitation: find it from its link (the link names its tenant, the lookup
// runs in that tenant's RLS scope by the link's hash: survey-link.ts), and save answers page by
// page. One response per invitation, editable until the survey closes.
import { Prisma, withTenant, type Database, type TenantBatch, type Tx } from "@rappel/db";
import {
  allQuestions,
  joinTextAnswers,
  nextPageIndex,
  splitTextAnswers,
  tagVerbatim,
  type TAnswers,
  type TSurveyDefinition,
  type TLocale,
} from "@rappel/survey";
import { cachedSurveyDefinition, surveyDefinitionFor } from "../lib/survey-definition-cache";
import type { SurveyKeys } from "@rappel/survey/store";
import { cachedSurveyKeys, surveyKeysFor } from "../lib/survey-keys-cache";
import { invitationMatches, resolveSurveyLink, type SurveyLink } from "./survey-link";

export type InvitationState =
  | { kind: "unknown" }
  | { kind: "closed"; tenantName: string; language: TLocale }
  | {
      kind: "open";
      tenantId: string;
      tenantName: string;
      invitationId: string;
      language: TLocale;
      status: string;
      definition: TSurveyDefinition;
      version: number;
      answers: TAnswers;
      currentPage: number;
      completed: boolean;
      performances: { showTitle: string; venueName: string; startsAt: Date }[];
      performanceIds: string[];
    };

interface InvitationRow {
  invitationId: string;
  surveyId: string;
  language: string;
  status: string;
  tenantName: string;
  tenantStatus: string;
  surveyStatus: string;
  closesAt: Date | null;
  version: number;
  definitionDigest: string | null;
  responseId: string | null;
  responseAnswers: TAnswers | null;
  textsEnc: Uint8Array | null;
  currentPage: number | null;
  completedAt: Date | null;
  performanceIds: string[];
  performances: { showTitle: string; venueName: string; startsAt: string }[];
}

// Everything a page view needs in one round trip (it used to take eight Prisma queries): the
// invitation by its link's hash, its tenant, survey, response, the version's digest, and the
// performances attended. The definition itself is only read when its digest is not cached.
// `openedAt`: a page view also raises a sent invitation to "opened" in the same statement (a
// data-modifying WITH runs even unreferenced; the SELECT still sees the status before it).
function invitationRowSql(link: SurveyLink, openedAt: Date | null): Prisma.Sql {
  const opened = openedAt
    ? Prisma.sql`WITH opened AS (UPDATE survey_invitation AS u SET status = 'opened', opened_at = ${openedAt}
                                  WHERE ${invitationMatches(link, "u")} AND u.status = 'sent')`
    : Prisma.empty;
  return Prisma.sql`
    ${opened}
    SELECT i.id::text AS "invitationId", i.performance_ids::text[] AS "performanceIds", i.survey_id::text AS "surveyId", i.language, i.status::text AS status,
           t.name AS "tenantName", t.status::text AS "tenantStatus", s.status::text AS "surveyStatus", s.closes_at AS "closesAt",
           COALESCE(r.version, s.current_version) AS version, md5(v.definition::text) AS "definitionDigest",
           r.id::text AS "responseId", r.answers AS "responseAnswers", r.texts_enc AS "textsEnc",
           r.current_page AS "currentPage", r.completed_at AS "completedAt",
           COALESCE((SELECT json_agg(json_build_object('showTitle', sh.title, 'venueName', ve.name, 'startsAt', pf.starts_at) ORDER BY pf.starts_at)
                       FROM performance pf
                       JOIN show sh ON sh.tenant_id = pf.tenant_id AND sh.id = pf.show_id
                       JOIN venue ve ON ve.tenant_id = pf.tenant_id AND ve.id = pf.venue_id
                      WHERE pf.tenant_id = i.tenant_id AND pf.id = ANY (i.performance_ids)), '[]'::json) AS performances
      FROM survey_invitation i
      JOIN tenant t ON t.id = i.tenant_id
      JOIN survey s ON s.tenant_id = i.tenant_id AND s.id = i.survey_id
      LEFT JOIN survey_response r ON r.tenant_id = i.tenant_id AND r.invitation_id = i.id
      LEFT JOIN survey_version v ON v.tenant_id = i.tenant_id AND v.survey_id = i.survey_id AND v.version = COALESCE(r.version, s.current_version)
     WHERE ${invitationMatches(link, "i")}`;
}

export type OpenInvitation = Extract<InvitationState, { kind: "open" }>;
type LoadedInvitation = Exclude<InvitationState, OpenInvitation> | (OpenInvitation & { surveyId: string; responseId?: string });

// Runs work in a tenant transaction: the caller's own, or a new one (see resolveInvitation).
type InTenant = <T>(work: (tx: Tx) => Promise<T>) => Promise<T>;

async function loadInvitation(row: InvitationRow | undefined, tenantId: string, now: Date, inTenant: InTenant): Promise<LoadedInvitation> {
  if (!row) return { kind: "unknown" };
  const language: TLocale = row.language === "en" ? "en" : "fr";
  const closed =
    row.tenantStatus !== "active" ||
    row.status === "cancelled" ||
    row.surveyStatus === "closed" ||
    (row.closesAt !== null && row.closesAt <= now);
  if (closed) return { kind: "closed", tenantName: row.tenantName, language };
  if (!row.definitionDigest) throw new Error(`survey ${row.surveyId} has no version ${row.version}`);
  const ref = { tenantId, surveyId: row.surveyId, version: row.version, digest: row.definitionDigest };
  const definition = cachedSurveyDefinition(ref) ?? (await inTenant((tx) => surveyDefinitionFor(tx, ref)));
  let answers: TAnswers = {};
  if (row.responseId) {
    const keys = cachedSurveyKeys(tenantId) ?? (await inTenant((tx) => surveyKeysFor(tx, tenantId)));
    answers = joinTextAnswers(row.responseAnswers ?? {}, keys.openTexts(row.responseId, row.textsEnc));
  }
  return {
    kind: "open",
    tenantId,
    tenantName: row.tenantName,
    invitationId: row.invitationId,
    language,
    status: row.status,
    definition,
    version: row.version,
    answers,
    currentPage: row.currentPage ?? 0,
    completed: row.completedAt != null,
    performances: row.performances.map((p) => ({ showTitle: p.showTitle, venueName: p.venueName, startsAt: new Date(p.startsAt) })),
    performanceIds: row.performanceIds,
    surveyId: row.surveyId,
    ...(row.responseId ? { responseId: row.responseId } : {}),
  };
}

/**
 * Resolves a link (long token or short code) and marks a sent invitation "opened" on its first
 * view; `more` runs in the same transaction with what was read (the thank-you page's suggestions).
 * With a `batch` and no `more` (the answer and preferences pages), the read is one round trip
 * (@rappel/db's tenant batch); the definition and keys then come from this process's caches, and
 * only a miss opens a transaction to load them.
 */
export async function resolveInvitation<T = undefined>(
  db: Database,
  link: string,
  now = new Date(),
  more?: (tx: Tx, state: OpenInvitation) => Promise<T>,
  batch?: TenantBatch,
): Promise<InvitationState & { more?: T }> {
  const resolved = await resolveSurveyLink(db, link);
  if (!resolved) return { kind: "unknown" };
  const { tenantId } = resolved;
  if (batch && !more) {
    const [row] = await batch.query<InvitationRow>(tenantId, invitationRowSql(resolved, now));
    return loadInvitation(row, tenantId, now, (work) => withTenant(db, tenantId, work));
  }
  return withTenant(db, tenantId, async (tx) => {
    const [row] = await tx.$queryRaw<InvitationRow[]>(invitationRowSql(resolved, now));
    const state = await loadInvitation(row, tenantId, now, (work) => work(tx));
    if (state.kind !== "open" || !more) return state;
    return { ...state, more: await more(tx, state) };
  });
}

/**
 * The e-mail's open pixel: raises "sent" to "opened", never lowers a later status (started,
 * completed, unsubscribed…), and does nothing the second time. False when nothing changed.
 */
export async function recordInvitationOpened(db: Database, link: string, now = new Date(), batch?: TenantBatch): Promise<boolean> {
  const resolved = await resolveSurveyLink(db, link);
  if (!resolved) return false;
  const update = Prisma.sql`UPDATE survey_invitation AS u SET status = 'opened', opened_at = ${now} WHERE ${invitationMatches(resolved, "u")} AND u.status = 'sent'`;
  if (batch) return (await batch.query(resolved.tenantId, Prisma.sql`${update} RETURNING 1`)).length > 0;
  return (await withTenant(db, resolved.tenantId, (tx) => tx.$executeRaw(update))) > 0;
}

export type SaveOutcome =
  | { kind: "unknown" | "closed" | "unchanged" }
  | { kind: "saved"; nextPage: number | null; completed: boolean };

export interface SaveInput {
  pageIndex: number;
  answers: TAnswers;
  advance: boolean;
  replaceQuestionIds: string[];
}

/**
 * Merges `pageAnswers` (the answers of page `pageIndex`, already validated) into the response,
 * records progress, and completes the response after the last visible page. `input` may be
 * computed from the invitation as read in the same transaction (a form post: one transaction
 * reads and writes); returning null saves nothing ("unchanged"). With a `batch`, that transaction
 * is two round trips (read; write and commit) instead of five.
 */
export async function saveAnswers(
  db: Database,
  link: string,
  input: SaveInput | ((state: OpenInvitation) => SaveInput | null),
  now = new Date(),
  batch?: TenantBatch,
): Promise<SaveOutcome> {
  const resolved = await resolveSurveyLink(db, link);
  if (!resolved) return { kind: "unknown" };
  const { tenantId } = resolved;
  const read = invitationRowSql(resolved, null);
  if (batch) {
    return batch.transaction<InvitationRow, SaveOutcome>(tenantId, read, async ([row]) => {
      const inTenant: InTenant = (work) => withTenant(db, tenantId, work);
      const state = await loadInvitation(row, tenantId, now, inTenant);
      const asked = state.kind === "open" ? (typeof input === "function" ? input(state) : input) : null;
      if (state.kind !== "open" || !asked) return { write: null, result: { kind: state.kind === "open" ? "unchanged" : state.kind } };
      const keys = cachedSurveyKeys(tenantId) ?? (await inTenant((tx) => surveyKeysFor(tx, tenantId)));
      const { write, outcome } = answersWrite(state, asked, now, keys);
      return { write, result: outcome };
    });
  }
  return withTenant(db, tenantId, async (tx) => {
    const [row] = await tx.$queryRaw<InvitationRow[]>(read);
    const state = await loadInvitation(row, tenantId, now, (work) => work(tx));
    if (state.kind !== "open") return { kind: state.kind };
    const asked = typeof input === "function" ? input(state) : input;
    if (!asked) return { kind: "unchanged" };
    const { write, outcome } = answersWrite(state, asked, now, await surveyKeysFor(tx, tenantId));
    await tx.$executeRaw(write);
    return outcome;
  });
}

/** The statement saving a page's answers, and the outcome once it ran. */
function answersWrite(
  state: Extract<LoadedInvitation, { kind: "open" }>,
  input: SaveInput,
  now: Date,
  keys: SurveyKeys,
): { write: Prisma.Sql; outcome: SaveOutcome } {
  const { tenantId } = state;
  // Answers of this page's questions are replaced (a question left empty is cleared).
  const merged: TAnswers = { ...state.answers };
  for (const id of input.replaceQuestionIds) delete merged[id];
  Object.assign(merged, input.answers);
  const next = nextPageIndex(state.definition, merged, input.pageIndex);
  const completing = input.advance && next === null;
  const currentPage = input.advance ? (next ?? input.pageIndex) : input.pageIndex;
  const { plain, texts } = splitTextAnswers(state.definition, merged);
  const responseId = state.responseId ?? crypto.randomUUID();
  const topics = [...new Set(Object.values(texts).flatMap((t) => tagVerbatim(t).topics))];
  const npsQuestion = allQuestions(state.definition).find((q) => q.type === "nps");
  const nps = npsQuestion ? merged[npsQuestion.id] : undefined;
  const textsEnc = keys.sealTexts(responseId, texts);
  const status = completing || state.completed ? "completed" : "started";
  const firstAnswer = state.status !== "started" && state.status !== "completed";
  // One statement saves the response (created, or updated keeping staff-edited topics and an
  // earlier completion) and the invitation's status: one round trip instead of two ORM writes.
  // Answering implies the page was opened (a post does not go through resolveInvitation).
  const write = Prisma.sql`
    WITH saved AS (
      INSERT INTO survey_response AS r (tenant_id, id, invitation_id, survey_id, version, answers, texts_enc, nps, current_page, completed_at, topics, updated_at)
      VALUES (${tenantId}::uuid, ${responseId}::uuid, ${state.invitationId}::uuid, ${state.surveyId}::uuid, ${state.version}, ${JSON.stringify(plain)}::jsonb,
              ${textsEnc}, ${typeof nps === "number" ? nps : null}::int, ${currentPage}, ${completing ? now : null}::timestamptz, ${topics}::text[], ${now})
      ON CONFLICT (tenant_id, id) DO UPDATE SET
        version = EXCLUDED.version, answers = EXCLUDED.answers, texts_enc = EXCLUDED.texts_enc, nps = EXCLUDED.nps,
        current_page = EXCLUDED.current_page, completed_at = COALESCE(EXCLUDED.completed_at, r.completed_at),
        topics = CASE WHEN r.topics_edited THEN r.topics ELSE EXCLUDED.topics END, updated_at = EXCLUDED.updated_at
    )
    UPDATE survey_invitation SET
      status = ${status}::survey_invitation_status,
      started_at = CASE WHEN ${firstAnswer} THEN ${now} ELSE started_at END,
      opened_at = CASE WHEN ${state.status === "sent"} THEN ${now} ELSE opened_at END,
      completed_at = CASE WHEN ${completing} THEN ${now} ELSE completed_at END
     WHERE tenant_id = ${tenantId}::uuid AND id = ${state.invitationId}::uuid`;
  return { write, outcome: { kind: "saved", nextPage: input.advance ? next : input.pageIndex, completed: completing || state.completed } };
}

export type PreferenceChoice = "surveys" | "all";

/** Stops surveys (or every message) from this venue for the invitation's person. */
export async function recordOptOut(db: Database, link: string, choice: PreferenceChoice, source: string, now = new Date()): Promise<boolean> {
  const resolved = await resolveSurveyLink(db, link);
  if (!resolved) return false;
  const { tenantId } = resolved;
  return withTenant(db, tenantId, async (tx) => {
    const [invitation] = await tx.$queryRaw<{ id: string; spectatorId: string; status: string }[]>`
      SELECT i.id::text, i.spectator_id::text AS "spectatorId", i.status::text FROM survey_invitation i WHERE ${invitationMatches(resolved, "i")}`;
    if (!invitation) return false;
    const spectatorId = invitation.spectatorId;
    const lists = choice === "all" ? ["opted_out", "all_messages"] : ["opted_out"];
    for (const list of lists) {
      await tx.surveyExclusion.upsert({
        where: { tenantId_spectatorId_list: { tenantId, spectatorId, list } },
        create: { tenantId, spectatorId, list, source, recordedAt: now },
        update: { source, recordedAt: now },
      });
    }
    // "Every message" also takes the person out of the venue's social-network audiences.
    const channels = choice === "all" ? (["survey", "email", "sms", "social_ads"] as const) : (["survey"] as const);
    for (const channel of channels) {
      await tx.consent.upsert({
        where: { tenantId_spectatorId_channel: { tenantId, spectatorId, channel } },
        create: { tenantId, spectatorId, channel, status: "withdrawn", source, recordedAt: now },
        update: { status: "withdrawn", source, recordedAt: now },
      });
    }
    if (invitation.status === "sent" || invitation.status === "opened")
      await tx.surveyInvitation.update({ where: { tenantId_id: { tenantId, id: invitation.id } }, data: { status: "unsubscribed", unsubscribedAt: now } });
    // Pending invitations of other surveys for this person are cancelled too.
    await tx.surveyInvitation.updateMany({ where: { tenantId, spectatorId, status: "scheduled" }, data: { status: "cancelled" } });
    return true;
  });
}
