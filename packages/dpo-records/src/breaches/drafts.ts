// Notification drafts generated from the breach record: to each affected client (the vendor as
// processor, Art. 33(2)) in the client's language (the tenant's default locale: French or
// English), and to the CNIL (the vendor as controller, Art. 33(3) contents), always in French.
// The vendor's identity comes from the DPO's vendor profile. The DPO edits and sends them.
import { vendorIdentity, type TVendorProfile } from "../vendor/vendor-profile";
import type { TBreach, TTenantNotification } from "./schemas";

export type DraftLocale = "fr" | "en";

export interface Draft {
  locale: DraftLocale;
  subject: string;
  body: string;
}

/** The tenant's default locale as a draft language (anything but English gets French). */
export const draftLocaleOf = (locale: string | null | undefined): DraftLocale => (locale?.toLowerCase().startsWith("en") ? "en" : "fr");

const WORDS = {
  fr: {
    natures: {
      confidentiality: "atteinte à la confidentialité (accès ou divulgation non autorisés)",
      integrity: "atteinte à l'intégrité (modification non autorisée)",
      availability: "atteinte à la disponibilité (perte ou destruction)",
    } as Record<string, string>,
    pending: "en cours d'évaluation",
    count: (n: string, what: string) => `environ ${n} ${what}`,
    countPending: (what: string) => `nombre de ${what} en cours d'évaluation`,
    persons: "personnes",
    awareAt: "Date et heure de la prise de connaissance",
    occurredAt: "Date de survenance estimée",
    nature: "Nature de la violation",
    description: "Description",
  },
  en: {
    natures: {
      confidentiality: "confidentiality breach (unauthorised access or disclosure)",
      integrity: "integrity breach (unauthorised alteration)",
      availability: "availability breach (loss or destruction)",
    } as Record<string, string>,
    pending: "being assessed",
    count: (n: string, what: string) => `about ${n} ${what}`,
    countPending: (what: string) => `number of ${what} being assessed`,
    persons: "people",
    awareAt: "Date and time we became aware of it",
    occurredAt: "Estimated date it occurred",
    nature: "Nature of the breach",
    description: "Description",
  },
};

const INTL: Record<DraftLocale, string> = { fr: "fr-FR", en: "en-GB" };

