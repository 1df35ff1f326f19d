/** @jsxImportSource preact */
// Turns a public survey page (Preact elements) into the HTTP response: a complete HTML document
// with the inlined stylesheet, in the spectator's language, never cached, never indexed, no
// referrer leaking the link. The content security policy allows nothing but this page's own
// styles, forms posted to this site and images from it: even a text that escaped escaping could
// not run a script.
import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import type { TLocale } from "@rappel/survey";
import { publicStylesheet } from "./public-styles";

const HEADERS = {
  "Content-Type": "text/html; charset=utf-8",
  "Cache-Control": "no-store",
  "Referrer-Policy": "no-referrer",
  "X-Robots-Tag": "noindex, nofollow",
  "X-Content-Type-Options": "nosniff",
  "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
};

export interface PublicDocument {
  locale: TLocale;
  title: string;
  colour: string;
  body: VNode;
  status?: number;
}

export function renderPublicDocument(doc: PublicDocument): string {
  const css = publicStylesheet(doc.colour);
  return `<!DOCTYPE html>${renderToString(
    <html lang={doc.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <meta name="referrer" content="no-referrer" />
        <title>{doc.title}</title>
        <style dangerouslySetInnerHTML={{ __html: css }} />
      </head>
      <body>{doc.body}</body>
    </html>,
  )}`;
}

export function htmlResponse(doc: PublicDocument): Response {
  return new Response(renderPublicDocument(doc), { status: doc.status ?? 200, headers: HEADERS });
}

/** A 303 to a path of this site (relative Location: right behind any reverse proxy). */
export function seeOther(path: string): Response {
  return new Response(null, { status: 303, headers: { Location: path, "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" } });
}
