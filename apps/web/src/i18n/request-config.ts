// next-intl's per-request configuration (no locale in URLs), as a plain function so a test can
// call it (next-intl's getRequestConfig wrapper refuses to run outside Next's server build).
import { cookies } from "next/headers";
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
  // The session is only read when no cookie decides (it is a JWT check, no database query).
  // (Spectators' survey pages do not come here: they are route handlers with their own translator.)
  const userLocale = ZLocale.safeParse(cookieLocale).success ? undefined : (await getSessionClaims())?.locale;
  const locale = resolveLocale(cookieLocale, userLocale);
  return { locale, messages: messagesFor(locale), timeZone: "Europe/Paris" };
}
