// The breach form's fields → a breach candidate (validated by ZBreach in the store). The
// notification lists (clients, CNIL phases) are not in the form: they come from the stored record.
import type { TBreach } from "@rappel/dpo-records";
import { parisLocalToIso } from "../lib/paris-time";

const lines = (v: FormDataEntryValue | null) => String(v ?? "").split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
const str = (v: FormDataEntryValue | null) => String(v ?? "").trim();
const int = (v: FormDataEntryValue | null) => {
  const s = str(v).replace(/\s/g, "");
  return s === "" ? null : Number.isInteger(Number(s)) ? Number(s) : Number.NaN;
};

export function readBreachForm(formData: FormData, stored: Pick<TBreach, "affectedTenants" | "cnilNotifications"> | null): Record<string, unknown> {
  const occurred = str(formData.get("occurredAt"));
  return {
    title: str(formData.get("title")),
    awareAt: parisLocalToIso(str(formData.get("awareAt"))) ?? "invalid",
    occurredAt: occurred ? (parisLocalToIso(occurred) ?? "invalid") : "",
    natures: formData.getAll("natures").map(String),
    description: str(formData.get("description")),
    dataInvolved: formData.getAll("dataInvolved").map(String),
    controllerActivities: formData.getAll("controllerActivities").map(String),
    dataSubjectCategories: lines(formData.get("dataSubjectCategories")),
    dataCategories: lines(formData.get("dataCategories")),
    approxPersons: int(formData.get("approxPersons")),
    approxRecords: int(formData.get("approxRecords")),
    consequences: str(formData.get("consequences")),
    measuresTaken: str(formData.get("measuresTaken")),
    measuresPlanned: str(formData.get("measuresPlanned")),
    cnilDecision: str(formData.get("cnilDecision")) || "pending",
    cnilDecisionReason: str(formData.get("cnilDecisionReason")),
    subjectsDecision: str(formData.get("subjectsDecision")) || "pending",
    subjectsDecisionReason: str(formData.get("subjectsDecisionReason")),
    lateReason: str(formData.get("lateReason")),
    affectedTenants: stored?.affectedTenants ?? [],
    cnilNotifications: stored?.cnilNotifications ?? [],
  };
}
