// Free-text labels ticketing systems use for sales channels and statuses → our fixed values.
// Unknown labels are refused with the list of accepted values rather than guessed.
import { fail, foldLabel, ok, type FieldResult } from "../fields/result";

export const SALES_CHANNELS = ["box_office", "web", "phone", "reseller", "partner"] as const;
export type SalesChannel = (typeof SALES_CHANNELS)[number];

export const TICKET_STATUSES = ["confirmed", "pending", "cancelled", "refunded"] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const PERFORMANCE_STATUSES = ["scheduled", "sold_out", "postponed", "cancelled"] as const;
export type PerformanceStatus = (typeof PERFORMANCE_STATUSES)[number];

type LabelTable<T extends string> = { value: T; labels: string[]; brands?: string[] }[];

const fold = (s: string) => foldLabel(s).replace(/[^a-z0-9]+/g, " ").trim();

const CHANNELS: LabelTable<SalesChannel> = [
  { value: "box_office", labels: ["box office", "box_office", "guichet", "billetterie", "caisse", "sur place", "vente sur place", "accueil", "comptoir", "counter", "on site", "onsite", "door", "walk in"] },
  { value: "web", labels: ["web", "internet", "site", "site web", "site internet", "en ligne", "vente en ligne", "online", "website", "e commerce", "ecommerce", "appli", "application", "app", "mobile"] },
  { value: "phone", labels: ["phone", "telephone", "tel", "par telephone", "vente telephone", "call center", "centre d appels", "centre appels"] },
  {
    value: "reseller",
    labels: ["reseller", "revendeur", "revendeurs", "distributeur", "reseau", "agence", "billetterie externe", "third party"],
    // Resale networks are named by brand in exports ("FNAC", "Ticketmaster France").
    brands: ["fnac", "ticketmaster", "france billet", "francebillet", "digitick", "see tickets", "seetickets", "billetreduc", "carrefour", "eventim", "weezevent", "ticketac", "festik", "helloasso", "shotgun", "dice"],
  },
  { value: "partner", labels: ["partner", "partenaire", "partenaires", "ce", "cse", "comite d entreprise", "comite entreprise", "collectivite", "groupe", "groupes", "scolaire", "association", "relations publiques", "rp"] },
];

const TICKET_STATUS_LABELS: LabelTable<TicketStatus> = [
  { value: "confirmed", labels: ["confirmed", "confirme", "valide", "validee", "paye", "payee", "emis", "vendu", "ok", "paid", "valid", "issued", "sold", "scanne", "controle", "utilise", "scanned", "used", "complete", "completed"] },
  {
    value: "pending",
    labels: [
      "pending", "en attente", "attente", "en attente de paiement", "attente paiement", "reserve", "reservee", "reservation", "pre reservation",
      "option", "pose d option", "non paye", "non payee", "a payer", "impaye", "reserved", "unpaid", "not paid", "awaiting payment",
      "on hold", "held",
    ],
  },
  { value: "cancelled", labels: ["cancelled", "canceled", "annule", "annulee", "void", "voided", "supprime"] },
  { value: "refunded", labels: ["refunded", "rembourse", "remboursee", "avoir", "refund"] },
];

const PERFORMANCE_STATUS_LABELS: LabelTable<PerformanceStatus> = [
  { value: "scheduled", labels: ["scheduled", "programme", "programmee", "ouvert", "ouverte", "en vente", "planifie", "planifiee", "confirme", "confirmee", "on sale", "open", "confirmed", "published", "publie", "publiee"] },
  { value: "sold_out", labels: ["sold out", "sold_out", "soldout", "complet", "complete", "guichet ferme", "guichets fermes"] },
  { value: "postponed", labels: ["postponed", "reporte", "reportee", "rescheduled"] },
  { value: "cancelled", labels: ["cancelled", "canceled", "annule", "annulee"] },
];

function matcher<T extends string>(table: LabelTable<T>, allowed: readonly T[]): (input: string) => FieldResult<T> {
  const exact = new Map<string, T>();
  for (const row of table) for (const label of row.labels) exact.set(fold(label), row.value);
  const brands = table.flatMap((row) => (row.brands ?? []).map((brand) => ({ brand: ` ${fold(brand)} `, value: row.value })));
  // A file repeats a handful of labels thousands of times: remember answers (bounded).
  const memo = new Map<string, FieldResult<T>>();
  return (input) => {
    let result = memo.get(input);
    if (result) return result;
    const label = fold(input);
    const hit = exact.get(label) ?? brands.find((b) => ` ${label} `.includes(b.brand))?.value;
    result = hit ? ok(hit) : fail("enum.unknown", allowed);
    if (memo.size >= 10_000) memo.clear();
    memo.set(input, result);
    return result;
  };
}

/** "Guichet" → box_office, "Internet" → web, "FNAC Spectacles" → reseller, "CE" → partner. */
export const parseSalesChannel = matcher(CHANNELS, SALES_CHANNELS);
/** "Payé" → confirmed, "Annulé" → cancelled, "Remboursé" → refunded, "Réservé" → pending. */
export const parseTicketStatus = matcher(TICKET_STATUS_LABELS, TICKET_STATUSES);
/** "En vente" → scheduled, "Complet" → sold_out, "Reportée" → postponed, "Annulée" → cancelled. */
export const parsePerformanceStatus = matcher(PERFORMANCE_STATUS_LABELS, PERFORMANCE_STATUSES);
