import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { openImportFile, ImportFileError, headerNames } from "./open-import-file";
import { readAll, streamOf, utf8, win1252 } from "./test-helpers";

describe("CSV encodings", () => {
  const text = "Nom;Ville;Prix\nFrançois Bœuf;Besançon;12,50 €\nÉlise Cœur;Orléans;œuvre €\n";
  const expected = [
    { line: 2, Nom: "François Bœuf", Ville: "Besançon", Prix: "12,50 €" },
    { line: 3, Nom: "Élise Cœur", Ville: "Orléans", Prix: "œuvre €" },
  ];

  it("reads UTF-8 without BOM", async () => {
    const r = await readAll(utf8(text));
    expect(r.plain).toEqual(expected);
    expect(r.summary.csv).toMatchObject({ encoding: "utf-8", bom: false, delimiter: ";", replacementCharacters: 0 });
  });

  it("reads UTF-8 with BOM, and the BOM does not stick to the first header", async () => {
    const r = await readAll(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(text)]));
    expect(r.headers).toEqual(["Nom", "Ville", "Prix"]);
    expect(r.plain).toEqual(expected);
    expect(r.summary.csv).toMatchObject({ encoding: "utf-8", bom: true });
  });

  it("reads Windows-1252 (é, ç, œ, €)", async () => {
    const bytes = win1252(text);
    expect(bytes.includes(0x9c)).toBe(true); // œ is 0x9C in Windows-1252, absent from Latin-1
    expect(bytes.includes(0x80)).toBe(true); // € is 0x80
    const r = await readAll(bytes);
    expect(r.plain).toEqual(expected);
    expect(r.summary.csv?.encoding).toBe("windows-1252");
  });

  it("decides correctly even when the first accent comes late and chunks are one byte long", async () => {
    const late = "a;b\n" + "x;y\n".repeat(500) + "Hélène;ç\n";
    for (const [bytes, encoding] of [
      [utf8(late), "utf-8"],
      [win1252(late), "windows-1252"],
    ] as const) {
      const r = await readAll(bytes, { chunkSize: 1 });
      expect(r.rows.at(-1)).toEqual({ line: 502, raw: expect.objectContaining({ a: "Hélène", b: "ç" }) });
      expect(r.summary.csv?.encoding).toBe(encoding);
    }
  });

  it("reads UTF-16LE with BOM (Excel's 'Unicode text' export, tab-separated)", async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Nom\tVille\nZoé\tSète\n", "utf16le")]);
    const r = await readAll(bytes);
    expect(r.plain).toEqual([{ line: 2, Nom: "Zoé", Ville: "Sète" }]);
    expect(r.summary.csv).toMatchObject({ encoding: "utf-16le", delimiter: "\t" });
  });

  it("counts bytes that are invalid in a file detected as UTF-8", async () => {
    // The decision is made on the chunk holding the first accent; the bad byte comes later.
    const bytes = Buffer.concat([utf8("a;b\nélan;1\n" + "x;y\n".repeat(100)), Buffer.from([0x78, 0x3b, 0xe9, 0x0a])]);
    const r = await readAll(bytes, { chunkSize: 128 });
    expect(r.rows.at(-1)?.raw.b).toBe("\uFFFD");
    expect(r.summary.csv).toMatchObject({ encoding: "utf-8", replacementCharacters: 1 });
  });
});

