import { parseDateTime } from "../fields/dates";
import { parseCountry, parseLanguage } from "../fields/countries";
import { fail, ok, type FieldResult } from "../fields/result";
import { parseBoolean, parseInteger } from "../fields/scalars";
import { checkEmail, keep, looseText, postalCodeOf, present, type ResolvedOptions } from "./common";
import { optional, rowSchema, runRowSchema, soft, type Cells, type RowResult } from "./row-schema";

/** One spectator (customer record) of the ticketing system. */
export interface SpectatorRow {
  reference: string | null;
  email: string | null;
  phone: string | null;
  firstName: string | null;
  lastName: string | null;
  address: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
  /** Only the year is kept, even when the file has a full birth date (minimisation). */
  birthYear: number | null;
  /** ISO 639-1. */
  language: string | null;
  /** Null: the file says nothing (which is not consent). */
  consentEmail: boolean | null;
  consentSms: boolean | null;
  /** Advertising audiences on social networks (Meta, Google): a purpose of its own. */
  consentSocialAds: boolean | null;
  consentPhone: boolean | null;
  consentPost: boolean | null;
}

function birthYear(now: Date) {
  const max = now.getUTCFullYear();
  return (v: string): FieldResult<number> => {
    const year = parseInteger(v, { min: 1900, max });
    if (year.ok) return year;
    const date = parseDateTime(v);
    if (date.ok) {
      const y = date.value.at.getUTCFullYear();
      return y >= 1900 && y <= max ? ok(y) : fail("integer.out_of_range");
    }
    return year;
  };
}

export function spectatorValidator(o: ResolvedOptions) {
  const schema = rowSchema(
    {
      reference: optional(looseText),
      email: soft(checkEmail, true),
      phone: soft(looseText),
      firstName: soft(looseText),
      lastName: soft(looseText),
      address: soft(looseText),
      postalCode: optional(keep),
      city: soft(looseText),
      country: soft(parseCountry),
      birthYear: soft(birthYear(o.now)),
      language: soft(parseLanguage),
      // An unreadable consent is not consent; it is reported, the spectator is still imported.
      consentEmail: soft(parseBoolean),
      consentSms: soft(parseBoolean),
      consentSocialAds: soft(parseBoolean),
      consentPhone: soft(parseBoolean),
      consentPost: soft(parseBoolean),
    },
    {
      presence: (cells) =>
        present(cells.reference) || present(cells.email) || present(cells.phone) ? [] : [{ code: "spectator.unidentified", field: "reference" }],
    },
  );
  return (cells: Cells): RowResult<SpectatorRow> =>
    runRowSchema(schema, cells, (v, warnings) => {
      const country = v.country ?? o.defaultCountry;
      return { ...v, country, postalCode: postalCodeOf(v.postalCode, country, warnings) };
    });
}
