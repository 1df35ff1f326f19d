// The spectators' pages' words, in the invitation's language (never the visitor's cookie or a
// staff session): next-intl's plain translator over the app's catalogue, built once per language.
import { createTranslator } from "next-intl";
import type { TLocale, TQuestion } from "@rappel/survey";
import { messagesFor } from "@/i18n/messages";
import type { QuestionLabels } from "./question-field";

const build = (locale: TLocale) => createTranslator({ locale, messages: messagesFor(locale), namespace: "satisfaction.public", timeZone: "Europe/Paris" });
export type PublicText = ReturnType<typeof build>;

const translators = new Map<TLocale, PublicText>();

export function publicText(locale: TLocale): PublicText {
  let found = translators.get(locale);
  if (!found) {
    found = build(locale);
    translators.set(locale, found);
  }
  return found;
}

export type FieldError = "required" | "invalid" | "too_long";

export function labelsFor(locale: TLocale, question: TQuestion, error?: FieldError): QuestionLabels {
  const t = publicText(locale);
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
