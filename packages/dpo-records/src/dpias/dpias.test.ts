import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { renderDpiaPdf, type DpiaLabels } from "./dpia-pdf";
import { ZDpia, classifyRisk, emptyDpia, listOverdueActions } from "./schemas";

const dpia = () => {
  const d = emptyDpia("Campagnes SMS");
  d.risks[0] = { ...d.risks[0]!, severity: 3, likelihood: 2, impacts: "Sollicitations non désirées", measures: "Chiffrement" };
  d.actions = [
    { action: "Rotation des clés", owner: "CTO", dueDate: "2026-11-01", done: false },
    { action: "Revue des accès", owner: "DPO", dueDate: "2026-12-01", done: false },
    { action: "Sauvegardes testées", owner: "Ops", dueDate: "2026-10-01", done: true },
  ];
  return d;
};

describe("DPIA", () => {
  it("places risks on the CNIL map", () => {
    expect(classifyRisk(1, 1)).toBe("acceptable");
    expect(classifyRisk(2, 2)).toBe("acceptable");
    expect(classifyRisk(3, 2)).toBe("to_reduce");
    expect(classifyRisk(1, 4)).toBe("to_reduce");
    expect(classifyRisk(3, 3)).toBe("unacceptable");
    expect(classifyRisk(4, 4)).toBe("unacceptable");
  });

  it("validates the method's order: the DPO's opinion before the controller's decision, levels on 1–4", () => {
    const d = dpia();
    expect(ZDpia.safeParse(d).success).toBe(true);
    expect(ZDpia.safeParse({ ...d, validation: { decision: "validated", by: "Direction", date: "2026-11-20", comment: "" } }).success).toBe(false);
    expect(ZDpia.safeParse({ ...d, dpoOpinion: { text: "Favorable", date: "2026-11-19" }, validation: { decision: "validated", by: "Direction", date: "2026-11-20", comment: "" } }).success).toBe(true);
    expect(ZDpia.safeParse({ ...d, risks: d.risks.map((r) => ({ ...r, severity: 5 })) }).success).toBe(false);
    expect(ZDpia.safeParse({ ...d, risks: [d.risks[0]!, d.risks[0]!, d.risks[0]!] }).success).toBe(false);
    expect(ZDpia.safeParse({ ...d, actions: [{ action: "x", owner: "", dueDate: "2026-11-01", done: false }] }).success).toBe(false);
  });

  it("lists overdue actions", () => {
    expect(listOverdueActions(dpia(), "2026-11-20").map((a) => a.action)).toEqual(["Rotation des clés"]);
  });

  it("exports as PDF", async () => {
    const labels: DpiaLabels = {
      title: "AIPD",
      sections: { context: "Contexte", principles: "Principes", risks: "Risques", map: "Cartographie", actions: "Plan d'action", dpoOpinion: "Avis du DPO", subjectsOpinion: "Avis des personnes", validation: "Validation" },
      context: { processing: "Traitement", purposes: "Finalités", controller: "Responsable", processors: "Sous-traitants", dataCategories: "Données", retention: "Durées", assets: "Supports" },
      principles: {}, assessments: {}, risks: { illegitimate_access: "Accès illégitime", unwanted_modification: "Modification non désirée", disappearance: "Disparition" },
      riskFields: { impacts: "Impacts", threats: "Menaces", sources: "Sources", measures: "Mesures", severity: "Gravité", likelihood: "Vraisemblance", residual: "Résiduel", zone: "Zone" },
      zones: { acceptable: "Acceptable", to_reduce: "À réduire", unacceptable: "Inacceptable" }, levels: { "1": "Négligeable", "2": "Limitée", "3": "Importante", "4": "Maximale" },
      action: { owner: "Responsable", dueDate: "Échéance", done: "Fait", open: "À faire" }, decisions: { pending: "En attente" }, notGathered: "Non recueilli", generatedAt: "Généré le",
      formatDate: (d) => d.toISOString().slice(0, 10),
    };
    const bytes = await renderDpiaPdf(dpia(), labels, "AIPD-001", 3, new Date("2026-11-20T00:00:00Z"));
    const doc = await PDFDocument.load(bytes);
    expect(doc.getTitle()).toBe("AIPD — Campagnes SMS");
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(1);
  });
});