describe("CSV delimiters and structure", () => {
  it.each([
    [";", "a;b;c\n1;2;3\n"],
    [",", "a,b,c\n1,2,3\n"],
    ["\t", "a\tb\tc\n1\t2\t3\n"],
  ])("sniffs %j", async (delimiter, text) => {
    const r = await readAll(utf8(text));
    expect(r.summary.csv?.delimiter).toBe(delimiter);
    expect(r.plain).toEqual([{ line: 2, a: "1", b: "2", c: "3" }]);
  });

  it("is not fooled by commas in decimal amounts or inside quotes", async () => {
    const r = await readAll(utf8('Nom;Prix;Note\n"Dupont, Jean";12,50;"a,b,c"\nMartin;3,00;x\n'));
    expect(r.summary.csv?.delimiter).toBe(";");
    expect(r.plain[0]).toEqual({ line: 2, Nom: "Dupont, Jean", Prix: "12,50", Note: "a,b,c" });
  });

  it("keeps quoted newlines and doubled quotes, and reports the line where a record starts", async () => {
    const text = 'ref;commentaire;prix\r\nA;"première ligne\r\ndeuxième ""ligne""\r\ntroisième";1\r\nB;simple;2\r\n';
    const r = await readAll(utf8(text), { chunkSize: 7 });
    expect(r.plain).toEqual([
      { line: 2, ref: "A", commentaire: 'première ligne\ndeuxième "ligne"\ntroisième', prix: "1" },
      { line: 5, ref: "B", commentaire: "simple", prix: "2" },
    ]);
  });

  it("ignores blank lines and empty trailing columns, and counts them", async () => {
    const text = "a;b;c;;\n\n1;2;3;;\n;;;;\n\n4;5;;;\n6;7\n";
    const r = await readAll(utf8(text));
    expect(r.headers).toEqual(["a", "b", "c"]);
    expect(r.plain).toEqual([
      { line: 3, a: "1", b: "2", c: "3" },
      { line: 6, a: "4", b: "5", c: "" },
      { line: 7, a: "6", b: "7", c: "" },
    ]);
    expect(r.summary).toMatchObject({ rowsRead: 3, blankRowsSkipped: 3, headerLine: 1, rowsWithExtraCells: 0 });
  });

  it("keeps cells beyond the header rather than dropping them", async () => {
    const r = await readAll(utf8("a;b\n1;2;oops\n"));
    expect(r.plain).toEqual([{ line: 2, a: "1", b: "2", "Colonne 3": "oops" }]);
    expect(r.summary.rowsWithExtraCells).toBe(1);
  });

  it("treats old Mac (CR) line endings as newlines", async () => {
    const r = await readAll(utf8("a;b\r1;2\r3;4\r"));
    expect(r.plain).toEqual([
      { line: 2, a: "1", b: "2" },
      { line: 3, a: "3", b: "4" },
    ]);
  });

  it("reports a record it cannot read instead of losing it silently", async () => {
    const seen: unknown[] = [];
    const r = await readAll(utf8('a;b\n1;2\n3;"never closed\n4;5\n'), { onMalformedRow: (m) => seen.push(m) });
    expect(r.plain).toEqual([{ line: 2, a: "1", b: "2" }]);
    expect(r.summary.malformedRowCount).toBe(1);
    expect(r.summary.malformedRows[0]).toMatchObject({ line: 3, code: "CSV_QUOTE_NOT_CLOSED" });
    expect(seen).toHaveLength(1);
  });

  it("bounds a runaway quoted field instead of buffering the rest of the file", async () => {
    const text = 'a;b\n1;"' + "x".repeat(5000) + "\n";
    const r = await readAll(utf8(text), { maxRecordChars: 1000 });
    expect(r.summary.malformedRowCount).toBeGreaterThan(0);
    expect(r.summary.malformedRows[0]?.code).toBe("CSV_MAX_RECORD_SIZE");
  });

  it("names empty and repeated headers", () => {
    expect(headerNames(["Date", " ", "Date", "Prix", "", ""])).toEqual(["Date", "Colonne 2", "Date (2)", "Prix"]);
  });

  it("uses null-prototype rows, so a header called __proto__ is just data", async () => {
    const r = await readAll(utf8("__proto__;b\nx;y\n"));
    expect(r.rows[0]?.raw["__proto__"]).toBe("x");
  });
});

describe("openImportFile", () => {
  it("reads a path, and stops early without leaking the file", async () => {
    const path = fileURLToPath(new URL("../../fixtures/orders-en-utf8-bom.csv", import.meta.url));
    const file = await openImportFile(path);
    expect(file.format).toBe("csv");
    for await (const row of file) {
      expect(row.line).toBe(2);
      break;
    }
    expect(file.summary().rowsRead).toBe(1);
  });

  it("refuses empty files, files without header, and legacy XLS", async () => {
    await expect(openImportFile(streamOf(Buffer.alloc(0)))).rejects.toMatchObject({ code: "empty_file" });
    await expect(openImportFile(streamOf(utf8("\n\n;;\n")))).rejects.toMatchObject({ code: "no_header" });
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    await expect(openImportFile(streamOf(xls))).rejects.toBeInstanceOf(ImportFileError);
  });

  it("releases the source when the consumer stops early (preview, cancellation)", async () => {
    const source = streamOf(utf8("a;b\n" + "1;2\n".repeat(100_000)), 1024);
    const file = await openImportFile(source);
    let n = 0;
    for await (const _ of file) if (++n === 10) break;
    await new Promise((resolve) => setImmediate(resolve));
    expect(source.destroyed).toBe(true);
  });

  it("surfaces a read error from the source instead of ending quietly", async () => {
    let reads = 0;
    const source = new Readable({
      read() {
        if (reads++ < 3) this.push(Buffer.from("a;b\n1;2\n".repeat(1000)));
        else this.destroy(new Error("disk gone"));
      },
    });
    let rows = 0;
    await expect(
      (async () => {
        for await (const _ of await openImportFile(source)) rows++;
      })(),
    ).rejects.toThrow("disk gone");
    // Whatever was read before the failure, the import knows it did not reach the end.
    expect(rows).toBeLessThan(3000);
  });

  it("can be iterated only once", async () => {
    const file = await openImportFile(streamOf(utf8("a\n1\n")));
    for await (const _ of file) void _;
    expect(() => file[Symbol.asyncIterator]()).toThrow(/only once/);
  });
});
