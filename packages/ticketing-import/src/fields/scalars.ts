// Small cell parsers: whole numbers, yes/no, postal codes, text.
import { fail, foldLabel, ok, type FieldResult } from "./result";

/** "1200", "1 200", "1.200", "-3", "12,00" → integer. Bounds are inclusive. */
export function parseInteger(input: string, bounds: { min?: number; max?: number } = {}): FieldResult<number> {
  const text = input.trim().replace(/[\s\u00a0\u202f\u2009]/g, "");
  let digits: string | undefined;
  if (/^[-−]?\d{1,3}(?:[.,']\d{3})+$/.test(text) && !/^[-−]?0[.,]/.test(text)) digits = text.replace(/[.,']/g, "");
  else if (/^[-−]?\d+(?:[.,]0+)?$/.test(text)) digits = text.replace(/[.,]0+$/, "");
  if (digits === undefined) return fail("integer.invalid");
  const value = Number(digits.replace("−", "-"));
  if (!Number.isSafeInteger(value)) return fail("integer.invalid");
  if ((bounds.min !== undefined && value < bounds.min) || (bounds.max !== undefined && value > bounds.max)) {
    return fail("integer.out_of_range");
  }
  return ok(value);
}

const TRUE_WORDS = ["oui", "o", "yes", "y", "vrai", "true", "1"];
const FALSE_WORDS = ["non", "n", "no", "faux", "false", "0"];
const BOOLEAN_WORDS = ["oui", "non", "yes", "no", "vrai", "faux", "true", "false", "1", "0"];

/** oui/non, yes/no, vrai/faux, true/false, 1/0 (case and accents ignored). */
export function parseBoolean(input: string): FieldResult<boolean> {
  const word = foldLabel(input);
  if (TRUE_WORDS.includes(word)) return ok(true);
  if (FALSE_WORDS.includes(word)) return ok(false);
  return fail("boolean.invalid", BOOLEAN_WORDS);
}

/**
 * A postal code kept as text (leading zeros matter: 01000 is Bourg-en-Bresse). French codes are
 * five digits; a four-digit one is a French code whose leading zero a spreadsheet dropped (only
 * 01000–09999 can lose it), so it is padded back. Other countries: letters, digits, space, dash.
 */
export function parsePostalCode(input: string, country: string | null = "FR"): FieldResult<string> {
  const compact = input.trim().toUpperCase().replace(/[\s\u00a0\u202f]+/g, " ");
  if (country === null || country === "FR") {
    const digits = compact.replace(/ /g, "");
    if (/^\d{5}$/.test(digits)) return ok(digits);
    if (/^\d{4}$/.test(digits)) return ok(`0${digits}`);
    return fail("postal_code.invalid");
  }
  return /^[A-Z0-9][A-Z0-9 -]{1,9}$/.test(compact) ? ok(compact) : fail("postal_code.invalid");
}

/**
 * Trimmed text with runs of white space (line breaks from multi-line cells included) collapsed
 * to one space; empty becomes null. `maxLength` guards the database against a shifted column
 * pouring a whole paragraph into a name.
 */
// White space other than single spaces: only such text needs rewriting (most cells do not, and a
// global replace allocates a new string even when it changes nothing).
const UNTIDY_SPACE = /[^\S ]| {2}/;

export function parseText(input: string, maxLength = 500): FieldResult<string | null> {
  const text = (UNTIDY_SPACE.test(input) ? input.replace(/\s+/g, " ") : input).trim();
  if (text === "") return ok(null);
  return text.length > maxLength ? fail("text.too_long") : ok(text);
}
