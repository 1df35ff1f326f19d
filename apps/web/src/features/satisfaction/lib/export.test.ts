import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { createCoreDefinition } from "@rappel/survey";
import { responsesToCsv, responsesToXlsx, type ExportRow } from "./export";

const rows: ExportRow[] = [
  {
    id: "r1", performanceLabel: "Le Misanthrope — 1 déc.", venueName: "Grande salle", priceCategory: "=HYPERLINK(\"x\")", salesChannel: "web",
    firstTimer: true, completed: true, version: 1,
    answers: { nps: 3, disappointed: "=1+1 trop cher", aspects: { sound: 2 }, comment: "@SUM(A1) « bien »" },
  },
];

describe("responses export", () => {
  const def = createCoreDefinition();

  it("writes CSV with one column per question and matrix row, formulas neutralised", () => {
    const csv = responsesToCsv(def, rows);
    const [header, line] = csv.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(header).toBe("response_id;performance;venue;price_category;sales_channel;first_timer;completed;version;nps;disappointed;aspects.artistic;aspects.sound;aspects.sightlines;aspects.comfort;aspects.welcome;comment");
    expect(line).toContain("'=1+1 trop cher");
    expect(line).toContain("'@SUM(A1)");
    expect(line).not.toMatch(/;=|;@/);
  });

  it("writes XLSX cells as text, never formulas", async () => {
    const book = new ExcelJS.Workbook();
    const bytes = await responsesToXlsx(def, rows);
    await book.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const sheet = book.getWorksheet("Réponses")!;
    const values = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(values).toContain(3);
    for (const v of values) expect(typeof v === "object" && v !== null && "formula" in v).toBe(false);
    expect(values).toContain("'=1+1 trop cher");
  });
});
