import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { openImportFile } from "./open-import-file";
import { syntheticExport } from "./synthetic-export";

// A collectable heap is measured after a full GC; expose gc() to this test only.
v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

const heapMb = () => {
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};

describe("streaming", () => {
  it("reads 200,000 rows with a flat heap, pulling the source only as fast as rows are consumed", async () => {
    const ROWS = 200_000;
    const progress = { produced: 0 };
    const before = heapMb();
    const file = await openImportFile(syntheticExport(ROWS, progress));
    let consumed = 0;
    let peakGrowth = 0;
    let maxLead = 0;
    let lastLine = 0;
    for await (const row of file) {
      consumed++;
      lastLine = row.line;
      maxLead = Math.max(maxLead, progress.produced - consumed);
      if (consumed % 25_000 === 0) peakGrowth = Math.max(peakGrowth, heapMb() - before);
    }
    const after = heapMb();
    expect(consumed).toBe(ROWS);
    // Rows 0, 1000, … 199,000 have a title on two lines: the last row starts 200 lines later.
    expect(lastLine).toBe(1 + ROWS + 200);
    // The whole file is ~40 MB of text and 200,000 row objects would be far more; a streaming
    // reader holds a few chunks. Bounds are generous for GC and JIT noise.
    expect(peakGrowth).toBeLessThan(24);
    expect(after - before).toBeLessThan(8);
    // Backpressure: the generator never ran far ahead of the consumer.
    expect(maxLead).toBeLessThan(20_000);
  });

  it("reads an XLSX whose shared-strings table holds 180,000 distinct strings with a flat heap", async () => {
    const ROWS = 60_000;
    const dir = mkdtempSync(join(tmpdir(), "rappel-xlsx-memory-"));
    const path = join(dir, "export.xlsx");
    try {
      // Two unique text cells per row, all through the shared-strings table (exceljs's default).
      const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
      const sheet = writer.addWorksheet("Ventes");
      sheet.addRow(["Référence", "Acheteur", "Commentaire"]).commit();
      for (let i = 0; i < ROWS; i++) sheet.addRow([`CMD-${i}`, `Acheteur numéro ${i} — ${"x".repeat(40 + (i % 40))}`, `Note ${i} ${"y".repeat(40)}`]).commit();
      sheet.commit();
      await writer.commit();

      const before = heapMb();
      let peakGrowth = 0;
      let consumed = 0;
      let last: Record<string, string> | undefined;
      for await (const row of await openImportFile(path)) {
        consumed++;
        last = row.raw;
        if (consumed % 10_000 === 0) peakGrowth = Math.max(peakGrowth, heapMb() - before);
      }
      expect(consumed).toBe(ROWS);
      expect(last).toMatchObject({ Référence: `CMD-${ROWS - 1}`, Commentaire: `Note ${ROWS - 1} ${"y".repeat(40)}` });
      // exceljs's own cache kept every distinct string in the heap (~35 MB here); the spool keeps
      // 8 bytes of offset each.
      expect(peakGrowth).toBeLessThan(12);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
