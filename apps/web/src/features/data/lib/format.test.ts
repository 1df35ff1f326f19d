import { describe, expect, it } from "vitest";
import { rejectedCsvFileName } from "./csv-download";
import { formatDuration } from "./format";
import { defaultFileName, formatMegabytes, hasAcceptedExtension, MAX_IMPORT_FILE_BYTES } from "./limits";

describe("formatDuration", () => {
  it("reads as seconds, minutes or hours", () => {
    expect(formatDuration(0)).toBe("0 s");
    expect(formatDuration(12.4)).toBe("12 s");
    expect(formatDuration(125)).toBe("2 min 05 s");
    expect(formatDuration(3780)).toBe("1 h 03 min");
    expect(formatDuration(-5)).toBe("0 s");
  });
});

describe("upload limits", () => {
  it("accepts CSV, TSV, TXT and XLSX names only", () => {
    for (const ok of ["a.csv", "B.CSV", "x.tsv", "x.txt", "Classeur.xlsx"]) expect(hasAcceptedExtension(ok), ok).toBe(true);
    for (const bad of ["a.xls", "a.pdf", "csv", "a.csv.exe"]) expect(hasAcceptedExtension(bad), bad).toBe(false);
  });

  it("names raw uploads from their type and shows the limit in the reader's units", () => {
    expect(defaultFileName("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")).toBe("upload.xlsx");
    expect(defaultFileName("text/csv")).toBe("upload.csv");
    expect(defaultFileName(null)).toBe("upload.csv");
    expect(formatMegabytes(MAX_IMPORT_FILE_BYTES, "fr")).toBe("500 Mo");
    expect(formatMegabytes(MAX_IMPORT_FILE_BYTES, "en")).toBe("500 MB");
  });

  it("names the rejected rows' CSV after the file", () => {
    expect(rejectedCsvFileName("Export billetterie 2026.csv", "fr")).toBe("rejets-Export-billetterie-2026.csv");
    expect(rejectedCsvFileName("orders.xlsx", "en")).toBe("rejected-orders.csv");
    expect(rejectedCsvFileName(".csv", "fr")).toBe("rejets-import.csv");
  });
});
