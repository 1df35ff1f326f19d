/** Request header carrying the requested page (set by proxy.ts, read by the guard). */
export const REQUEST_PATH_HEADER = "x-rappel-path";

/**
 * The spectators' survey pages (/s/…): no staff session to read and no client component needing
 * the UI catalogue, so the layout and next-intl skip both (the catalogue alone made each page
 * ~95 KB of HTML to render and gzip). Decided from the header proxy.ts always overwrites.
 */
export function isPublicSurveyPath(path: string | null | undefined): boolean {
  return !!path && path.startsWith("/s/");
}
