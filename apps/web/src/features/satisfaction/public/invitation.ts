// The public side of an invitation: find it from the link's token (the token names its tenant,
// the lookup runs in that tenant's RLS scope by the token's hash), and save answers page by page.
// One response per invitation, editable until the survey closes.
import { withTenant, type Database, type Tx } from "@rappel/db";
import {
  allQuestions,
  joinTextAnswers,
  nextPageIndex,
  parseSurveyDefinition,
  hashToken,
  readTokenTenant,
  splitTextAnswers,
  tagVerbatim,
  type TAnswers,
  type TSurveyDefinition,
  type TLocale,
} from "@rappel/survey";
import { surveyKeysFor } from "../lib/survey-keys-cache";

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
    };

async function loadInvitation(tx: Tx, tenantId: string, token: string, now: Date): Promise<InvitationState & { responseId?: string }> {
  const invitation = await tx.surveyInvitation.findUnique({
    where: { tenantId_tokenHash: { tenantId, tokenHash: hashToken(token) } },
    include: { survey: true, response: true },
  });
  if (!invitation) return { kind: "unknown" };
  const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { name: true, status: true } });
  const language: TLocale = invitation.language === "en" ? "en" : "fr";
  const closed =
    tenant.status !== "active" ||
    invitation.status === "cancelled" ||
    invitation.survey.status === "closed" ||
    (invitation.survey.closesAt !== null && invitation.survey.closesAt <= now);
  if (closed) return { kind: "closed", tenantName: tenant.name, language };
  const version = invitation.response?.version ?? invitation.survey.currentVersion;
  const stored = await tx.surveyVersion.findUniqueOrThrow({
    where: { tenantId_surveyId_version: { tenantId, surveyId: invitation.surveyId, version } },
  });
  const performances = await tx.performance.findMany({
    where: { tenantId, id: { in: invitation.performanceIds } },
    select: { startsAt: true, show: { select: { title: true } }, venue: { select: { name: true } } },
    orderBy: { startsAt: "asc" },
  });
  let answers: TAnswers = {};
  if (invitation.response) {
    const keys = await surveyKeysFor(tx, tenantId);
    answers = joinTextAnswers(invitation.response.answers as TAnswers, keys.openTexts(invitation.response.id, invitation.response.textsEnc));
  }
  return {
    kind: "open",
    tenantId,
    tenantName: tenant.name,
    invitationId: invitation.id,
    language,
    status: invitation.status,
    definition: parseSurveyDefinition(stored.definition),
    version,
    answers,
    currentPage: invitation.response?.currentPage ?? 0,
    completed: invitation.response?.completedAt != null,
    performances: performances.map((p) => ({ showTitle: p.show.title, venueName: p.venue.name, startsAt: p.startsAt })),
    ...(invitation.response ? { responseId: invitation.response.id } : {}),
  };
}

/** Resolves a link; marks a sent invitation "opened" on its first view. */
export async function resolveInvitation(db: Database, token: string, now = new Date()): Promise<InvitationState> {
  const tenantId = readTokenTenant(token);
  if (!tenantId) return { kind: "unknown" };
  return withTenant(db, tenantId, async (tx) => {
    const state = await loadInvitation(tx, tenantId, token, now);
    if (state.kind === "open" && state.status === "sent") {
      await tx.surveyInvitation.update({
        where: { tenantId_id: { tenantId, id: state.invitationId } },
        data: { status: "opened", openedAt: now },
      });
    }
    return state;
  });
}

export type SaveOutcome =
  | { kind: "unknown" | "closed" }
  | { kind: "saved"; nextPage: number | null; completed: boolean };

/**
 * Merges `pageAnswers` (the answers of page `pageIndex`, already validated) into the response,
 * records progress, and completes the response after the last visible page.
 */
export async function saveAnswers(
  db: Database,
  token: string,
  input: { pageIndex: number; answers: TAnswers; advance: boolean; replaceQuestionIds: string[] },
  now = new Date(),
): Promise<SaveOutcome> {
  const tenantId = readTokenTenant(token);
  if (!tenantId) return { kind: "unknown" };
  return withTenant(db, tenantId, async (tx) => {
    const state = await loadInvitation(tx, tenantId, token, now);
    if (state.kind !== "open") return { kind: state.kind };
    // Answers of this page's questions are replaced (a question left empty is cleared).
    const merged: TAnswers = { ...state.answers };
    for (const id of input.replaceQuestionIds) delete merged[id];
    Object.assign(merged, input.answers);
    const next = nextPageIndex(state.definition, merged, input.pageIndex);
    const completing = input.advance && next === null;
    const currentPage = input.advance ? (next ?? input.pageIndex) : input.pageIndex;
    const { plain, texts } = splitTextAnswers(state.definition, merged);
    const keys = await surveyKeysFor(tx, tenantId);
    const responseId = state.responseId ?? crypto.randomUUID();
    const topics = [...new Set(Object.values(texts).flatMap((t) => tagVerbatim(t).topics))];
    const npsQuestion = allQuestions(state.definition).find((q) => q.type === "nps");
    const nps = npsQuestion ? merged[npsQuestion.id] : undefined;
    const data = {
      version: state.version,
      answers: plain as object,
      textsEnc: keys.sealTexts(responseId, texts),
      nps: typeof nps === "number" ? nps : null,
      currentPage,
      ...(completing ? { completedAt: now } : {}),
    };
    const existing = await tx.surveyResponse.findUnique({ where: { tenantId_invitationId: { tenantId, invitationId: state.invitationId } } });
    if (existing) {
      await tx.surveyResponse.update({
        where: { tenantId_id: { tenantId, id: existing.id } },
        // Staff-edited topics are kept; otherwise the tagger's follow the text.
        data: { ...data, ...(existing.topicsEdited ? {} : { topics }) },
      });
    } else {
      const invitation = await tx.surveyInvitation.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: state.invitationId } } });
      await tx.surveyResponse.create({
        data: { tenantId, id: responseId, invitationId: state.invitationId, surveyId: invitation.surveyId, topics, ...data },
      });
    }
    const status = completing || state.completed ? "completed" : "started";
    await tx.surveyInvitation.update({
      where: { tenantId_id: { tenantId, id: state.invitationId } },
      data: {
        status,
        ...(state.status !== "started" && state.status !== "completed" ? { startedAt: now } : {}),
        ...(completing ? { completedAt: now } : {}),
      },
    });
    return { kind: "saved", nextPage: input.advance ? next : input.pageIndex, completed: completing || state.completed };
  });
}

export type PreferenceChoice = "surveys" | "all";

/** Stops surveys (or every message) from this venue for the invitation's person. */
export async function recordOptOut(db: Database, token: string, choice: PreferenceChoice, source: string, now = new Date()): Promise<boolean> {
  const tenantId = readTokenTenant(token);
  if (!tenantId) return false;
  return withTenant(db, tenantId, async (tx) => {
    const invitation = await tx.surveyInvitation.findUnique({ where: { tenantId_tokenHash: { tenantId, tokenHash: hashToken(token) } } });
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
    const channels = choice === "all" ? (["survey", "email", "sms"] as const) : (["survey"] as const);
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
