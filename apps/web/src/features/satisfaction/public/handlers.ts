// Route handlers of the public survey pages (plain form posts, answered with 303 redirects so the
// browser's back button and reload behave; no JavaScript needed).
import { parsePageForm, visibleQuestions, previousPageIndex, type TAnswers } from "@rappel/survey";
import { clientIp } from "@/server/client-ip";
import { getDb } from "@/server/db";
import { recordOptOut, resolveInvitation, saveAnswers } from "./invitation";
import { allowSurveyRequest } from "./rate-limit";

type TokenContext = { params: Promise<{ token: string }> };

// A relative Location (RFC 7231) stays right behind any reverse proxy.
function seeOther(_request: Request, path: string): Response {
  return new Response(null, { status: 303, headers: { Location: path } });
}

async function limited(request: Request, token: string): Promise<boolean> {
  const ip = clientIp(request.headers);
  return !(await allowSurveyRequest([
    { scope: "token-write", key: token },
    { scope: "ip-write", key: ip },
  ]));
}

const tooMany = () =>
  new Response("Trop de tentatives : réessayez dans quelques minutes. / Too many attempts: try again in a few minutes.", {
    status: 429,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "600" },
  });

export async function postAnswer(request: Request, { params }: TokenContext): Promise<Response> {
  const { token } = await params;
  if (await limited(request, token)) return tooMany();
  const db = getDb();
  const state = await resolveInvitation(db, token);
  if (state.kind !== "open") return seeOther(request, `/s/${token}`);
  const form = await request.formData();
  const pageIndex = Number(form.get("page"));
  const page = Number.isInteger(pageIndex) ? state.definition.pages[pageIndex] : undefined;
  if (!page) return seeOther(request, `/s/${token}`);
  const ids = page.questions.map((q) => q.id);
  const earlier: TAnswers = Object.fromEntries(Object.entries(state.answers).filter(([id]) => !ids.includes(id)));
  const { answers, errors } = parsePageForm(page, form, earlier);

  if (form.get("nav") === "back") {
    // Going back keeps what was typed on this page (without insisting on required answers).
    await saveAnswers(db, token, { pageIndex, answers, advance: false, replaceQuestionIds: ids });
    const previous = previousPageIndex(state.definition, { ...earlier, ...answers }, pageIndex);
    return seeOther(request, `/s/${token}?p=${previous ?? 0}`);
  }
  const errorList = Object.entries(errors);
  if (errorList.length) {
    await saveAnswers(db, token, { pageIndex, answers, advance: false, replaceQuestionIds: ids });
    return seeOther(request, `/s/${token}?p=${pageIndex}&e=${errorList.map(([id, code]) => `${id}:${code}`).join(",")}`);
  }
  // Without JavaScript a follow-up question ("what disappointed you?") cannot appear as the
  // spectator answers: when this page's answers reveal a question that was not on screen, the
  // same page is shown again with it.
  const shown = String(form.get("shown") ?? "").split(",");
  const revealed = visibleQuestions(page, { ...earlier, ...answers }).some((q) => !shown.includes(q.id));
  const outcome = await saveAnswers(db, token, { pageIndex, answers, advance: !revealed, replaceQuestionIds: ids });
  if (outcome.kind !== "saved") return seeOther(request, `/s/${token}`);
  if (revealed) return seeOther(request, `/s/${token}?p=${pageIndex}`);
  if (outcome.nextPage === null) return seeOther(request, `/s/${token}/thanks`);
  return seeOther(request, `/s/${token}?p=${outcome.nextPage}`);
}

export async function postPreferences(request: Request, { params }: TokenContext): Promise<Response> {
  const { token } = await params;
  if (await limited(request, token)) return tooMany();
  const form = await request.formData();
  const choice = form.get("choice") === "all" ? "all" : "surveys";
  const ok = await recordOptOut(getDb(), token, choice, "survey:preferences");
  return seeOther(request, ok ? `/s/${token}/preferences?done=${choice}` : `/s/${token}/preferences`);
}

/** RFC 8058 one-click unsubscribe: mail clients POST "List-Unsubscribe=One-Click" here. */
export async function postOneClickUnsubscribe(request: Request, { params }: TokenContext): Promise<Response> {
  const { token } = await params;
  if (await limited(request, token)) return tooMany();
  const ok = await recordOptOut(getDb(), token, "surveys", "survey:list-unsubscribe");
  return new Response(ok ? "OK" : "Unknown link", { status: ok ? 200 : 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

export async function getUnsubscribe(request: Request, { params }: TokenContext): Promise<Response> {
  const { token } = await params;
  return seeOther(request, `/s/${token}/preferences`);
}
