// The spectators' pages' words from a given catalogue (only the `satisfaction.public` namespace),
// browser-safe: the route handlers build it from the app's catalogue (public-text.ts), the
// builder's live preview from the namespace the server page hands it, so both use one wording.
import { createTranslator } from "next-intl";
import type { TLocale, TQuestion } from "@rappel/survey/schema";
import type { messagesFor } from "@/i18n/messages";
import type { QuestionLabels } from "./question-field";

export type PublicMessages = ReturnType<typeof messagesFor>["satisfaction"]["public"];

export function publicTranslator(locale: TLocale, messages: PublicMessages) {
  return createTranslator({ locale, messages: { satisfaction: { public: messages } }, namespace: "satisfaction.public", timeZone: "Europe/Paris" });
}
export type PublicText = ReturnType<typeof publicTranslator>;

export type FieldError = "required" | "invalid" | "too_long";

export function labelsFor(t: PublicText, question: TQuestion, error?: FieldError): QuestionLabels {
  const max = question.type === "matrix" || question.type === "rating" ? question.scale : 10;
  return {
    required: t("required"), npsLow: t("npsLow"), npsHigh: t("npsHigh"), yes: t("yes"), no: t("no"), other: t("other"),
    otherLabel: t("otherLabel"), matrixScale: t("matrixScale", { max }),
    ...(error ? { error: t(`error_${error}`) } : {}),
  };
}

const DATE_FORMATS = new Map<TLocale, Intl.DateTimeFormat>();

/** "samedi 12 décembre 2026 à 20:30", Europe/Paris; one formatter per language (building one is costly). */
export function formatPerformanceDate(locale: TLocale, date: Date): string {
  let format = DATE_FORMATS.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "fr-FR", { dateStyle: "full", timeStyle: "short", timeZone: "Europe/Paris" });
    DATE_FORMATS.set(locale, format);
  }
  return format.format(date);
}
