// POST handlers of the public survey pages (plain form posts, answered with 303 redirects so the
// browser's back button and reload behave; no JavaScript needed).
import { parsePageForm, visibleQuestions, previousPageIndex, type TAnswers } from "@rappel/survey";
import { clientIp } from "@/server/client-ip";
import { getDb, getTenantBatch } from "@/server/db";
import { seeOther } from "./html-response";
import { recordOptOut, saveAnswers, type OpenInvitation, type SaveInput } from "./invitation";
import { allowSurveyRequest } from "./rate-limit";

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

/** What a posted page saves, and where the browser goes once it is saved. */
interface PagePlan {
  input: SaveInput;
  location: (nextPage: number | null) => string;
}

function planPageSave(token: string, state: OpenInvitation, form: FormData): PagePlan | null {
  const pageIndex = Number(form.get("page"));
  const page = Number.isInteger(pageIndex) ? state.definition.pages[pageIndex] : undefined;
  if (!page) return null;
  const ids = page.questions.map((q) => q.id);
  const earlier: TAnswers = Object.fromEntries(Object.entries(state.answers).filter(([id]) => !ids.includes(id)));
  const { answers, errors } = parsePageForm(page, form, earlier);
  const keep = { pageIndex, answers, advance: false, replaceQuestionIds: ids };

  if (form.get("nav") === "back") {
    // Going back keeps what was typed on this page (without insisting on required answers).
    const previous = previousPageIndex(state.definition, { ...earlier, ...answers }, pageIndex);
    return { input: keep, location: () => `/s/${token}?p=${previous ?? 0}` };
  }
  const errorList = Object.entries(errors);
  if (errorList.length) {
    return { input: keep, location: () => `/s/${token}?p=${pageIndex}&e=${errorList.map(([id, code]) => `${id}:${code}`).join(",")}` };
  }
  // Without JavaScript a follow-up question ("what disappointed you?") cannot appear as the
  // spectator answers: when this page's answers reveal a question that was not on screen, the
  // same page is shown again with it.
  const shown = String(form.get("shown") ?? "").split(",");
  const revealed = visibleQuestions(page, { ...earlier, ...answers }).some((q) => !shown.includes(q.id));
  return {
    input: { ...keep, advance: !revealed },
    location: (nextPage) =>
      revealed ? `/s/${token}?p=${pageIndex}` : nextPage === null ? `/s/${token}/thanks` : `/s/${token}?p=${nextPage}`,
  };
}

export async function postAnswer(request: Request, token: string): Promise<Response> {
  if (await limited(request, token)) return tooMany();
  const form = await request.formData();
  // One transaction reads the invitation and saves the page from what it read.
  let plan = null as PagePlan | null;
  const outcome = await saveAnswers(
    getDb(),
    token,
    (state) => {
      plan = planPageSave(token, state, form);
      return plan?.input ?? null;
    },
    new Date(),
    getTenantBatch(),
  );
  if (outcome.kind !== "saved" || !plan) return seeOther(`/s/${token}`);
  return seeOther(plan.location(outcome.nextPage));
}

export async function postPreferences(request: Request, token: string): Promise<Response> {
  if (await limited(request, token)) return tooMany();
  const form = await request.formData();
  const choice = form.get("choice") === "all" ? "all" : "surveys";
  const ok = await recordOptOut(getDb(), token, choice, "survey:preferences");
  return seeOther(ok ? `/s/${token}/preferences?done=${choice}` : `/s/${token}/preferences`);
}

/** RFC 8058 one-click unsubscribe: mail clients POST "List-Unsubscribe=One-Click" here. */
export async function postOneClickUnsubscribe(request: Request, token: string): Promise<Response> {
  if (await limited(request, token)) return tooMany();
  const ok = await recordOptOut(getDb(), token, "surveys", "survey:list-unsubscribe");
  return new Response(ok ? "OK" : "Unknown link", { status: ok ? 200 : 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

export async function getUnsubscribe(_request: Request, token: string): Promise<Response> {
  return seeOther(`/s/${token}/preferences`);
}
