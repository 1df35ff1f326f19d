import { describe, expect, it } from "vitest";
import { parseCountry, parseLanguage } from "./countries";
import { parseBoolean, parseInteger, parsePostalCode, parseText } from "./scalars";

const value = <T>(r: { ok: true; value: T } | { ok: false; code: string }) => (r.ok ? r.value : r.code);

describe("parseInteger", () => {
  it("reads whole numbers with thousands separators", () => {
    expect(value(parseInteger("1200"))).toBe(1200);
    expect(value(parseInteger("1 200"))).toBe(1200);
    expect(value(parseInteger("1\u202f200"))).toBe(1200);
    expect(value(parseInteger("1.200"))).toBe(1200);
    expect(value(parseInteger("12,00"))).toBe(12);
    expect(value(parseInteger("-3"))).toBe(-3);
    expect(value(parseInteger("12,5"))).toBe("integer.invalid");
    expect(value(parseInteger("douze"))).toBe("integer.invalid");
    expect(value(parseInteger("-1", { min: 0 }))).toBe("integer.out_of_range");
  });
});

describe("parseBoolean", () => {
  it("reads oui/non, yes/no, vrai/faux, 1/0", () => {
    for (const t of ["oui", "OUI", "Oui ", "yes", "Y", "vrai", "Vrai", "true", "1", "o"]) expect(value(parseBoolean(t))).toBe(true);
    for (const f of ["non", "NON", "no", "N", "faux", "false", "0"]) expect(value(parseBoolean(f))).toBe(false);
    const r = parseBoolean("peut-être");
    expect(r.ok).toBe(false);
    expect(!r.ok && r.allowed).toContain("oui");
  });
});

describe("parsePostalCode", () => {
  it("keeps leading zeros and restores the one a spreadsheet dropped", () => {
    expect(value(parsePostalCode("01000"))).toBe("01000");
    expect(value(parsePostalCode("1000"))).toBe("01000");
    expect(value(parsePostalCode(" 69 001 "))).toBe("69001");
    expect(value(parsePostalCode("97400"))).toBe("97400");
    expect(value(parsePostalCode("690"))).toBe("postal_code.invalid");
    expect(value(parsePostalCode("69001-A"))).toBe("postal_code.invalid");
  });

  it("accepts other countries' formats", () => {
    expect(value(parsePostalCode("sw1a 1aa", "GB"))).toBe("SW1A 1AA");
    expect(value(parsePostalCode("1000", "BE"))).toBe("1000");
    expect(value(parsePostalCode("!!", "DE"))).toBe("postal_code.invalid");
  });
});

describe("parseText", () => {
  it("trims, collapses white space, and turns empty into null", () => {
    expect(value(parseText("  Le   Misanthrope\n(Molière) "))).toBe("Le Misanthrope (Molière)");
    expect(value(parseText("\u00a0\u202f "))).toBeNull();
    expect(value(parseText("x".repeat(501)))).toBe("text.too_long");
  });
});

describe("parseCountry / parseLanguage", () => {
  it("reads country names and codes in French and English", () => {
    expect(value(parseCountry("France"))).toBe("FR");
    expect(value(parseCountry("fr"))).toBe("FR");
    expect(value(parseCountry("FRA"))).toBe("FR");
    expect(value(parseCountry("Royaume-Uni"))).toBe("GB");
    expect(value(parseCountry("United Kingdom"))).toBe("GB");
    expect(value(parseCountry("Allemagne"))).toBe("DE");
    expect(value(parseCountry("Germany"))).toBe("DE");
    expect(value(parseCountry("Côte d’Ivoire"))).toBe("CI");
    expect(value(parseCountry("Belgique"))).toBe("BE");
    expect(value(parseCountry("Atlantide"))).toBe("country.unknown");
    expect(value(parseCountry("ZZ"))).toBe("country.unknown");
  });

  it("reads languages", () => {
    expect(value(parseLanguage("Français"))).toBe("fr");
    expect(value(parseLanguage("fr-FR"))).toBe("fr");
    expect(value(parseLanguage("English"))).toBe("en");
    expect(value(parseLanguage("anglais"))).toBe("en");
    expect(value(parseLanguage("klingon"))).toBe("language.unknown");
  });
});
