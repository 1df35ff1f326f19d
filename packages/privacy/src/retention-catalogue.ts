// The retention reference table: one row per data category, with the event that starts the
// clock, the active period, the intermediate-archive period (restricted access), what happens at
// the end, and the legal basis. Defaults follow the CNIL's reference figures; a tenant may
// shorten a period freely and lengthen it only with a recorded reason.
import { z } from "zod";
import { addMonthsToDay, endOfParisDay, parisDay } from "./calendar";

export type TEndAction = "delete" | "anonymise";

export interface RetentionCategory {
  id: string;
  startEvent: string;
  activeMonths: number;
  archiveMonths: number;
  endAction: TEndAction;
  legalBasis: string;
  /**
   * How the purge engine handles the category on this codebase: "engine" when a purge step
   * exists (see purge-steps.ts; a test keeps the two in step), "manual" when the DPO must act.
   */
  enforcement: "engine" | "manual";
}

export const RETENTION_CATEGORIES = [
  {
    id: "prospect",
    startEvent: "last contact initiated by the person (record creation when none)",
    activeMonths: 36,
    archiveMonths: 0,
    endAction: "delete",
    legalBasis: "CNIL, référentiel « gestion commerciale » (2021) : 3 ans à compter du dernier contact émanant du prospect",
    enforcement: "engine",
  },
  {
    id: "customer",
    startEvent: "last purchase or ticket held (end of the commercial relationship)",
    activeMonths: 36,
    archiveMonths: 0,
    endAction: "anonymise",
    legalBasis: "CNIL, référentiel « gestion commerciale » (2021) : 3 ans après la fin de la relation commerciale ; billets et commandes conservés sans lien avec la personne (art. L123-22 C. com.)",
    enforcement: "engine",
  },
  {
    id: "tickets_orders",
    startEvent: "order date",
    activeMonths: 36,
    archiveMonths: 84,
    endAction: "anonymise",
    legalBasis: "Pièces comptables : 10 ans (art. L123-22 C. com.) ; le lien avec la personne tombe avec la catégorie « client »",
    enforcement: "engine",
  },
  {
    id: "survey_responses",
    startEvent: "answer date",
    activeMonths: 24,
    archiveMonths: 0,
    endAction: "anonymise",
    legalBasis: "CNIL, études de satisfaction : durée nécessaire à l'étude, 2 ans au plus",
    enforcement: "engine",
  },
  {
    id: "free_text_answers",
    startEvent: "answer date",
    activeMonths: 12,
    archiveMonths: 0,
    endAction: "delete",
    legalBasis: "Minimisation (art. 5-1-c RGPD) : les réponses libres peuvent identifier la personne",
    enforcement: "engine",
  },
  {
    id: "campaign_events",
    startEvent: "send or event date",
    activeMonths: 13,
    archiveMonths: 0,
    endAction: "delete",
    legalBasis: "CNIL, traceurs et mesure d'audience : 13 mois au plus pour les données de suivi",
    enforcement: "engine",
  },
  {
    id: "consent_proofs",
    startEvent: "withdrawal of consent or end of the relationship",
    activeMonths: 36,
    archiveMonths: 24,
    endAction: "delete",
    legalBasis: "Preuve du consentement (art. 7-1 RGPD) : durée de prescription de 5 ans (art. 2224 C. civ.)",
    enforcement: "engine",
  },
  {
    id: "suppression_list",
    startEvent: "objection or erasure",
    activeMonths: 36,
    archiveMonths: 0,
    endAction: "delete",
    legalBasis: "CNIL, liste d'opposition : 3 ans ; conservée sous forme de hachage à clé uniquement",
    enforcement: "engine",
  },
  {
    id: "rejected_import_rows",
    startEvent: "import date",
    activeMonths: 3,
    archiveMonths: 0,
    endAction: "delete",
    legalBasis: "Minimisation (art. 5-1-c et 5-1-e RGPD) : le temps de corriger l'import",
    enforcement: "engine",
  },
  {
    id: "audit_entries",
    startEvent: "entry date",
    activeMonths: 12,
    archiveMonths: 60,
    endAction: "delete",
    legalBasis: "Traçabilité (art. 32 RGPD) : 6 ans, délai de prescription (CNIL, journalisation)",
    enforcement: "engine",
  },
  {
    id: "staff_accounts",
    startEvent: "account disabled",
    activeMonths: 6,
    archiveMonths: 0,
    endAction: "delete",
    legalBasis: "Fin de la relation contractuelle avec le client ; comptes du personnel",
    enforcement: "engine",
  },
] as const satisfies readonly RetentionCategory[];

export type TRetentionCategoryId = (typeof RETENTION_CATEGORIES)[number]["id"];

export function findCategory(id: string): RetentionCategory | undefined {
  return RETENTION_CATEGORIES.find((c) => c.id === id);
}

export class RetentionOverrideError extends Error {
  readonly status = 400;
}

export const ZRetentionOverrideInput = z.strictObject({
  category: z.string().min(1),
  activeMonths: z.coerce.number().int().min(0).max(600),
  archiveMonths: z.coerce.number().int().min(0).max(600),
  reason: z
    .string()
    .trim()
    .max(1000)
    .optional()
    .transform((v) => (v ? v : undefined)),
});
export type TRetentionOverrideInput = z.infer<typeof ZRetentionOverrideInput>;

/** Checks a tenant's override against the default: shorter is free, longer needs a reason. */
export function validateOverride(input: { category: string; activeMonths: number; archiveMonths: number; reason?: string | undefined }): RetentionCategory {
  const category = findCategory(input.category);
  if (!category) throw new RetentionOverrideError(`unknown data category "${input.category}"`);
  const longer =
    input.activeMonths > category.activeMonths ||
    input.activeMonths + input.archiveMonths > category.activeMonths + category.archiveMonths;
  if (longer && !input.reason) {
    throw new RetentionOverrideError(
      `keeping "${category.id}" longer than the default (${category.activeMonths} + ${category.archiveMonths} months) needs a recorded reason`,
    );
  }
  return category;
}

export interface ResolvedRule {
  category: string;
  activeMonths: number;
  archiveMonths: number;
  endAction: TEndAction;
  legalBasis: string;
  overridden: boolean;
  overrideReason: string | null;
}

export function resolveRule(
  category: RetentionCategory,
  override?: { activeMonths: number; archiveMonths: number; reason: string | null } | null,
): ResolvedRule {
  return {
    category: category.id,
    activeMonths: override?.activeMonths ?? category.activeMonths,
    archiveMonths: override?.archiveMonths ?? category.archiveMonths,
    endAction: category.endAction,
    legalBasis: category.legalBasis,
    overridden: Boolean(override),
    overrideReason: override?.reason ?? null,
  };
}

/**
 * The latest start event still due today: a record is due once its start day plus the total
 * period (active + archive) is today or earlier, i.e. when its start event falls on or before the
 * end of the Paris day `today − period`. At month ends this can keep a record up to three days
 * longer than the exact date (never shorter).
 */
export function purgeCutoff(rule: Pick<ResolvedRule, "activeMonths" | "archiveMonths">, now: Date): Date {
  return endOfParisDay(addMonthsToDay(parisDay(now), -(rule.activeMonths + rule.archiveMonths)));
}
