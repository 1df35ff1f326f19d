/** @jsxImportSource preact */
// GET handlers of the spectators' pages, served outside Next.js altogether (public-router.ts):
// one rate-limit check (one Redis round trip), one database transaction, a Preact render to a
// string. This is what keeps the page fast under load (see docs/decisions/0011); the markup, the
// no-JavaScript flow and the languages are those of the former server components.
import { findQuestion, localise, visiblePageIndexes } from "@rappel/survey";
import { clientIp } from "@/server/client-ip";
import { getDb, getTenantBatch } from "@/server/db";
import { AnswerPage } from "./answer-page";
import { htmlResponse, seeOther } from "./html-response";
import { recordInvitationOpened, resolveInvitation, saveAnswers, type InvitationState, type OpenInvitation } from "./invitation";
import { findNextShows, type NextShow } from "./next-shows";
import { PreferencesPage } from "./preferences-page";
import { ThanksPage } from "./thanks-page";
import { NEUTRAL_COLOUR } from "./public-shell";
import { StatusMessage } from "./status-message";
import { publicText, type FieldError } from "./public-text";
import { allowSurveyRequest } from "./rate-limit";

const FIELD_ERRORS: readonly string[] = ["required", "invalid", "too_long"] satisfies FieldError[];

export function statusPage(kind: "unknown" | "closed" | "tooMany", state?: Extract<InvitationState, { kind: "closed" }>): Response {
  const locale = state?.language ?? "fr";
  return htmlResponse({
    locale,
    title: publicText(locale)(`${kind}Title`),
    colour: NEUTRAL_COLOUR,
    // 404 and 410 tell crawlers and mail scanners the link leads nowhere; the page says it plainly.
    status: kind === "unknown" ? 404 : kind === "closed" ? 410 : 429,
    body: <StatusMessage kind={kind} locale={locale} venue={state?.tenantName ?? ""} />,
  });
}

const readAllowed = (request: Request) => allowSurveyRequest([{ scope: "ip-read", key: clientIp(request.headers) }]);

function parseErrors(raw: string | null, state: Extract<InvitationState, { kind: "open" }>): Map<string, FieldError> {
  const errors = new Map<string, FieldError>();
  for (const pair of (raw ?? "").split(",")) {
    const [id, code] = pair.split(":");
    if (id && code && FIELD_ERRORS.includes(code) && findQuestion(state.definition, id)) errors.set(id, code as FieldError);
  }
  return errors;
}

export async function getAnswerPage(request: Request, link: string): Promise<Response> {
  if (!(await readAllowed(request))) return statusPage("tooMany");
  const query = new URL(request.url).searchParams;
  const db = getDb();

  // A score clicked in the e-mail: record it, then show the page without it in the URL (a reload
  // must not record it again, and the address bar should not carry an answer).
  const npsParam = query.get("nps");
  if (npsParam !== null) {
    if (/^(10|[0-9])$/.test(npsParam) && (await allowSurveyRequest([{ scope: "token-write", key: link }]))) {
      const chosen = (state: OpenInvitation) => {
        const nps = state.definition.pages[0]?.questions.find((q) => q.type === "nps");
        return nps ? { pageIndex: 0, answers: { [nps.id]: Number(npsParam) }, advance: false, replaceQuestionIds: [nps.id] } : null;
      };
      const outcome = await saveAnswers(db, link, chosen, new Date(), getTenantBatch());
      if (outcome.kind === "unknown") return statusPage("unknown");
    }
    return seeOther(`/s/${link}`);
  }

  const state = await resolveInvitation(db, link, new Date(), undefined, getTenantBatch());
  if (state.kind === "unknown") return statusPage("unknown");
  if (state.kind === "closed") return statusPage("closed", state);
  const asked = query.get("p");
  if (state.completed && asked === null) return seeOther(`/s/${link}/thanks`);

  const visible = visiblePageIndexes(state.definition, state.answers);
  const askedIndex = Number(asked ?? Number.NaN);
  const pageIndex =
    Number.isInteger(askedIndex) && visible.includes(askedIndex) && (askedIndex <= state.currentPage || state.completed)
      ? askedIndex
      : visible.includes(state.currentPage) ? state.currentPage : visible[0]!;
  return htmlResponse({
    locale: state.language,
    title: localise(state.definition.title, state.language),
    colour: state.definition.branding.colour,
    body: <AnswerPage link={link} state={state} pageIndex={pageIndex} visible={visible} errors={parseErrors(query.get("e"), state)} />,
  });
}

export async function getThanksPage(request: Request, link: string): Promise<Response> {
  if (!(await readAllowed(request))) return statusPage("tooMany");
  const now = new Date();
  const state = await resolveInvitation<NextShow[]>(getDb(), link, now, (tx, open) =>
    open.definition.thankYou.suggestNextShows ? findNextShows(tx, open.tenantId, open.performanceIds, now) : Promise.resolve([]),
  );
  if (state.kind === "unknown") return statusPage("unknown");
  if (state.kind === "closed") return statusPage("closed", state);
  const t = publicText(state.language);
  return htmlResponse({
    locale: state.language,
    title: t("thanksTitle"),
    colour: state.definition.branding.colour,
    body: <ThanksPage link={link} locale={state.language} venue={state.tenantName} nextShows={state.more ?? []} />,
  });
}

export async function getPreferencesPage(request: Request, link: string): Promise<Response> {
  if (!(await readAllowed(request))) return statusPage("tooMany");
  const asked = new URL(request.url).searchParams.get("done");
  const state = await resolveInvitation(getDb(), link, new Date(), undefined, getTenantBatch());
  if (state.kind === "unknown") return statusPage("unknown");
  // Preferences stay reachable after the survey closed: opting out must always be possible.
  const t = publicText(state.language);
  return htmlResponse({
    locale: state.language,
    title: t("preferencesTitle"),
    colour: NEUTRAL_COLOUR,
    body: (
      <PreferencesPage
        link={link}
        locale={state.language}
        venue={state.tenantName}
        done={asked === "surveys" || asked === "all" ? asked : null}
        surveyOpen={state.kind === "open"}
      />
    ),
  });
}

// A transparent 1×1 GIF.
const PIXEL = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");

/** The invitation e-mail's open pixel. Always the image: a mail client shows nothing broken, a prober learns nothing. */
export async function getOpenPixel(request: Request, link: string): Promise<Response> {
  try {
    if (await readAllowed(request)) await recordInvitationOpened(getDb(), link, new Date(), getTenantBatch());
  } catch (error) {
    console.error(JSON.stringify({ level: "error", event: "survey.open-pixel", message: String(error) }));
  }
  return new Response(PIXEL, { headers: { "Content-Type": "image/gif", "Cache-Control": "no-store, private", "Referrer-Policy": "no-referrer" } });
}
