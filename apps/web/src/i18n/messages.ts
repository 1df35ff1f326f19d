// The catalogue of UI messages per locale: the core file (shell, sign-in, Ignition, settings) plus
// one file per product area under messages/<locale>/, so each area's wording changes on its own.
// (`privacy` = the DPO's data operations, `dpo` = its registers and records.) Each area file holds one top-level namespace named after the area.
import coreEn from "../../messages/en.json";
import coreFr from "../../messages/fr.json";
import dpoEn from "../../messages/en/dpo.json";
import dpoFr from "../../messages/fr/dpo.json";
import activationEn from "../../messages/en/activation.json";
import activationFr from "../../messages/fr/activation.json";
import privacyEn from "../../messages/en/privacy.json";
import privacyFr from "../../messages/fr/privacy.json";
import satisfactionEn from "../../messages/en/satisfaction.json";
import satisfactionFr from "../../messages/fr/satisfaction.json";
import type { Locale } from "./locales";

export const MESSAGES = {
  fr: { ...coreFr, ...satisfactionFr, ...activationFr, ...privacyFr, ...dpoFr },
  en: { ...coreEn, ...satisfactionEn, ...activationEn, ...privacyEn, ...dpoEn },
} satisfies Record<Locale, object>;

export function messagesFor(locale: Locale) {
  return MESSAGES[locale];
}
