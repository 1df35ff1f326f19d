// Generates a tenant's processor-register (ST) entry from the product's real configuration: which
// apps the tenant actually uses (derived from its data), the hosting location and the sub-processors
// enabled for it. The DPO completes it by hand; a regeneration keeps every hand-edited field.
import { vendorIdentity, type TVendorProfile } from "../vendor/vendor-profile";
import type { TProcessorRecord, TRetentionRule, TTransfer } from "./schemas";

/** EU/EEA country codes and names: a sub-processor elsewhere is a transfer needing safeguards. */
const EEA = new Set([
  "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL",
  "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
]);

export function isInEea(location: string): boolean {
  const code = location.trim().slice(0, 2).toUpperCase();
  return EEA.has(code) || /union européenne|\bUE\b|\bEU\b|france/i.test(location);
}

export interface TenantConfiguration {
  tenant: { name: string; slug: string; kind: string };
  owners: { name: string; email: string }[];
  usage: {
    /** Tickets or imports exist: Ignition processes ticketing data. */
    tickets: number;
    imports: number;
    spectators: number;
    /** Marketing consents recorded: Activation's campaigns. */
    marketingConsents: number;
    /** Surveys configured: Satisfaction asks the tenant's spectators. */
    surveys: number;
    /** Campaigns created: Activation contacts the tenant's spectators. */
    campaigns: number;
  };
  subprocessors: { name: string; service: string; location: string; transferSafeguards: string; dataCategories: string[] }[];
}

export type AppKey = "ignition" | "satisfaction" | "activation";

export function detectApps(usage: TenantConfiguration["usage"]): AppKey[] {
  const apps: AppKey[] = [];
  if (usage.tickets > 0 || usage.imports > 0) apps.push("ignition");
  if (usage.surveys > 0) apps.push("satisfaction");
  if (usage.marketingConsents > 0 || usage.campaigns > 0) apps.push("activation");
  return apps;
}

const APP_PROCESSING: Record<AppKey, { category: string; purpose: string; data: string[]; retention: TRetentionRule[] }> = {
  ignition: {
    category: "Ignition — import, harmonisation et tableaux de bord de la billetterie",
    purpose: "Statistiques de fréquentation et de vente",
    data: ["Identité (nom, prénom)", "Coordonnées (e-mail, téléphone, code postal)", "Commandes et billets (date, tarif, séance)"],
    retention: [
      { category: "Billets et commandes", period: "3 ans après la fin de la relation commerciale" },
      { category: "Lignes d'import rejetées", period: "90 jours" },
    ],
  },
  satisfaction: {
    category: "Satisfaction — enquêtes après les représentations",
    purpose: "Mesure de la satisfaction des spectateurs",
    data: ["Réponses aux enquêtes", "Réponses libres"],
    retention: [{ category: "Réponses aux enquêtes", period: "3 ans après la réponse" }],
  },
  activation: {
    category: "Activation — segments, campagnes e-mail / SMS et audiences publicitaires",
    // Ad targeting on social networks is a purpose of its own, with its own consent (social_ads).
    purpose:
      "Prospection commerciale auprès des spectateurs ayant consenti ; fichiers d'audience (Meta, Google Ads) des seuls spectateurs ayant consenti à la publicité sur les réseaux sociaux",
    data: [
      "Consentements (canal, source, date)",
      "Envois et événements de campagne (ouverture, clic)",
      "E-mail et téléphone hachés (SHA-256) dans les fichiers d'audience",
    ],
    retention: [
      { category: "Prospects", period: "3 ans à compter du dernier contact" },
      { category: "Preuves de consentement", period: "5 ans après le retrait" },
    ],
  },
};

/** `vendor` is the DPO's current vendor profile (loadVendorProfile). */
export function generateProcessorRecord(config: TenantConfiguration, vendor: TVendorProfile): TProcessorRecord {
  const apps = detectApps(config.usage);
  const owners = config.owners.map((o) => `${o.name} <${o.email}>`).join(", ");
  const transfers: TTransfer[] = config.subprocessors
    .filter((s) => !isInEea(s.location))
    .map((s) => ({ country: s.location, recipient: s.name, safeguard: s.transferSafeguards }));
  const dataCategories = [...new Set(apps.flatMap((a) => APP_PROCESSING[a].data))];
  return {
    name: `Traitements pour le compte de ${config.tenant.name}`,
    software: vendor.software,
    processor: vendorIdentity(vendor),
    processorDpo: vendor.dpoContact,
    controller: `${config.tenant.name} (${config.tenant.slug})${owners ? ` — ${owners}` : ""}`,
    controllerDpo: "",
    controllerRepresentative: "",
    purposeMain: apps.length
      ? `Fourniture des applications ${apps.map((a) => a[0]!.toUpperCase() + a.slice(1)).join(", ")} sur instruction du client`
      : "Aucune application utilisée à ce jour (aucune donnée traitée)",
    subPurposes: apps.map((a) => APP_PROCESSING[a].purpose),
    processingCategories: apps.map((a) => APP_PROCESSING[a].category),
    dataSubjects: apps.length ? ["Spectateurs et acheteurs du client"] : [],
    dataCategories,
    sensitiveData: [],
    hosting: vendor.hosting,
    subprocessors: config.subprocessors.map((s) => `${s.name} — ${s.service} (${s.location})`),
    transfers,
    retention: apps.flatMap((a) => APP_PROCESSING[a].retention),
    securityMeasures: ["user_access_control", "traceability", "backups", "encryption", "processor_contracts"],
    securityOther:
      "Identifiants directs chiffrés (AES-256-GCM, clé par client) ; isolation des clients par la base (RLS) ; journal d'audit chaîné.",
  };
}

/** A regeneration: fresh generated values, except the fields a person edited, which are kept. */
export function mergeRegenerated(generated: TProcessorRecord, current: TProcessorRecord | null, handEdited: readonly string[]): TProcessorRecord {
  if (!current) return generated;
  const merged: Record<string, unknown> = { ...generated };
  for (const key of handEdited) if (key in current) merged[key] = (current as Record<string, unknown>)[key];
  return merged as TProcessorRecord;
}
