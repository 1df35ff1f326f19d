// Countries and languages by name or code, in French and English. The names come from the ICU
// data Node ships (Intl.DisplayNames), so no list is kept by hand; built once, on first use.
import { fail, foldLabel, ok, type FieldResult } from "./result";

const normaliseName = (value: string) => foldLabel(value).replace(/[^a-z0-9]+/g, " ").trim();

let countryIndex: Map<string, string> | undefined;
let languageIndex: Map<string, string> | undefined;

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
// Codes ICU names that are not countries: unknown region, EU, eurozone, UN, outlying Oceania,
// pseudo-locales.
const NOT_COUNTRIES = new Set(["ZZ", "EU", "EZ", "UN", "QO", "XA", "XB"]);

// A deprecated code (DD for East Germany, YU, ZR…) is canonicalised by ICU to its successor:
// keep only codes that are their own canonical form, so "Allemagne" is DE, not DD.
const isCurrentRegion = (code: string) => !NOT_COUNTRIES.has(code) && Intl.getCanonicalLocales(`und-${code}`)[0] === `und-${code}`;

function buildCountryIndex(): Map<string, string> {
  const index = new Map<string, string>();
  const names = ["fr", "en"].map((locale) => new Intl.DisplayNames([locale], { type: "region", fallback: "none" }));
  for (const a of LETTERS) {
    for (const b of LETTERS) {
      const code = a + b;
      if (!isCurrentRegion(code)) continue;
      const localised = names.map((n) => n.of(code)).filter((name): name is string => name !== undefined);
      if (localised.length === 0) continue;
      index.set(normaliseName(code), code);
      for (const name of localised) if (!index.has(normaliseName(name))) index.set(normaliseName(name), code);
    }
  }
  // What exports actually write besides the official short names.
  const aliases: Record<string, string> = {
    fra: "FR", "france metropolitaine": "FR", metropole: "FR", uk: "GB", angleterre: "GB", england: "GB",
    "royaume uni": "GB", "grande bretagne": "GB", "great britain": "GB", usa: "US", "etats unis": "US",
    deu: "DE", allemagne: "DE", bel: "BE", che: "CH", suisse: "CH", esp: "ES", ita: "IT",
    "pays bas": "NL", hollande: "NL", lux: "LU",
  };
  for (const [alias, code] of Object.entries(aliases)) index.set(alias, code);
  return index;
}

/** "France", "FR", "fra", "Royaume-Uni", "Germany" → ISO 3166-1 alpha-2 ("FR", "GB", "DE"). */
export function parseCountry(input: string): FieldResult<string> {
  countryIndex ??= buildCountryIndex();
  const code = countryIndex.get(normaliseName(input));
  return code ? ok(code) : fail("country.unknown");
}

function buildLanguageIndex(): Map<string, string> {
  const index = new Map<string, string>();
  const names = ["fr", "en"].map((locale) => new Intl.DisplayNames([locale], { type: "language", fallback: "none" }));
  for (const a of "abcdefghijklmnopqrstuvwxyz") {
    for (const b of "abcdefghijklmnopqrstuvwxyz") {
      const code = a + b;
      const localised = names.map((n) => n.of(code)).filter((name): name is string => name !== undefined && name !== code);
      if (localised.length === 0) continue;
      index.set(code, code);
      for (const name of localised) if (!index.has(normaliseName(name))) index.set(normaliseName(name), code);
    }
  }
  index.set("vf", "fr");
  index.set("vo", "en");
  return index;
}

/** "fr", "FR-fr", "fr_FR", "Français", "English", "anglais" → ISO 639-1 code ("fr", "en"). */
export function parseLanguage(input: string): FieldResult<string> {
  languageIndex ??= buildLanguageIndex();
  const text = normaliseName(input);
  const code = languageIndex.get(text) ?? languageIndex.get(text.split(" ")[0] ?? "");
  return code ? ok(code) : fail("language.unknown");
}
