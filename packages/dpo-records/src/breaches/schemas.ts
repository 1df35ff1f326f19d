// A personal data breach (GDPR Art. 33/34), as recorded in the register: every breach is kept,
// notified or not. Times are ISO strings in the document; the clocks read them as instants.
import { z } from "zod";

export const BREACH_NATURES = ["confidentiality", "integrity", "availability"] as const;
/** The data families the product holds per tenant; the affected tenants are derived from them. */
export const BREACH_DATA = ["spectators", "tickets", "consents", "imports", "audit"] as const;
export type BreachData = (typeof BREACH_DATA)[number];

const instant = z.iso.datetime({ offset: true });
const text = (max = 4000) => z.string().trim().max(max);

export const ZCnilNotification = z.object({
  at: instant,
  phase: z.enum(["initial", "complementary", "final"]),
  summary: text(2000),
});

export const ZTenantNotification = z.object({
  tenantId: z.string().uuid(),
  tenantName: text(200),
  records: z.number().int().min(0),
  notifiedAt: instant.nullable(),
});

export const ZBreach = z
  .object({
    title: text(200).min(1, "Give the breach a short title."),
    awareAt: instant,
    occurredAt: instant.or(z.literal("")),
    natures: z.array(z.enum(BREACH_NATURES)).min(1, "Choose at least one nature (confidentiality, integrity, availability)."),
    description: text(),
    dataInvolved: z.array(z.enum(BREACH_DATA)),
    /** Processing of the vendor's own (controller register references): the CNIL clock applies. */
    controllerActivities: z.array(text(40).min(1)),
    dataSubjectCategories: z.array(text(300).min(1)),
    dataCategories: z.array(text(300).min(1)),
    approxPersons: z.number().int().min(0).nullable(),
    approxRecords: z.number().int().min(0).nullable(),
    consequences: text(),
    measuresTaken: text(),
    measuresPlanned: text(),
    cnilDecision: z.enum(["pending", "notify", "not_notify"]),
    cnilDecisionReason: text(),
    subjectsDecision: z.enum(["pending", "notify", "not_notify"]),
    subjectsDecisionReason: text(),
    lateReason: text(),
    cnilNotifications: z.array(ZCnilNotification).max(20),
    affectedTenants: z.array(ZTenantNotification).max(10_000),
  })
  .superRefine((b, ctx) => {
    if (b.cnilDecision === "not_notify" && !b.cnilDecisionReason)
      ctx.addIssue({ code: "custom", path: ["cnilDecisionReason"], message: "Say why the CNIL is not notified: the register must keep the reason." });
    if (b.subjectsDecision === "not_notify" && !b.subjectsDecisionReason)
      ctx.addIssue({ code: "custom", path: ["subjectsDecisionReason"], message: "Say why the persons concerned are not informed." });
    if (b.occurredAt && Date.parse(b.occurredAt) > Date.parse(b.awareAt))
      ctx.addIssue({ code: "custom", path: ["occurredAt"], message: "The breach cannot have occurred after it was detected." });
  });
export type TBreach = z.infer<typeof ZBreach>;
export type TCnilNotification = z.infer<typeof ZCnilNotification>;
export type TTenantNotification = z.infer<typeof ZTenantNotification>;

export function emptyBreach(now: Date): TBreach {
  return {
    title: "", awareAt: now.toISOString(), occurredAt: "", natures: [], description: "", dataInvolved: [], controllerActivities: [],
    dataSubjectCategories: [], dataCategories: [], approxPersons: null, approxRecords: null, consequences: "", measuresTaken: "",
    measuresPlanned: "", cnilDecision: "pending", cnilDecisionReason: "", subjectsDecision: "pending", subjectsDecisionReason: "",
    lateReason: "", cnilNotifications: [], affectedTenants: [],
  };
}
