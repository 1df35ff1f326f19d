import { describe, expect, it } from "vitest";
import { neutraliseCell, toCsv } from "./csv";

interface Row {
  name: string;
  revenue: number | null;
  note?: string;
}

const columns = [
  { header: "Spectacle", value: "name" as const },
  { header: "Recette", value: "revenue" as const },
  { header: "Note", value: (r: Row) => r.note },
];

describe("toCsv", () => {
  it("writes a UTF-8 BOM, a header and CRLF-terminated records", () => {
    const csv = toCsv<Row>([{ name: "Le Misanthrope", revenue: 21800 }], columns);
    expect(csv).toBe("\uFEFFSpectacle,Recette,Note\r\nLe Misanthrope,21800,\r\n");
    expect(toCsv<Row>([], columns, { bom: false })).toBe("Spectacle,Recette,Note\r\n");
  });

  it("quotes fields with the delimiter, quotes, line breaks or edge spaces (RFC 4180)", () => {
    const csv = toCsv<Row>(
      [{ name: 'Cyrano, "le vrai"', revenue: 1, note: "ligne 1\nligne 2" }, { name: " espace", revenue: 2, note: "a;b" }],
      columns,
      { bom: false },
    );
    expect(csv.split("\r\n")).toEqual([
      "Spectacle,Recette,Note",
      '"Cyrano, ""le vrai""",1,"ligne 1\nligne 2"',
      '" espace",2,a;b',
      "",
    ]);
    expect(toCsv<Row>([{ name: "a;b", revenue: 3 }], columns, { bom: false, delimiter: ";" })).toBe('Spectacle;Recette;Note\r\n"a;b";3;\r\n');
  });

  it("neutralises cells that a spreadsheet would run as formulas", () => {
    const attacks = ["=HYPERLINK(\"http://evil\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"];
    const csv = toCsv<Row>(attacks.map((name) => ({ name, revenue: -5 })), columns, { bom: false });
    const lines = csv.split("\r\n").slice(1, -1);
    expect(lines[0]).toBe(`"'=HYPERLINK(""http://evil"")",-5,`);
    expect(lines[1]).toBe("'+1+1,-5,");
    expect(lines[2]).toBe("'-2+3,-5,");
    expect(lines[3]).toBe("'@SUM(A1),-5,");
    expect(lines[4]).toBe("'\t=1,-5,");
    expect(lines[5]).toBe(`"'\r=1",-5,`);
    // Numbers stay numbers; an innocent text is untouched; headers are neutralised too.
    expect(neutraliseCell("Théâtre = vie")).toBe("Théâtre = vie");
    expect(toCsv([{ a: 1 }], [{ header: "=cmd", value: "a" as const }], { bom: false })).toBe("'=cmd\r\n1\r\n");
  });
});
