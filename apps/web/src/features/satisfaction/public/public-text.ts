// The spectators' pages' words, in the invitation's language (never the visitor's cookie or a
// staff session): next-intl's plain translator over the app's catalogue, built once per language.
// Server side only (it loads the whole catalogue); the wording itself is in public-words.ts.
import type { TLocale } from "@rappel/survey/schema";
import { messagesFor } from "@/i18n/messages";
import { publicTranslator, type PublicText } from "./public-words";

export { formatPerformanceDate, type FieldError, type PublicText } from "./public-words";

const translators = new Map<TLocale, PublicText>();

export function publicText(locale: TLocale): PublicText {
  let found = translators.get(locale);
  if (!found) {
    found = publicTranslator(locale, messagesFor(locale).satisfaction.public);
    translators.set(locale, found);
  }
  return found;
}
