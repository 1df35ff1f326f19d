// Export of responses (CSV, XLSX) with their ticketing context. Every text cell is neutralised
// (a leading = + - @ becomes text) so a spreadsheet never runs a spectator's comment as a formula.
import ExcelJS from "exceljs";
import { neutraliseCell, toCsv, type CsvColumn } from "@rappel/ignition-analytics";
import { allQuestions, type TAnswers, type TSurveyDefinition } from "@rappel/survey";

export interface ExportRow {
  id: string;
  performanceLabel: string;
  venueName: string;
  priceCategory: string | null;
  salesChannel: string | null;
  firstTimer: boolean;
  completed: boolean;
  version: number;
  answers: TAnswers;
}

function cell(value: unknown): string | number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return value ? "oui" : "non";
  if (typeof value === "object" && "selected" in (value as object)) {
    const v = value as { selected: string[]; other?: string };
    return [...v.selected, ...(v.other ? [`autre: ${v.other}`] : [])].join(" | ");
  }
  return String(value);
}

export function exportColumns(def: Pick<TSurveyDefinition, "pages">): CsvColumn<ExportRow>[] {
  const base: CsvColumn<ExportRow>[] = [
    { header: "response_id", value: "id" },
    { header: "performance", value: "performanceLabel" },
    { header: "venue", value: "venueName" },
    { header: "price_category", value: (r) => r.priceCategory ?? "" },
    { header: "sales_channel", value: (r) => r.salesChannel ?? "" },
    { header: "first_timer", value: (r) => (r.firstTimer ? "oui" : "non") },
    { header: "completed", value: (r) => (r.completed ? "oui" : "non") },
    { header: "version", value: "version" },
  ];
  const questions = allQuestions(def).flatMap((q): CsvColumn<ExportRow>[] =>
    q.type === "matrix"
      ? q.rows.map((row) => ({ header: `${q.id}.${row.id}`, value: (r: ExportRow) => cell((r.answers[q.id] as Record<string, number> | undefined)?.[row.id]) ?? "" }))
      : [{ header: q.id, value: (r: ExportRow) => cell(r.answers[q.id]) ?? "" }],
  );
  return [...base, ...questions];
}

export function responsesToCsv(def: Pick<TSurveyDefinition, "pages">, rows: readonly ExportRow[]): string {
  return toCsv(rows, exportColumns(def), { delimiter: ";" });
}

export async function responsesToXlsx(def: Pick<TSurveyDefinition, "pages">, rows: readonly ExportRow[]): Promise<Buffer> {
  const columns = exportColumns(def);
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("Réponses");
  sheet.addRow(columns.map((c) => c.header));
  for (const row of rows) {
    sheet.addRow(
      columns.map((c) => {
        const v = typeof c.value === "function" ? c.value(row) : row[c.value];
        // Strings go in as neutralised text: ExcelJS writes them as shared strings, never formulas.
        return typeof v === "number" ? v : neutraliseCell(String(v ?? ""));
      }),
    );
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
