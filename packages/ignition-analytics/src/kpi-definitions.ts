// What each KPI means, shown on hover. The i18n key is what the web app's message catalogue uses;
// the French and English sentences are the reference wording (and the fallback).

export const KPI_KEYS = [
  "revenue",
  "tickets",
  "orders",
  "averageTicketPrice",
  "fillRate",
  "potentialRevenueUsed",
  "complimentaryTickets",
  "uniqueBuyers",
  "newBuyers",
  "returningBuyers",
  "repeatRate",
  "averageLeadDays",
  "averageDistanceKm",
] as const;

export type KpiKey = (typeof KPI_KEYS)[number];

/** cents: an amount in euro cents; ratio: 0–1 (the UI shows a percentage). */
export type KpiUnit = "cents" | "count" | "ratio" | "days" | "km";

export interface KpiDefinition {
  key: KpiKey;
  i18nKey: `ignition.kpi.${KpiKey}.definition`;
  unit: KpiUnit;
  fr: string;
  en: string;
}

// Shared wording: what counts as a sold ticket, and how the comparison periods are cut.
const COUNTED_FR = "billets valides de commandes payées";
const COUNTED_EN = "valid tickets of paid orders";

const definitions: Record<KpiKey, Omit<KpiDefinition, "key" | "i18nKey">> = {
  revenue: {
    unit: "cents",
    fr: `Somme des prix des ${COUNTED_FR}, hors invitations, TTC.`,
    en: `Sum of the prices of ${COUNTED_EN}, complimentary tickets excluded, taxes included.`,
  },
  tickets: {
    unit: "count",
    fr: `Nombre de ${COUNTED_FR}, invitations comprises.`,
    en: `Number of ${COUNTED_EN}, complimentary tickets included.`,
  },
  orders: {
    unit: "count",
    fr: "Nombre de commandes payées contenant au moins un billet valide dans le périmètre.",
    en: "Number of paid orders holding at least one valid ticket in scope.",
  },
  averageTicketPrice: {
    unit: "cents",
    fr: "Recette ÷ nombre de billets payants (les invitations ne font pas baisser le prix moyen).",
    en: "Revenue ÷ number of paid tickets (complimentary tickets do not lower the average).",
  },
  fillRate: {
    unit: "ratio",
    fr: "Billets (invitations comprises) ÷ jauge commercialisable, c'est-à-dire la somme de (jauge − places bloquées) des représentations non annulées du périmètre. Les billets des représentations annulées ne comptent pas.",
    en: "Tickets (complimentary included) ÷ sellable capacity, i.e. the sum of (capacity − blocked seats) over the performances in scope that are not cancelled. Tickets of cancelled performances do not count.",
  },
  potentialRevenueUsed: {
    unit: "ratio",
    fr: "Recette des représentations non annulées ÷ leur recette potentielle. La recette potentielle d'une représentation non annulée est sa jauge commercialisable × le plus haut prix payé observé pour elle (prix moyen le plus élevé d'un tarif sur une journée de vente, toutes dates confondues) ; une représentation sans billet payant n'a pas de prix observé et ne compte pas.",
    en: "Revenue of the non-cancelled performances ÷ their potential revenue. A non-cancelled performance's potential revenue is its sellable capacity × the highest price observed for it (the highest average price of a price category on one sale day, over all dates); a performance without any paid ticket has no observed price and does not count.",
  },
  complimentaryTickets: {
    unit: "count",
    fr: "Nombre d'invitations (billets valides à titre gracieux).",
    en: "Number of complimentary tickets (valid tickets given free of charge).",
  },
  uniqueBuyers: {
    unit: "count",
    fr: "Nombre de spectateurs distincts ayant passé au moins une commande comptée (l'acheteur de la commande).",
    en: "Number of distinct spectators who placed at least one counted order (the order's buyer).",
  },
  newBuyers: {
    unit: "count",
    fr: "Acheteurs dont la toute première commande payée auprès de la structure est l'une des commandes comptées sur la période.",
    en: "Buyers whose very first paid order with the organisation is one of the orders counted in the period.",
  },
  returningBuyers: {
    unit: "count",
    fr: "Acheteurs ayant déjà passé une commande payée auprès de la structure avant leur première commande de la période.",
    en: "Buyers who had already placed a paid order with the organisation before their first order of the period.",
  },
  repeatRate: {
    unit: "ratio",
    fr: "Acheteurs ayant passé au moins 2 commandes comptées sur la période ÷ acheteurs.",
    en: "Buyers with at least 2 counted orders in the period ÷ buyers.",
  },
  averageLeadDays: {
    unit: "days",
    fr: "Moyenne, par billet, du nombre de jours calendaires (heure de Paris) entre la commande et la représentation.",
    en: "Average, per ticket, of the calendar days (Paris time) between the order and the performance.",
  },
  averageDistanceKm: {
    unit: "km",
    fr: "Distance moyenne à vol d'oiseau entre le centre de la commune du spectateur et la salle, par spectateur et par représentation ; les spectateurs sans commune connue ne comptent pas. Ni le filtre de canal de vente ni la coupure « à date » ne s'y appliquent (l'agrégat d'audience n'a ni canal ni jour de vente).",
    en: "Average straight-line distance from the centre of the spectator's commune to the venue, per spectator and performance; spectators without a known commune do not count. Neither the sales-channel filter nor the like-for-like cut applies (the audience rollup has no channel and no sale day).",
  },
};

export const KPI_DEFINITIONS: Record<KpiKey, KpiDefinition> = Object.fromEntries(
  KPI_KEYS.map((key) => [key, { key, i18nKey: `ignition.kpi.${key}.definition`, ...definitions[key] }]),
) as Record<KpiKey, KpiDefinition>;

/**
 * Note common to every KPI: the previous period and last season are counted "à date" — only
 * sales made up to the same point before their period as today is before the current one.
 */
export const COMPARISON_NOTE = {
  i18nKey: "ignition.kpi.comparison.definition",
  fr: "Comparaisons « à date » : la période précédente et la même période la saison dernière ne comptent que les ventes faites jusqu'au même décalage qu'aujourd'hui (aujourd'hui − durée de la période, aujourd'hui − 1 an).",
  en: "Like-for-like comparisons: the previous period and the same period last season only count sales made up to the same offset as today (today − the period's length, today − 1 year).",
} as const;
