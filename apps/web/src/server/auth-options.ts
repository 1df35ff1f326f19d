// next-auth (v4) configuration: the Credentials provider calls @rappel/auth's authenticateStaff;
// sessions are JWTs carrying only the user id, the locale and whether a second factor was
// checked. Everything else (roles, memberships, disabled accounts) is read from the database
// on each request by the guard.
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { loadEnv, requireEnv } from "@rappel/config";
import { authenticateStaff, SignInError, SignInThrottle, type SignInLogEvent } from "@rappel/auth";
import { masterKeyFromEnv } from "@rappel/personal-data";
import { getDb } from "./db";
import { getRedis } from "./redis";
import { clientIp } from "./client-ip";

const SESSION_HOURS = 12;

let cached: AuthOptions | undefined;
let throttle: SignInThrottle | undefined;

function logSignIn(event: SignInLogEvent): void {
  // Only the event, reason, a hashed account reference and the IP: never credentials.
  console.info(JSON.stringify({ level: "info", ...event }));
}

export function getAuthOptions(): AuthOptions {
  if (cached) return cached;
  const env = loadEnv();
  const masterKey = masterKeyFromEnv(env);
  cached = {
    secret: requireEnv(env, "AUTH_SECRET"),
    session: { strategy: "jwt", maxAge: SESSION_HOURS * 3600 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Rappel",
        credentials: {
          email: { label: "E-mail", type: "email" },
          password: { label: "Password", type: "password" },
          code: { label: "Code", type: "text" },
        },
        async authorize(credentials, req) {
          throttle ??= new SignInThrottle({ redis: getRedis() });
          try {
            const identity = await authenticateStaff(
              { db: getDb(), masterKey, throttle, log: logSignIn },
              {
                email: credentials?.email ?? "",
                password: credentials?.password ?? "",
                code: credentials?.code ?? "",
                ip: clientIp(req?.headers),
              },
            );
            return {
              id: identity.id,
              email: identity.email,
              name: identity.name,
              locale: identity.locale,
              secondFactor: identity.secondFactor,
            };
          } catch (error) {
            // Expected refusals travel to the sign-in page as a code it translates.
            if (error instanceof SignInError) throw new Error(error.toCode());
            console.error(JSON.stringify({ level: "error", event: "sign_in.error", message: (error as Error).message }));
            throw new Error("unavailable");
          }
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.secondFactor = user.secondFactor === true;
          token.locale = user.locale;
        }
        return token;
      },
      session({ session, token }) {
        session.user = { id: token.uid, name: token.name ?? "", email: token.email ?? "", locale: token.locale };
        session.secondFactor = token.secondFactor === true;
        return session;
      },
    },
    logger: {
      // next-auth's default logger prints request metadata; keep codes and messages only.
      error(code, metadata) {
        const message = metadata instanceof Error ? metadata.message : "";
        console.error(JSON.stringify({ level: "error", event: "next_auth.error", code, message }));
      },
      warn(code) {
        console.warn(JSON.stringify({ level: "warn", event: "next_auth.warn", code }));
      },
      debug() {},
    },
  };
  return cached;
}
