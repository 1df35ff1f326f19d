// Tells server components which page was asked for (pathname + query), so a signed-out visitor
// is sent back to exactly that page after signing in. Authorisation is not decided here: every
// page checks the session and its permission itself.
import { NextResponse, type NextRequest } from "next/server";
import { REQUEST_PATH_HEADER } from "./server/request-path";

export function proxy(request: NextRequest): NextResponse {
  const headers = new Headers(request.headers);
  // Always overwritten: a client cannot choose the value.
  headers.set(REQUEST_PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // /m/… (tracking, unsubscribe) are public endpoints: nothing to tell them, and no middleware hop
  // on their hot path. (/s/… never reaches Next: server.ts answers it.)
  matcher: ["/((?!api/|_next/|m/|favicon.ico).*)"],
};