function helpers(locale: DraftLocale) {
  const w = WORDS[locale];
  const when = (iso: string) =>
    new Intl.DateTimeFormat(INTL[locale], { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Paris" }).format(new Date(iso)) +
    (locale === "en" ? " (Paris time)" : "");
  const count = (n: number | null, what: string) => (n === null ? w.countPending(what) : w.count(n.toLocaleString(INTL[locale]), what));
  const orPending = (s: string) => s.trim() || w.pending;
  const list = (items: readonly string[]) => items.join(", ") || w.pending;
  const facts = (breach: TBreach) => [
    `${w.awareAt} : ${when(breach.awareAt)}`,
    ...(breach.occurredAt ? [`${w.occurredAt} : ${when(breach.occurredAt)}`] : []),
    `${w.nature} : ${breach.natures.map((n) => w.natures[n] ?? n).join(" ; ")}`,
    `${w.description} : ${orPending(breach.description)}`,
  ].map((line) => (locale === "en" ? line.replace(" : ", ": ") : line));
  return { w, count, orPending, list, facts };
}

export function draftClientNotification(breach: TBreach, tenant: TTenantNotification, vendor: TVendorProfile, locale: DraftLocale = "fr"): Draft {
  const { w, count, orPending, list, facts } = helpers(locale);
  const records = tenant.records.toLocaleString(INTL[locale]);
  if (locale === "en") {
    const body = [
      "Dear Sir or Madam,",
      "",
      `As your processor, we are informing you without undue delay of a personal data breach affecting data we process on behalf of ${tenant.tenantName}.`,
      "",
      ...facts(breach),
      `Data concerned: ${list(breach.dataCategories)}`,
      `People concerned: ${list(breach.dataSubjectCategories)} — ${count(breach.approxPersons, w.persons)}`,
      `Records concerned for your organisation: about ${records}`,
      `Likely consequences: ${orPending(breach.consequences)}`,
      `Measures taken: ${orPending(breach.measuresTaken)}`,
      `Measures planned: ${orPending(breach.measuresPlanned)}`,
      "",
      "As the controller, it is for you to assess whether the CNIL must be notified within 72 hours of becoming aware of the breach and whether the people concerned must be informed. We will send you further information as soon as it is available.",
      "",
      `Contact: ${vendor.dpoContact}`,
      vendorIdentity(vendor),
    ].join("\n");
    return { locale, subject: `[Data breach] ${breach.title} — information for ${tenant.tenantName}`, body };
  }
  const body = [
    "Madame, Monsieur,",
    "",
    `En notre qualité de sous-traitant, nous vous informons sans délai d'une violation de données à caractère personnel concernant des données que nous traitons pour le compte de ${tenant.tenantName}.`,
    "",
    ...facts(breach),
    `Données concernées : ${list(breach.dataCategories)}`,
    `Personnes concernées : ${list(breach.dataSubjectCategories)} — ${count(breach.approxPersons, w.persons)}`,
    `Enregistrements concernés pour votre structure : environ ${records}`,
    `Conséquences probables : ${orPending(breach.consequences)}`,
    `Mesures prises : ${orPending(breach.measuresTaken)}`,
    `Mesures envisagées : ${orPending(breach.measuresPlanned)}`,
    "",
    "En tant que responsable de traitement, il vous appartient d'apprécier la nécessité de notifier la CNIL dans les 72 heures suivant la prise de connaissance et d'informer les personnes concernées. Nous vous transmettrons les informations complémentaires dès qu'elles seront disponibles.",
    "",
    `Contact : ${vendor.dpoContact}`,
    vendorIdentity(vendor),
  ].join("\n");
  return { locale, subject: `[Violation de données] ${breach.title} — information de ${tenant.tenantName}`, body };
}

/** To the French authority: always in French. */
export function draftCnilNotification(breach: TBreach, vendor: TVendorProfile): Draft {
  const { count, orPending, list, facts } = helpers("fr");
  const phase = breach.cnilNotifications.length === 0 ? "initiale" : "complémentaire";
  const body = [
    `Notification ${phase} de violation de données à caractère personnel (article 33 du RGPD)`,
    `Responsable de traitement : ${vendorIdentity(vendor)}`,
    ...(vendor.representative ? [`Représentant légal : ${vendor.representative}`] : []),
    `Délégué à la protection des données : ${vendor.dpoContact}`,
    `Traitements concernés : ${breach.controllerActivities.join(", ")}`,
    "",
    ...facts(breach),
    `Catégories de personnes concernées : ${list(breach.dataSubjectCategories)} (${count(breach.approxPersons, "personnes")})`,
    `Catégories de données : ${list(breach.dataCategories)} (${count(breach.approxRecords, "enregistrements")})`,
    `Conséquences probables : ${orPending(breach.consequences)}`,
    `Mesures prises ou envisagées : ${orPending([breach.measuresTaken, breach.measuresPlanned].filter(Boolean).join(" ; "))}`,
    `Information des personnes : ${breach.subjectsDecision === "notify" ? "oui" : breach.subjectsDecision === "not_notify" ? `non — ${breach.subjectsDecisionReason}` : "décision en cours"}`,
    ...(breach.lateReason ? ["", `Motifs du retard (article 33.1) : ${breach.lateReason}`] : []),
    ...(phase === "initiale" ? ["", "Les informations non encore disponibles seront communiquées de manière échelonnée (article 33.4)."] : []),
  ].join("\n");
  return { locale: "fr", subject: `Notification ${phase} — ${breach.title}`, body };
}
