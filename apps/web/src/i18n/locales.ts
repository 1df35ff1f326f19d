// Supported languages: French first (venues are French), English available. The choice is kept
// in a cookie; without one, the signed-in user's saved locale; else French.
import { z } from "zod";

export const LOCALES = ["fr", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "fr";
export const LOCALE_COOKIE = "rappel_locale";
export const ZLocale = z.enum(LOCALES);

export function resolveLocale(cookieValue: string | undefined, userLocale: string | undefined): Locale {
  const fromCookie = ZLocale.safeParse(cookieValue);
  if (fromCookie.success) return fromCookie.data;
  const fromUser = ZLocale.safeParse(userLocale);
  return fromUser.success ? fromUser.data : DEFAULT_LOCALE;
}
