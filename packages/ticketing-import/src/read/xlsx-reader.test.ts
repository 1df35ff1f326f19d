import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { parseDateTime } from "../fields/dates";
import { parseAmount } from "../fields/amounts";
import { cellToText } from "./xlsx-source";
import { readAll } from "./test-helpers";

// Excel stores wall-clock date-times without a zone; exceljs represents them as Dates whose UTC
// fields are that wall time. Build cells the same way.
const excelDate = (y: number, m: number, d: number, h = 0, min = 0) => new Date(Date.UTC(y, m - 1, d, h, min));

async function workbookBytes(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Ventes");
  ws.addRow(["N° commande", "Date de commande", "Date représentation", "Heure", "Prix TTC", "Quantité", "CP", "Spectacle", "Total", "Exonéré"]);
  ws.addRow([]); // a blank spreadsheet row
  const r3 = ws.addRow(["C-1", excelDate(2025, 3, 28, 23, 15), excelDate(2025, 3, 30), excelDate(1899, 12, 30, 20, 30), 12.5, 2, "01000", { richText: [{ text: "Le " }, { text: "Misanthrope", font: { bold: true } }] }, { formula: "E3*F3", result: 25 }, true]);
  r3.getCell(2).numFmt = "dd/mm/yyyy hh:mm";
  r3.getCell(3).numFmt = "dd/mm/yyyy";
  r3.getCell(4).numFmt = "hh:mm";
  const r4 = ws.addRow(["C-2", excelDate(2025, 10, 26, 2, 30), excelDate(2025, 10, 26), null, 0.1 + 0.2, 1200, "69001", "Cœur à cœur", null, false]);
  r4.getCell(2).numFmt = "dd/mm/yyyy hh:mm";
  r4.getCell(3).numFmt = "dd/mm/yyyy";
  wb.addWorksheet("Autre").addRow(["ignored"]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("XLSX reader", () => {
  it("streams the first sheet with real row numbers, dates, numbers and text", async () => {
    const r = await readAll(await workbookBytes(), { chunkSize: 4096 });
    expect(r.summary).toMatchObject({ format: "xlsx", headerLine: 1, rowsRead: 2, xlsx: { sheetName: "Ventes" } });
    expect(r.headers).toEqual(["N° commande", "Date de commande", "Date représentation", "Heure", "Prix TTC", "Quantité", "CP", "Spectacle", "Total", "Exonéré"]);
    expect(r.plain).toEqual([
      {
        line: 3,
        "N° commande": "C-1",
        "Date de commande": "2025-03-28T23:15:00",
        "Date représentation": "2025-03-30",
        Heure: "20:30",
        "Prix TTC": "12.5",
        Quantité: "2",
        CP: "01000",
        Spectacle: "Le Misanthrope",
        Total: "25",
        Exonéré: "true",
      },
      {
        line: 4,
        "N° commande": "C-2",
        "Date de commande": "2025-10-26T02:30:00",
        "Date représentation": "2025-10-26",
        Heure: "",
        // 0.1 + 0.2 is stored as 0.30000000000000004; read back as the number a person sees.
        "Prix TTC": "0.3",
        Quantité: "1200",
        CP: "69001",
        Spectacle: "Cœur à cœur",
        Total: "",
        Exonéré: "false",
      },
    ]);
  });

  it("gives cells that the field parsers read as Paris time and exact cents", async () => {
    const r = await readAll(await workbookBytes());
    const first = r.rows[0]!.raw;
    const orderDate = parseDateTime(first["Date de commande"]!);
    expect(orderDate.ok && orderDate.value.at.toISOString()).toBe("2025-03-28T22:15:00.000Z");
    const start = parseDateTime(first["Date représentation"]!, { time: first["Heure"] });
    expect(start.ok && start.value.at.toISOString()).toBe("2025-03-30T18:30:00.000Z"); // summer time
    expect(parseAmount(first["Prix TTC"]!)).toEqual({ ok: true, value: { cents: 1250, currency: "EUR" } });
  });

  it("reads every part of the workbook when many files are read at once", async () => {
    // exceljs's one-pass streaming reader lost whole parts under load (a few reads in a thousand
    // failed on a missing workbook part or read dates as plain numbers): each read must see
    // the sheet's name and the styles that make a date a date.
    const bytes = await workbookBytes();
    const outcomes = new Map<string, number>();
    for (let round = 0; round < 100; round++) {
      const reads = Array.from({ length: 8 }, () =>
        readAll(bytes).then(
          (r) => `${r.summary.xlsx?.sheetName} ${r.rows[0]!.raw["Date de commande"]}`,
          (error: Error) => error.message,
        ),
      );
      for (const outcome of await Promise.all(reads)) outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
    expect([...outcomes]).toEqual([["Ventes 2025-03-28T23:15:00", 800]]);
  });

  it("reads the first visible sheet in tab order, not a hidden one before it", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Brouillon", { state: "hidden" }).addRow(["not this one"]);
    const sales = wb.addWorksheet("Ventes");
    sales.addRow(["N° commande"]);
    sales.addRow(["C-9"]);
    wb.addWorksheet("Notes").addRow(["nor this one"]);
    const r = await readAll(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(r.summary.xlsx).toEqual({ sheetName: "Ventes" });
    expect(r.plain).toEqual([{ line: 2, "N° commande": "C-9" }]);
  });

  it("refuses a workbook without any sheet with a clear error", async () => {
    const wb = new ExcelJS.Workbook();
    const noSheet = Buffer.from(await wb.xlsx.writeBuffer());
    await expect(readAll(noSheet)).rejects.toMatchObject({ code: "unreadable_xlsx", message: expect.stringContaining("no worksheet") });
  });

  it("refuses a zip that is not a workbook with a clear error", async () => {
    const notXlsx = Buffer.from("PK\x03\x04 this is not a real zip archive at all", "latin1");
    await expect(readAll(notXlsx)).rejects.toMatchObject({ code: "unreadable_xlsx" });
  });

  it("renders cell values as text", () => {
    expect(cellToText(null)).toBe("");
    expect(cellToText({ error: "#DIV/0!" })).toBe("");
    expect(cellToText({ text: "site", hyperlink: "https://example.org" })).toBe("site");
    expect(cellToText(excelDate(2025, 1, 5, 9, 5))).toBe("2025-01-05T09:05:00");
  });
});
