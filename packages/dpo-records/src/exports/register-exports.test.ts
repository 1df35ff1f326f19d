import ExcelJS from "exceljs";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { DEFAULT_CONTROLLER_ACTIVITIES } from "../registers/controller-defaults";
import { CONTROLLER_FIELDS } from "../registers/schemas";
import { renderCnilWorkbook, renderRegisterCsv, renderRegisterPdf, type RegisterLabels } from "./register-exports";

const labels: RegisterLabels = {
  title: "Registre des activités de traitement",
  subtitle: "Responsable de traitement : Rappel SAS",
  generatedAt: "Généré le",
  createdAt: "Créée le",
  updatedAt: "Mise à jour le",
  version: "Version",
  fields: Object.fromEntries(CONTROLLER_FIELDS.map((f) => [f.key, `L:${f.key}`])),
  options: { health: "Santé", nir: "NIR", encryption: "Chiffrement" },
  formatDate: (d) => d.toISOString().slice(0, 10),
};
const when = new Date("2026-11-20T10:00:00Z");
const entries = DEFAULT_CONTROLLER_ACTIVITIES.map((content, i) => ({ content, version: i + 1, createdAt: when, updatedAt: when }));

describe("register exports", () => {
  it("CSV: one line per activity, formula cells neutralised, labels as headers", () => {
    const evil = { ...entries[0]!, content: { ...entries[0]!.content, name: "=HYPERLINK(\"http://x\")" } };
    const csv = renderRegisterCsv([evil, ...entries.slice(1)], CONTROLLER_FIELDS, labels);
    const lines = csv.replace(/^\uFEFF/, "").trimEnd().split("\r\n");
    expect(lines).toHaveLength(1 + entries.length);
    expect(lines[0]!.startsWith("L:name;L:reference;")).toBe(true);
    expect(lines[1]!.startsWith(`"'=HYPERLINK(""http://x"")"`)).toBe(true);
    expect(lines[1]).toContain("Santé ; NIR");
  });

  it("PDF: a parseable document that carries every activity", async () => {
    const bytes = await renderRegisterPdf(entries, CONTROLLER_FIELDS, labels, when);
    const doc = await PDFDocument.load(bytes);
    expect(doc.getTitle()).toBe(labels.title);
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(entries.length / 2);
    expect(Buffer.from(bytes).subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("PDF: characters outside WinAnsi do not break the export", async () => {
    const odd = [{ ...entries[0]!, content: { ...entries[0]!.content, purposeMain: "Suivi → 日本語 ≤ 3 ans" } }];
    await expect(renderRegisterPdf(odd, CONTROLLER_FIELDS, labels, when)).resolves.toBeInstanceOf(Uint8Array);
  });

  it("XLSX: the CNIL layout, a summary sheet and one fiche per activity", async () => {
    const bytes = await renderCnilWorkbook(entries, CONTROLLER_FIELDS, labels);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(["Registre", ...entries.map((_, i) => `Fiche ${i + 1}`)]);
    const summary = book.getWorksheet("Registre")!;
    expect(summary.getRow(5).getCell(2).value).toBe("Gestion du personnel");
    const fiche = book.getWorksheet("Fiche 1")!;
    const rows = fiche.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows.some((r) => r[1] === "L:retention" && String(r[2]).includes("Dossier du salarié | 5 ans après le départ"))).toBe(true);
  });
});
