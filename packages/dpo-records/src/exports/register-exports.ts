// Register exports: CSV (formula-neutralised, via the shared toCsv), PDF, and the CNIL register
// spreadsheet layout (XLSX: a summary sheet listing the activities, then one "fiche" per activity).
// Labels come from the caller, so the web app exports in the reader's language.
import ExcelJS from "exceljs";
import { toCsv, type CsvColumn } from "@rappel/ignition-analytics";
import { formatFieldValue, type FieldDescriptor, type FieldKind } from "../registers/schemas";
import { PdfWriter } from "./pdf-writer";

export interface RegisterExportEntry {
  content: Record<string, unknown>;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface RegisterLabels {
  title: string;
  subtitle: string;
  generatedAt: string;
  createdAt: string;
  updatedAt: string;
  version: string;
  fields: Record<string, string>;
  /** Sensitive-data flags and security measures, by key. */
  options: Record<string, string>;
  /** Formats a date in the reader's language. */
  formatDate: (d: Date) => string;
}

const valueOf = (field: FieldDescriptor, entry: RegisterExportEntry, labels: RegisterLabels) =>
  formatFieldValue(field.kind as FieldKind, entry.content[field.key], (k) => labels.options[k] ?? k);

export function renderRegisterCsv(entries: readonly RegisterExportEntry[], fields: readonly FieldDescriptor[], labels: RegisterLabels): string {
  const columns: CsvColumn<RegisterExportEntry>[] = [
    ...fields.map((field) => ({ header: labels.fields[field.key] ?? field.key, value: (e: RegisterExportEntry) => valueOf(field, e, labels).replaceAll("\n", " ; ") })),
    { header: labels.createdAt, value: (e) => labels.formatDate(e.createdAt) },
    { header: labels.updatedAt, value: (e) => labels.formatDate(e.updatedAt) },
    { header: labels.version, value: (e) => e.version },
  ];
  return toCsv(entries, columns, { delimiter: ";" });
}

export async function renderRegisterPdf(
  entries: readonly RegisterExportEntry[],
  fields: readonly FieldDescriptor[],
  labels: RegisterLabels,
  now = new Date(),
): Promise<Uint8Array> {
  const pdf = await PdfWriter.create(labels.title, `${labels.title} — ${labels.generatedAt} ${labels.formatDate(now)}`);
  pdf.title(labels.title);
  pdf.paragraph(labels.subtitle, true);
  for (const entry of entries) {
    pdf.heading(String(entry.content.name ?? ""));
    pdf.paragraph(
      `${labels.createdAt} : ${labels.formatDate(entry.createdAt)} · ${labels.updatedAt} : ${labels.formatDate(entry.updatedAt)} · ${labels.version} ${entry.version}`,
      true,
    );
    for (const field of fields) {
      if (field.key === "name") continue;
      pdf.field(labels.fields[field.key] ?? field.key, valueOf(field, entry, labels));
    }
  }
  return pdf.finish();
}

/** The CNIL template's layout: "Registre" (one line per activity) and one "Fiche" sheet per activity. */
export async function renderCnilWorkbook(
  entries: readonly RegisterExportEntry[],
  fields: readonly FieldDescriptor[],
  labels: RegisterLabels,
): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.creator = "Rappel";
  book.created = new Date(0);
  const summary = book.addWorksheet("Registre");
  summary.addRow([labels.title]).font = { bold: true, size: 14 };
  summary.addRow([labels.subtitle]);
  summary.addRow([]);
  const header = summary.addRow(["N°", labels.fields.name ?? "name", labels.createdAt, labels.updatedAt, labels.fields.purposeMain ?? "purposeMain"]);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDCE6F1" } };
  });
  entries.forEach((entry, i) => {
    summary.addRow([i + 1, text(entry.content.name), labels.formatDate(entry.createdAt), labels.formatDate(entry.updatedAt), text(entry.content.purposeMain)]);
  });
  summary.columns = [{ width: 6 }, { width: 40 }, { width: 16 }, { width: 16 }, { width: 60 }];

  entries.forEach((entry, i) => {
    const sheet = book.addWorksheet(`Fiche ${i + 1}`);
    sheet.addRow([text(entry.content.name)]).font = { bold: true, size: 13 };
    sheet.addRow([labels.createdAt, labels.formatDate(entry.createdAt)]);
    sheet.addRow([labels.updatedAt, labels.formatDate(entry.updatedAt)]);
    sheet.addRow([]);
    for (const field of fields) {
      if (field.key === "name") continue;
      const row = sheet.addRow([labels.fields[field.key] ?? field.key, text(valueOf(field, entry, labels))]);
      row.getCell(1).font = { bold: true };
      row.getCell(2).alignment = { wrapText: true, vertical: "top" };
      row.getCell(1).alignment = { vertical: "top", wrapText: true };
    }
    sheet.columns = [{ width: 38 }, { width: 90 }];
  });
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** Cells are written as strings; a leading formula character is neutralised as in CSV. */
function text(value: unknown): string {
  const s = value === undefined || value === null ? "" : String(value);
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}
