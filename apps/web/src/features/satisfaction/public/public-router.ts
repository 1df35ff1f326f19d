// Which handler answers a spectator's address under /s/<link>/…: the whole public survey surface,
// served by the app's own HTTP server without the Next.js request pipeline (decision 0018). The
// handlers take a web Request and the link, and return a web Response.
import { getAnswerPage, getOpenPixel, getPreferencesPage, getThanksPage, statusPage } from "./page-routes";
import { getUnsubscribe, postAnswer, postOneClickUnsubscribe, postPreferences } from "./handlers";

export const PUBLIC_SURVEY_PREFIX = "/s/";

type Handler = (request: Request, link: string) => Promise<Response>;
type Methods = Partial<Record<"GET" | "POST", Handler>>;

// Keyed by what follows the link ("" for the answer page itself).
const ROUTES = new Map<string, Methods>([
  ["", { GET: getAnswerPage }],
  ["answer", { POST: postAnswer }],
  ["thanks", { GET: getThanksPage }],
  ["preferences", { GET: getPreferencesPage }],
  ["preferences/save", { POST: postPreferences }],
  // RFC 8058: mail clients POST the one-click unsubscribe; a person following the link GETs it.
  ["unsubscribe", { GET: getUnsubscribe, POST: postOneClickUnsubscribe }],
  ["o.gif", { GET: getOpenPixel }],
]);

function decodeLink(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** Answers a request whose path starts with /s/. Unknown paths get the "unknown link" page (404). */
export async function servePublicSurvey(request: Request): Promise<Response> {
  const path = new URL(request.url).pathname.slice(PUBLIC_SURVEY_PREFIX.length);
  const slash = path.indexOf("/");
  const link = decodeLink(slash < 0 ? path : path.slice(0, slash));
  const methods = ROUTES.get(slash < 0 ? "" : path.slice(slash + 1));
  if (!link || !methods) return statusPage("unknown");
  // HEAD is a GET whose body the HTTP server drops (what Next did for route handlers).
  const handler = methods[request.method === "HEAD" ? "GET" : (request.method as "GET" | "POST")];
  if (!handler) return new Response(null, { status: 405, headers: { Allow: Object.keys(methods).join(", "), "Cache-Control": "no-store" } });
  return handler(request, link);
}
