// next-auth's endpoints (sign-in callback, sign-out, session, CSRF). Public by nature: this is
// where a session is established; it reads options lazily so `next build` needs no secrets.
import NextAuth from "next-auth";
import { getAuthOptions } from "@/server/auth-options";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

function handler(request: Request, context: RouteContext): Promise<Response> {
  return (NextAuth as unknown as (req: Request, ctx: RouteContext, options: ReturnType<typeof getAuthOptions>) => Promise<Response>)(
    request,
    context,
    getAuthOptions(),
  );
}

export { handler as GET, handler as POST };
