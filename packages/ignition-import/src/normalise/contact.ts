// Harmonises one person's contact details as the import stores them: e-mail lower-cased and
// trimmed (a likely domain typo is reported, never corrected), phone in E.164 for the row's
// country, names tidied (case and accents kept), postal code → commune (INSEE) for French rows.
// Look-ups repeat a lot in a file (the same buyer, the same town), so answers are memoised with
// bounded maps: memory stays flat whatever the file size.
import { communesForPostalCode } from "@rappel/geo";
import { normaliseEmail, normalisePhone, tidyName } from "@rappel/personal-data";
import { BoundedMemo } from "@rappel/ticketing-import";
import type { StoredIssue } from "../import-issues";
import { suspectedDomainTypo } from "./email-typos";

type CountryCode = Parameters<typeof normalisePhone>[1];

export interface ContactInput {
  email: string | null;
  phone: string | null;
  firstName: string | null;
  lastName: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
}

export interface NormalisedContact {
  /** Lower-cased and trimmed; kept even when invalid (the person still exists). */
  email: string | null;
  /**
   * The form the blind index is computed from: the normal form, or for an address that is not
   * valid the lower-cased text (so a broken address is kept, reported, and still de-duplicated).
   */
  emailKey: string | null;
  /** E.164 when valid, otherwise as given (trimmed). */
  phone: string | null;
  /** E.164, the blind index's normal form; null when invalid. */
  phoneKey: string | null;
  firstName: string | null;
  lastName: string | null;
  postalCode: string | null;
  communeCode: string | null;
  country: string;
}

const phoneMemo = new BoundedMemo<string | null>(100_000);
const communeMemo = new BoundedMemo<string | null>(20_000);

/** Town names compared without case, accents, punctuation or "St"/"Saint" differences. */
export function foldPlaceName(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/[^a-z0-9]+/g, " ")
    .replace(/\bste\b/g, "sainte")
    .replace(/\bst\b/g, "saint")
    .trim();
}

/**
 * The INSEE code of the commune for a French postal code: the one whose name matches the city
 * given, else the most populous one served by the code (a postal code often covers several).
 */
export function communeForPostalCode(postalCode: string, city: string | null): string | null {
  // Memoised on the cells as given: folding the town name is most of the cost of a hit.
  return communeMemo.get(`${postalCode}|${city ?? ""}`, () => {
    const folded = city ? foldPlaceName(city) : "";
    const communes = communesForPostalCode(postalCode);
    if (communes.length === 0) return null;
    if (folded) {
      const named = communes.find((c) => foldPlaceName(c.name) === folded);
      if (named) return named.code;
    }
    return communes[0]!.code;
  });
}

/** Normalises a contact; problems that do not cost the row are pushed to `warnings`. */
export function normaliseContact(input: ContactInput, warnings: StoredIssue[]): NormalisedContact {
  const country = input.country ?? "FR";
  let email: string | null = null;
  let emailKey: string | null = null;
  if (input.email) {
    email = input.email.trim().toLowerCase();
    const valid = normaliseEmail(email);
    emailKey = valid ?? (email === "" ? null : email);
    if (valid && suspectedDomainTypo(valid)) warnings.push({ code: "email.typo", field: "email", value: email });
  }
  let phone: string | null = null;
  let phoneKey: string | null = null;
  if (input.phone) {
    const raw = input.phone.trim();
    phoneKey = phoneMemo.get(`${country}|${raw}`, () => normalisePhone(raw, country as CountryCode));
    phone = phoneKey ?? raw;
    if (!phoneKey) warnings.push({ code: "phone.invalid", field: "phone", value: raw });
  }
  const postalCode = input.postalCode ? input.postalCode.replace(/\s+/g, "") : null;
  const communeCode = postalCode && country === "FR" ? communeForPostalCode(postalCode, input.city) : null;
  return {
    email,
    emailKey,
    phone,
    phoneKey,
    firstName: input.firstName ? tidyName(input.firstName) || null : null,
    lastName: input.lastName ? tidyName(input.lastName) || null : null,
    postalCode,
    communeCode,
    country,
  };
}
