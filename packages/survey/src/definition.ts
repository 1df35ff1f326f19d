// The survey definition: one JSON document (pages of questions, display logic, FR/EN texts)
// validated by this zod schema on both the builder's server actions and the answer page.
// Question ids are stable strings chosen once (e.g. "nps", "core_sound"), so the tenant's core
// questionnaire stays comparable across seasons and versions.
import { z } from "zod";
import { checkLogicGraph } from "./logic-check";

export const LOCALES = ["fr", "en"] as const;
export type TLocale = (typeof LOCALES)[number];

export const ZLocalisedText = z.strictObject({
  fr: z.string().trim().min(1, "le texte français est obligatoire").max(1000),
  en: z.string().trim().max(1000).optional(),
});
export type TLocalisedText = z.infer<typeof ZLocalisedText>;

export const ZQuestionId = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,62}$/, "lowercase letters, digits and '_' (starts with a letter)");

const ZOption = z.strictObject({ id: ZQuestionId, label: ZLocalisedText });

export const CONDITION_OPERATORS = ["eq", "neq", "lt", "lte", "gt", "gte", "includes", "answered", "not_answered"] as const;
export const ZCondition = z.strictObject({
  questionId: ZQuestionId,
  op: z.enum(CONDITION_OPERATORS),
  value: z.union([z.number(), z.string(), z.boolean()]).optional(),
});
export type TCondition = z.infer<typeof ZCondition>;

/** AND ("all") or OR ("any") over conditions. */
export const ZLogic = z.strictObject({
  mode: z.enum(["all", "any"]),
  conditions: z.array(ZCondition).min(1).max(20),
});
export type TLogic = z.infer<typeof ZLogic>;

const base = {
  id: ZQuestionId,
  title: ZLocalisedText,
  help: ZLocalisedText.optional(),
  required: z.boolean().default(false),
  showIf: ZLogic.optional(),
  /** Absent: the tenant's core questionnaire; else the optional module it comes from. */
  module: z.string().max(60).optional(),
};

export const ZNpsQuestion = z.strictObject({ ...base, type: z.literal("nps") });
export const ZRatingQuestion = z.strictObject({
  ...base,
  type: z.literal("rating"),
  scale: z.number().int().min(3).max(10),
  style: z.enum(["stars", "numbers"]).default("numbers"),
});
export const ZSingleChoiceQuestion = z.strictObject({
  ...base,
  type: z.literal("single_choice"),
  options: z.array(ZOption).min(2).max(30),
});
export const ZMultipleChoiceQuestion = z.strictObject({
  ...base,
  type: z.literal("multiple_choice"),
  options: z.array(ZOption).min(2).max(30),
  allowOther: z.boolean().default(false),
});
export const ZMatrixQuestion = z.strictObject({
  ...base,
  type: z.literal("matrix"),
  rows: z.array(ZOption).min(1).max(20),
  scale: z.number().int().min(3).max(10),
});
export const ZTextQuestion = z.strictObject({
  ...base,
  type: z.literal("text"),
  multiline: z.boolean().default(true),
  maxLength: z.number().int().min(10).max(5000).default(2000),
});
export const ZYesNoQuestion = z.strictObject({ ...base, type: z.literal("yes_no") });

export const ZQuestion = z.discriminatedUnion("type", [
  ZNpsQuestion,
  ZRatingQuestion,
  ZSingleChoiceQuestion,
  ZMultipleChoiceQuestion,
  ZMatrixQuestion,
  ZTextQuestion,
  ZYesNoQuestion,
]);
export type TQuestion = z.infer<typeof ZQuestion>;
export type TQuestionType = TQuestion["type"];
export const QUESTION_TYPES: readonly TQuestionType[] = [
  "nps",
  "rating",
  "single_choice",
  "multiple_choice",
  "matrix",
  "text",
  "yes_no",
];

export const ZPage = z.strictObject({
  id: ZQuestionId,
  title: ZLocalisedText.optional(),
  showIf: ZLogic.optional(),
  questions: z.array(ZQuestion).min(1).max(30),
});
export type TPage = z.infer<typeof ZPage>;

const hexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, "a colour like #1a4d8f");
export const ZBranding = z.strictObject({
  colour: hexColour.default("#1f3a68"),
  logoUrl: z.url().max(500).optional(),
});
export type TBranding = z.infer<typeof ZBranding>;

// What the thank-you page adds: the venue's next shows (on unless the venue turns it off).
export const ZThankYou = z.strictObject({ suggestNextShows: z.boolean().default(true) });
export type TThankYou = z.infer<typeof ZThankYou>;

export const ZSurveyDefinition = z
  .strictObject({
    schemaVersion: z.literal(1),
    title: ZLocalisedText,
    intro: ZLocalisedText.optional(),
    pages: z.array(ZPage).min(1).max(20),
    branding: ZBranding.default({ colour: "#1f3a68" }),
    thankYou: ZThankYou.default({ suggestNextShows: true }),
  })
  .superRefine((def, ctx) => {
    // The logic code and its parameters travel in `params`, so a client can word them in its language.
    for (const issue of checkLogicGraph(def))
      ctx.addIssue({ code: "custom", message: issue.message, path: issue.path, params: { logic: issue.code, ...issue.params } });
  });
export type TSurveyDefinition = z.infer<typeof ZSurveyDefinition>;

export class SurveyDefinitionError extends Error {
  constructor(public readonly issues: string[]) {
    super(`Invalid survey definition: ${issues.join("; ")}`);
    this.name = "SurveyDefinitionError";
  }
}

/** Parses a definition or throws SurveyDefinitionError listing each problem with its path. */
export function parseSurveyDefinition(input: unknown): TSurveyDefinition {
  const result = ZSurveyDefinition.safeParse(input);
  if (result.success) return result.data;
  throw new SurveyDefinitionError(
    result.error.issues.map((i) => (i.path.length ? `${i.path.map(String).join(".")}: ${i.message}` : i.message)),
  );
}

export function allQuestions(def: Pick<TSurveyDefinition, "pages">): TQuestion[] {
  return def.pages.flatMap((p) => p.questions);
}

export function findQuestion(def: Pick<TSurveyDefinition, "pages">, id: string): TQuestion | undefined {
  return allQuestions(def).find((q) => q.id === id);
}

/** The text in the spectator's language, falling back to French (always present). */
export function localise(text: TLocalisedText | undefined, locale: TLocale): string {
  if (!text) return "";
  return (locale === "en" && text.en) || text.fr;
}
