// next-intl's per-request configuration (no locale in URLs).
import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { getSessionClaims } from "@/server/session";
import { LOCALE_COOKIE, resolveLocale, ZLocale } from "./locales";
import { messagesFor } from "./messages";

export default getRequestConfig(async () => {
  const cookieLocale = (await cookies()).get(LOCALE_COOKIE)?.value;
  // The session is only read when no cookie decides (it is a JWT check, no database query).
  const userLocale = ZLocale.safeParse(cookieLocale).success ? undefined : (await getSessionClaims())?.locale;
  const locale = resolveLocale(cookieLocale, userLocale);
  return { locale, messages: messagesFor(locale), timeZone: "Europe/Paris" };
});
