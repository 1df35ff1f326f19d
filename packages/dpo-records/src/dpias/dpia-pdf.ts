// The DPIA as a PDF: every part of the CNIL method, the risk map as a table, the action plan and
// the opinions and validation. Labels come from the caller (the reader's language).
import { PdfWriter } from "../exports/pdf-writer";
import { classifyRisk, type TDpia } from "./schemas";

export interface DpiaLabels {
  title: string;
  sections: Record<"context" | "principles" | "risks" | "map" | "actions" | "dpoOpinion" | "subjectsOpinion" | "validation", string>;
  context: Record<keyof TDpia["context"], string>;
  principles: Record<string, string>;
  assessments: Record<string, string>;
  risks: Record<string, string>;
  riskFields: Record<"impacts" | "threats" | "sources" | "measures" | "severity" | "likelihood" | "residual" | "zone", string>;
  zones: Record<string, string>;
  levels: Record<string, string>;
  action: Record<"owner" | "dueDate" | "done" | "open", string>;
  decisions: Record<string, string>;
  notGathered: string;
  generatedAt: string;
  formatDate: (d: Date) => string;
}

export async function renderDpiaPdf(dpia: TDpia, labels: DpiaLabels, reference: string, version: number, now = new Date()): Promise<Uint8Array> {
  const pdf = await PdfWriter.create(`${labels.title} — ${dpia.title}`, `${reference} v${version} — ${labels.generatedAt} ${labels.formatDate(now)}`);
  pdf.title(dpia.title);
  pdf.paragraph(`${labels.title} · ${reference} · v${version}`, true);
  pdf.heading(labels.sections.context);
  for (const [key, label] of Object.entries(labels.context)) pdf.field(label, dpia.context[key as keyof TDpia["context"]]);
  pdf.heading(labels.sections.principles);
  for (const p of dpia.principles) pdf.field(labels.principles[p.key] ?? p.key, [labels.assessments[p.assessment || "none"] ?? "", p.comment].filter(Boolean).join(" — "));
  pdf.heading(labels.sections.risks);
  const level = (n: number | null) => (n === null ? "—" : `${n} (${labels.levels[String(n)] ?? ""})`);
  for (const r of dpia.risks) {
    pdf.field(labels.risks[r.risk] ?? r.risk, [
      `${labels.riskFields.impacts} : ${r.impacts || "—"}`,
      `${labels.riskFields.threats} : ${r.threats || "—"}`,
      `${labels.riskFields.sources} : ${r.sources || "—"}`,
      `${labels.riskFields.measures} : ${r.measures || "—"}`,
      `${labels.riskFields.severity} : ${level(r.severity)} · ${labels.riskFields.likelihood} : ${level(r.likelihood)} · ${labels.riskFields.zone} : ${labels.zones[classifyRisk(r.severity, r.likelihood)]}`,
      `${labels.riskFields.residual} : ${level(r.residualSeverity)} / ${level(r.residualLikelihood)}`,
    ].join("\n"));
  }
  pdf.heading(labels.sections.map);
  for (let likelihood = 4; likelihood >= 1; likelihood--) {
    const row = [1, 2, 3, 4].map((severity) => {
      const here = dpia.risks.filter((r) => r.severity === severity && r.likelihood === likelihood).map((r) => labels.risks[r.risk]);
      return `[${here.join(", ") || " "}]`;
    });
    pdf.paragraph(`${labels.riskFields.likelihood} ${likelihood} : ${row.join("  ")}`);
  }
  pdf.paragraph(`→ ${labels.riskFields.severity} 1 … 4`, true);
  pdf.heading(labels.sections.actions);
  if (dpia.actions.length === 0) pdf.paragraph("—");
  for (const a of dpia.actions) pdf.field(a.action, `${labels.action.owner} : ${a.owner} · ${labels.action.dueDate} : ${a.dueDate} · ${a.done ? labels.action.done : labels.action.open}`);
  pdf.heading(labels.sections.dpoOpinion);
  pdf.paragraph([dpia.dpoOpinion.date, dpia.dpoOpinion.text].filter(Boolean).join(" — ") || "—");
  pdf.heading(labels.sections.subjectsOpinion);
  pdf.paragraph(dpia.subjectsOpinion.gathered ? dpia.subjectsOpinion.text || "—" : `${labels.notGathered}${dpia.subjectsOpinion.reasonNotGathered ? ` : ${dpia.subjectsOpinion.reasonNotGathered}` : ""}`);
  pdf.heading(labels.sections.validation);
  pdf.paragraph([labels.decisions[dpia.validation.decision], dpia.validation.by, dpia.validation.date, dpia.validation.comment].filter(Boolean).join(" — "));
  return pdf.finish();
}
