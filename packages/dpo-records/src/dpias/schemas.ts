// A DPIA following the CNIL's PIA method: context, fundamental principles, the three feared
// events (illegitimate access, unwanted modification, disappearance of data) rated on the CNIL's
// 1–4 scales of severity and likelihood, an action plan, the DPO's and the data subjects'
// opinions, and the controller's validation.
import { z } from "zod";

export const DPIA_RISKS = ["illegitimate_access", "unwanted_modification", "disappearance"] as const;
export const DPIA_PRINCIPLES = [
  "purposes", "legal_basis", "minimisation", "accuracy", "retention",
  "information", "consent", "access_portability", "rectification_erasure", "restriction_objection", "processors", "transfers",
] as const;
/** The CNIL scale: 1 negligible, 2 limited, 3 significant (important), 4 maximum. */
export const ZLevel = z.number().int().min(1).max(4);

const text = (max = 4000) => z.string().trim().max(max);

export const ZDpiaRisk = z.object({
  risk: z.enum(DPIA_RISKS),
  impacts: text(),
  threats: text(),
  sources: text(),
  measures: text(),
  severity: ZLevel,
  likelihood: ZLevel,
  /** After the planned measures, when assessed. */
  residualSeverity: ZLevel.nullable(),
  residualLikelihood: ZLevel.nullable(),
});

export const ZDpiaAction = z.object({
  action: text(500).min(1, "Describe the action."),
  owner: text(200).min(1, "Name the action's owner."),
  dueDate: z.iso.date({ message: "Give the action a due date." }),
  done: z.boolean(),
});

export const ZDpia = z
  .object({
    title: text(200).min(1, "Give the DPIA a title."),
    context: z.object({
      processing: text(),
      purposes: text(),
      controller: text(),
      processors: text(),
      dataCategories: text(),
      retention: text(),
      assets: text(),
    }),
    principles: z.array(z.object({ key: z.enum(DPIA_PRINCIPLES), assessment: z.enum(["", "acceptable", "to_improve"]), comment: text(2000) })),
    risks: z.array(ZDpiaRisk).length(3),
    actions: z.array(ZDpiaAction).max(100),
    dpoOpinion: z.object({ text: text(), date: z.iso.date().or(z.literal("")) }),
    subjectsOpinion: z.object({ gathered: z.boolean(), text: text(), reasonNotGathered: text() }),
    validation: z.object({ decision: z.enum(["pending", "validated", "refused"]), by: text(200), date: z.iso.date().or(z.literal("")), comment: text() }),
  })
  .superRefine((d, ctx) => {
    if (d.validation.decision !== "pending") {
      if (!d.dpoOpinion.text) ctx.addIssue({ code: "custom", path: ["dpoOpinion", "text"], message: "The DPO's opinion comes before the controller's decision." });
      if (!d.validation.by || !d.validation.date) ctx.addIssue({ code: "custom", path: ["validation", "by"], message: "Say who decided, and when." });
    }
    if (!new Set(d.risks.map((r) => r.risk)).size || new Set(d.risks.map((r) => r.risk)).size !== 3)
      ctx.addIssue({ code: "custom", path: ["risks"], message: "Rate each of the three feared events once." });
  });
export type TDpia = z.infer<typeof ZDpia>;
export type TDpiaRisk = z.infer<typeof ZDpiaRisk>;

export function emptyDpia(title = ""): TDpia {
  return {
    title,
    context: { processing: "", purposes: "", controller: "", processors: "", dataCategories: "", retention: "", assets: "" },
    principles: DPIA_PRINCIPLES.map((key) => ({ key, assessment: "", comment: "" })),
    risks: DPIA_RISKS.map((risk) => ({ risk, impacts: "", threats: "", sources: "", measures: "", severity: 1, likelihood: 1, residualSeverity: null, residualLikelihood: null })),
    actions: [],
    dpoOpinion: { text: "", date: "" },
    subjectsOpinion: { gathered: false, text: "", reasonNotGathered: "" },
    validation: { decision: "pending", by: "", date: "", comment: "" },
  };
}

export type RiskZone = "acceptable" | "to_reduce" | "unacceptable";

/**
 * Where a risk falls on the CNIL risk map: both levels limited (≤ 2) is acceptable; both
 * significant or worse (≥ 3) must not be accepted as is; in between, it must be reduced.
 */
export function classifyRisk(severity: number, likelihood: number): RiskZone {
  if (severity <= 2 && likelihood <= 2) return "acceptable";
  if (severity >= 3 && likelihood >= 3) return "unacceptable";
  return "to_reduce";
}

/** Actions not done whose due date has passed (dates compared as calendar days). */
export function listOverdueActions(dpia: TDpia, today: string): TDpia["actions"] {
  return dpia.actions.filter((a) => !a.done && a.dueDate < today);
}
