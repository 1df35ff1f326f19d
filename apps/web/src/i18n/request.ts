// next-intl's per-request configuration (no locale in URLs).
import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { isPublicSurveyPath, REQUEST_PATH_HEADER } from "@/server/request-path";
import { getSessionClaims } from "@/server/session";
import { LOCALE_COOKIE, resolveLocale, ZLocale } from "./locales";
import { messagesFor } from "./messages";

export default getRequestConfig(async () => {
  const cookieLocale = (await cookies()).get(LOCALE_COOKIE)?.value;
  // The session is only read when no cookie decides (it is a JWT check, no database query), and
  // never for spectators' survey pages (no staff session there; their language is the invitation's).
  const skipSession = ZLocale.safeParse(cookieLocale).success || isPublicSurveyPath((await headers()).get(REQUEST_PATH_HEADER));
  const userLocale = skipSession ? undefined : (await getSessionClaims())?.locale;
  const locale = resolveLocale(cookieLocale, userLocale);
  return { locale, messages: messagesFor(locale), timeZone: "Europe/Paris" };
});
