// next-intl's per-request configuration (no locale in URLs), as a plain function so a test can
// call it (next-intl's getRequestConfig wrapper refuses to run outside Next's server build).
import { cookies, headers } from "next/headers";
import { isPublicSurveyPath, REQUEST_PATH_HEADER } from "@/server/request-path";
import { getSessionClaims } from "@/server/session";
import { LOCALE_COOKIE, resolveLocale, ZLocale } from "./locales";
import { messagesFor } from "./messages";

export async function loadRequestConfig({ locale: asked }: { locale?: string }) {
  // getTranslations({ locale }) asks for a given language (a spectator's page in the invitation's
  // language, whatever the visitor's cookie): that wins. Without this the English survey pages
  // showed French buttons and progress text.
  const explicit = ZLocale.safeParse(asked);
  if (explicit.success) return { locale: explicit.data, messages: messagesFor(explicit.data), timeZone: "Europe/Paris" };
  const cookieLocale = (await cookies()).get(LOCALE_COOKIE)?.value;
  // The session is only read when no cookie decides (it is a JWT check, no database query), and
  // never for spectators' survey pages (no staff session there; their language is the invitation's).
  const skipSession = ZLocale.safeParse(cookieLocale).success || isPublicSurveyPath((await headers()).get(REQUEST_PATH_HEADER));
  const userLocale = skipSession ? undefined : (await getSessionClaims())?.locale;
  const locale = resolveLocale(cookieLocale, userLocale);
  return { locale, messages: messagesFor(locale), timeZone: "Europe/Paris" };
}
