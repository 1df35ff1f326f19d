/** Request header carrying the requested page (set by proxy.ts, read by the guard). */
export const REQUEST_PATH_HEADER = "x-rappel-path";

