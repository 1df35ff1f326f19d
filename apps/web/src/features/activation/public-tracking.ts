// The public tracking endpoints (no sign-in): open pixel, signed click redirect, one-click
// unsubscribe (RFC 8058). Route files under app/m/ re-export these handlers.
import { loadEnv } from "@rappel/config";
import { InvalidTrackingTokenError } from "@rappel/campaigns";
import { masterKeyFromEnv } from "@rappel/personal-data";
import { getDb } from "@/server/db";
import { readToken, recordClick, recordOpen, unsubscribe } from "./lib/tracking";

type Ctx = { params: Promise<{ token: string }> };

const PIXEL = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");
const master = () => masterKeyFromEnv(loadEnv());
const noStore = { "Cache-Control": "no-store, max-age=0", "Referrer-Policy": "no-referrer" };

function clientIp(request: Request): string | null {
  return request.headers.get("x-forwarded-for")?.split(",").pop()?.trim() ?? null;
}

export async function openPixel(request: Request, { params }: Ctx): Promise<Response> {
  try {
    const claims = readToken(master(), (await params).token, "open");
    await recordOpen(getDb(), claims, request.headers.get("user-agent"), clientIp(request));
  } catch (error) {
    if (!(error instanceof InvalidTrackingTokenError)) console.error(JSON.stringify({ level: "error", event: "tracking.open", message: String(error) }));
  }
  // Always the pixel: a mail client shows nothing broken, a prober learns nothing.
  return new Response(PIXEL, { headers: { "Content-Type": "image/gif", ...noStore } });
}

export async function clickRedirect(_request: Request, { params }: Ctx): Promise<Response> {
  let claims;
  try {
    claims = readToken(master(), (await params).token, "click");
  } catch {
    return new Response("Lien invalide / Invalid link", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", ...noStore } });
  }
  await recordClick(getDb(), claims).catch((error: unknown) => console.error(JSON.stringify({ level: "error", event: "tracking.click", message: String(error) })));
  // The destination was signed with the token: never taken from the query string.
  return new Response(null, { status: 302, headers: { Location: claims.url!, ...noStore } });
}

const page = (title: string, body: string) =>
  `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title>` +
  `<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#0f172a}button{min-height:44px;padding:.5rem 1rem;font-size:1rem;background:#4338ca;color:#fff;border:0;border-radius:.375rem}button:focus-visible{outline:2px solid #4338ca;outline-offset:2px}</style></head><body>${body}</body></html>`;
const html = (content: string, status = 200) => new Response(content, { status, headers: { "Content-Type": "text/html; charset=utf-8", ...noStore } });

/** GET: a confirmation page (link scanners follow GETs; they must not unsubscribe anyone). */
export async function unsubscribePage(_request: Request, { params }: Ctx): Promise<Response> {
  const token = (await params).token;
  try {
    readToken(master(), token, "unsubscribe");
  } catch {
    return html(page("Lien invalide", "<h1>Ce lien n'est pas valide</h1><p lang=\"en\">This link is not valid.</p>"), 404);
  }
  return html(
    page(
      "Se désinscrire",
      `<h1>Se désinscrire</h1><p>Vous ne recevrez plus nos e-mails d'information.</p><p lang="en">You will no longer receive our newsletters.</p>` +
        `<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Confirmer la désinscription / Unsubscribe</button></form>`,
    ),
  );
}

/** POST: RFC 8058 one-click (from the mailbox provider) or the confirmation form. No login. */
export async function unsubscribeOneClick(_request: Request, { params }: Ctx): Promise<Response> {
  let claims;
  try {
    claims = readToken(master(), (await params).token, "unsubscribe");
  } catch {
    return html(page("Lien invalide", "<h1>Ce lien n'est pas valide</h1>"), 404);
  }
  await unsubscribe(getDb(), claims);
  return html(page("Désinscription confirmée", "<h1>C'est fait</h1><p>Vous êtes désinscrit·e. / You are unsubscribed.</p>"));
}
