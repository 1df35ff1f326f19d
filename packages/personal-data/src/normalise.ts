// Normal forms used for blind indexes (exact lookups, de-duplication). The stored ciphertext
// keeps what the person gave (trimmed); only the index uses these forms.
import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";

export function normaliseEmail(raw: string): string | null {
  const value = raw.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) ? value : null;
}

/** E.164, or null when the number is not valid for the country. */
export function normalisePhone(raw: string, defaultCountry: CountryCode = "FR"): string | null {
  const parsed = parsePhoneNumberFromString(raw.trim(), defaultCountry);
  return parsed?.isValid() ? parsed.number : null;
}

/** Trimmed, single-spaced, NFC; case and accents kept (for display). */
// White space other than single spaces: only such names need the replace (which always allocates).
const UNTIDY_SPACE = /[^\S ]| {2}/;

export function tidyName(raw: string): string {
  const trimmed = raw.normalize("NFC").trim();
  return UNTIDY_SPACE.test(trimmed) ? trimmed.replace(/\s+/g, " ") : trimmed;
}

/** Name key for matching: lower case, no accents, no punctuation. */
export function nameKey(raw: string): string {
  return tidyName(raw)
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}
