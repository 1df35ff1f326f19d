// The DPIA form's flat field names ("context.purposes", "risk.disappearance.severity",
// "action.2.owner"…) → a DPIA candidate, validated by ZDpia in the store.
import { DPIA_PRINCIPLES, DPIA_RISKS } from "@rappel/dpo-records/client";

const str = (f: FormData, k: string) => String(f.get(k) ?? "").trim();
const level = (f: FormData, k: string) => (str(f, k) === "" ? null : Number(str(f, k)));

export function readDpiaForm(f: FormData): Record<string, unknown> {
  const actions = [];
  for (let i = 0; f.has(`action.${i}.action`); i++) {
    const action = str(f, `action.${i}.action`);
    if (!action) continue;
    actions.push({ action, owner: str(f, `action.${i}.owner`), dueDate: str(f, `action.${i}.dueDate`), done: f.get(`action.${i}.done`) === "on" });
  }
  return {
    title: str(f, "title"),
    context: Object.fromEntries(["processing", "purposes", "controller", "processors", "dataCategories", "retention", "assets"].map((k) => [k, str(f, `context.${k}`)])),
    principles: DPIA_PRINCIPLES.map((key) => ({ key, assessment: str(f, `principle.${key}.assessment`), comment: str(f, `principle.${key}.comment`) })),
    risks: DPIA_RISKS.map((risk) => ({
      risk,
      impacts: str(f, `risk.${risk}.impacts`), threats: str(f, `risk.${risk}.threats`), sources: str(f, `risk.${risk}.sources`), measures: str(f, `risk.${risk}.measures`),
      severity: level(f, `risk.${risk}.severity`) ?? 1, likelihood: level(f, `risk.${risk}.likelihood`) ?? 1,
      residualSeverity: level(f, `risk.${risk}.residualSeverity`), residualLikelihood: level(f, `risk.${risk}.residualLikelihood`),
    })),
    actions,
    dpoOpinion: { text: str(f, "dpoOpinion.text"), date: str(f, "dpoOpinion.date") },
    subjectsOpinion: { gathered: f.get("subjectsOpinion.gathered") === "on", text: str(f, "subjectsOpinion.text"), reasonNotGathered: str(f, "subjectsOpinion.reasonNotGathered") },
    validation: { decision: str(f, "validation.decision") || "pending", by: str(f, "validation.by"), date: str(f, "validation.date"), comment: str(f, "validation.comment") },
  };
}
