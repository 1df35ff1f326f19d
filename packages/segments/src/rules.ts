// The segment rule model: AND/OR groups of typed rules over spectators, orders, tickets, consents,
// campaign events and satisfaction answers. Shared by the rule builder (client) and the
// compiler (server); every field is validated here, so the compiler only sees well-formed rules.
import { z } from "zod";

const ZUuid = z.uuid({ message: "must be an id" });
/** A calendar day (YYYY-MM-DD), read as the start of that day in Europe/Paris. */
const ZDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date (YYYY-MM-DD)");
const ZPeriod = { from: ZDay.optional(), to: ZDay.optional() };
const ZCompare = z.enum(["gte", "lte", "eq"]);

export const ZPostalCodeRule = z.strictObject({
  type: z.literal("postal_code"),
  /** Full codes ("69001") or prefixes ("69"). */
  values: z.array(z.string().regex(/^\d{2,5}$/, "must be 2 to 5 digits")).min(1).max(500),
});
export const ZDepartementRule = z.strictObject({
  type: z.literal("departement"),
  values: z.array(z.string().regex(/^(\d{2,3}|2A|2B)$/, "must be a département code")).min(1).max(200),
});
export const ZDistanceRule = z.strictObject({
  type: z.literal("distance"),
  venueId: ZUuid,
  maxKm: z.number().positive().max(2000),
});
export const ZLanguageRule = z.strictObject({
  type: z.literal("language"),
  values: z.array(z.string().regex(/^[a-z]{2}$/)).min(1).max(20),
});
export const ZAgeRule = z.strictObject({
  type: z.literal("age"),
  min: z.number().int().min(0).max(120).optional(),
  max: z.number().int().min(0).max(120).optional(),
});
export const ZBoughtRule = z.strictObject({
  type: z.literal("bought"),
  dimension: z.enum(["show", "genre", "venue", "price_category"]),
  /** Show/venue ids, genre codes or price category labels. */
  values: z.array(z.string().min(1).max(200)).min(1).max(500),
  ...ZPeriod,
});
export const ZOrderCountRule = z.strictObject({
  type: z.literal("order_count"),
  op: ZCompare,
  value: z.number().int().min(0),
  ...ZPeriod,
});
export const ZTotalSpentRule = z.strictObject({
  type: z.literal("total_spent"),
  op: ZCompare,
  cents: z.number().int().min(0),
  ...ZPeriod,
});
export const ZPurchaseDateRule = z.strictObject({
  type: z.enum(["first_purchase", "last_purchase"]),
  op: z.enum(["before", "after"]),
  date: ZDay,
});
export const ZFirstTimerRule = z.strictObject({ type: z.literal("first_timer") });
export const ZAttendedRule = z.strictObject({
  type: z.literal("attended"),
  performanceId: ZUuid.optional(),
  showId: ZUuid.optional(),
  ...ZPeriod,
});
export const ZConsentRule = z.strictObject({
  type: z.literal("consent"),
  channel: z.enum(["email", "sms", "survey", "social_ads"]),
});
export const ZHoldsTicketRule = z.strictObject({
  type: z.literal("holds_ticket"),
  performanceId: ZUuid,
});
export const ZEngagementRule = z.strictObject({
  type: z.literal("engagement"),
  action: z.enum(["opened", "clicked"]),
  campaignId: ZUuid.optional(),
  ...ZPeriod,
});
/** Satisfaction: the category of the spectator's latest NPS answer (0–6 detractor, 7–8 passive,
 * 9–10 promoter), optionally among answers to one survey, about one show, given in a period. */
export const ZNpsRule = z.strictObject({
  type: z.literal("nps"),
  category: z.enum(["promoter", "passive", "detractor"]),
  surveyId: ZUuid.optional(),
  showId: ZUuid.optional(),
  ...ZPeriod,
});
/** Satisfaction: finished a survey (optionally which one), with the answer given in a period. */
export const ZAnsweredSurveyRule = z.strictObject({
  type: z.literal("answered_survey"),
  surveyId: ZUuid.optional(),
  ...ZPeriod,
});

export const ZRule = z.union([
  ZPostalCodeRule,
  ZDepartementRule,
  ZDistanceRule,
  ZLanguageRule,
  ZAgeRule,
  ZBoughtRule,
  ZOrderCountRule,
  ZTotalSpentRule,
  ZPurchaseDateRule,
  ZFirstTimerRule,
  ZAttendedRule,
  ZConsentRule,
  ZHoldsTicketRule,
  ZEngagementRule,
  ZNpsRule,
  ZAnsweredSurveyRule,
]);
/** Every rule may be negated ("does not …"), which is how exclusions are written. */
export type TRule = z.infer<typeof ZRule> & { negate?: boolean };

export interface TRuleGroup {
  op: "and" | "or";
  negate?: boolean;
  rules: (TRule | TRuleGroup)[];
}

const ZNegatableRule = z.intersection(ZRule, z.object({ negate: z.boolean().optional() }));

export const ZRuleGroup: z.ZodType<TRuleGroup> = z.lazy(() =>
  z.strictObject({
    op: z.enum(["and", "or"]),
    negate: z.boolean().optional(),
    rules: z.array(z.union([ZRuleGroup, ZNegatableRule])).max(100),
  }),
);

/** The whole rule tree of a segment (max depth and size keep queries reasonable). */
export const ZSegmentRules = ZRuleGroup.superRefine((group, ctx) => {
  let count = 0;
  const walk = (g: TRuleGroup, depth: number) => {
    if (depth > 4) ctx.addIssue({ code: "custom", message: "groups nest at most 4 levels deep" });
    for (const r of g.rules) {
      count += 1;
      if ("rules" in r) walk(r, depth + 1);
    }
  };
  walk(group, 1);
  if (count > 200) ctx.addIssue({ code: "custom", message: "a segment has at most 200 rules" });
});
export type TSegmentRules = TRuleGroup;

export function isRuleGroup(node: TRule | TRuleGroup): node is TRuleGroup {
  return "rules" in node && "op" in node;
}

export const RULE_TYPES = [
  "postal_code",
  "departement",
  "distance",
  "language",
  "age",
  "bought",
  "order_count",
  "total_spent",
  "first_purchase",
  "last_purchase",
  "first_timer",
  "attended",
  "consent",
  "holds_ticket",
  "engagement",
  "nps",
  "answered_survey",
] as const;
export type TRuleType = (typeof RULE_TYPES)[number];
