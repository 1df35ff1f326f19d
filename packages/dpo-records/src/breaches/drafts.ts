// Notification drafts generated from the breach record: to each affected client (the vendor as
// processor, Art. 33(2)) and to the CNIL (the vendor as controller, Art. 33(3) contents). In
// French: the recipients are French clients and the French authority. The DPO edits and sends them.
import { DEFAULT_VENDOR, type VendorProfile } from "../registers/generate-processor-record";
import type { TBreach, TTenantNotification } from "./schemas";

const NATURES: Record<string, string> = {
  confidentiality: "atteinte à la confidentialité (accès ou divulgation non autorisés)",
  integrity: "atteinte à l'intégrité (modification non autorisée)",
  availability: "atteinte à la disponibilité (perte ou destruction)",
};

const paris = (iso: string) =>
  new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Paris" }).format(new Date(iso));
const count = (n: number | null, what: string) => (n === null ? `nombre de ${what} en cours d'évaluation` : `environ ${n.toLocaleString("fr-FR")} ${what}`);
const orPending = (s: string) => s.trim() || "en cours d'évaluation";

export interface Draft {
  subject: string;
  body: string;
}

function facts(breach: TBreach): string[] {
  return [
    `Date et heure de la prise de connaissance : ${paris(breach.awareAt)}`,
    ...(breach.occurredAt ? [`Date de survenance estimée : ${paris(breach.occurredAt)}`] : []),
    `Nature de la violation : ${breach.natures.map((n) => NATURES[n] ?? n).join(" ; ")}`,
    `Description : ${orPending(breach.description)}`,
  ];
}

export function draftClientNotification(breach: TBreach, tenant: TTenantNotification, vendor: VendorProfile = DEFAULT_VENDOR): Draft {
  const body = [
    "Madame, Monsieur,",
    "",
    `En notre qualité de sous-traitant, nous vous informons sans délai d'une violation de données à caractère personnel concernant des données que nous traitons pour le compte de ${tenant.tenantName}.`,
    "",
    ...facts(breach),
    `Données concernées : ${breach.dataCategories.join(", ") || "en cours d'évaluation"}`,
    `Personnes concernées : ${breach.dataSubjectCategories.join(", ") || "en cours d'évaluation"} — ${count(breach.approxPersons, "personnes")}`,
    `Enregistrements concernés pour votre structure : environ ${tenant.records.toLocaleString("fr-FR")}`,
    `Conséquences probables : ${orPending(breach.consequences)}`,
    `Mesures prises : ${orPending(breach.measuresTaken)}`,
    `Mesures envisagées : ${orPending(breach.measuresPlanned)}`,
    "",
    "En tant que responsable de traitement, il vous appartient d'apprécier la nécessité de notifier la CNIL dans les 72 heures suivant la prise de connaissance et d'informer les personnes concernées. Nous vous transmettrons les informations complémentaires dès qu'elles seront disponibles.",
    "",
    `Contact : ${vendor.dpo}`,
    vendor.name,
  ].join("\n");
  return { subject: `[Violation de données] ${breach.title} — information de ${tenant.tenantName}`, body };
}

export function draftCnilNotification(breach: TBreach, vendor: VendorProfile = DEFAULT_VENDOR): Draft {
  const phase = breach.cnilNotifications.length === 0 ? "initiale" : "complémentaire";
  const body = [
    `Notification ${phase} de violation de données à caractère personnel (article 33 du RGPD)`,
    `Responsable de traitement : ${vendor.name}, ${vendor.address}`,
    `Délégué à la protection des données : ${vendor.dpo}`,
    `Traitements concernés : ${breach.controllerActivities.join(", ")}`,
    "",
    ...facts(breach),
    `Catégories de personnes concernées : ${breach.dataSubjectCategories.join(", ") || "en cours d'évaluation"} (${count(breach.approxPersons, "personnes")})`,
    `Catégories de données : ${breach.dataCategories.join(", ") || "en cours d'évaluation"} (${count(breach.approxRecords, "enregistrements")})`,
    `Conséquences probables : ${orPending(breach.consequences)}`,
    `Mesures prises ou envisagées : ${orPending([breach.measuresTaken, breach.measuresPlanned].filter(Boolean).join(" ; "))}`,
    `Information des personnes : ${breach.subjectsDecision === "notify" ? "oui" : breach.subjectsDecision === "not_notify" ? `non — ${breach.subjectsDecisionReason}` : "décision en cours"}`,
    ...(breach.lateReason ? ["", `Motifs du retard (article 33.1) : ${breach.lateReason}`] : []),
    ...(phase === "initiale" ? ["", "Les informations non encore disponibles seront communiquées de manière échelonnée (article 33.4)."] : []),
  ].join("\n");
  return { subject: `Notification ${phase} — ${breach.title}`, body };
}
