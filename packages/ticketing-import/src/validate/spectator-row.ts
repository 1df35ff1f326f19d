import { z } from "zod";
import { parseDateTime } from "../fields/dates";
import { parseCountry, parseLanguage } from "../fields/countries";
import { fail, ok, type FieldResult } from "../fields/result";
import { parseBoolean, parseInteger, parseText } from "../fields/scalars";
import type { RowIssue } from "../messages";
import { collectIssues, optionalCell, rawCell, softCell, unwrapSoft } from "./cells";
import { checkEmail, postalCodeOf, present, type ResolvedOptions, type RowResult } from "./common";

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

export function spectatorSchema(o: ResolvedOptions) {
  return z.object({
    reference: optionalCell(parseText),
    email: softCell(checkEmail, true),
    phone: softCell(parseText),
    firstName: softCell(parseText),
    lastName: softCell(parseText),
    address: softCell(parseText),
    postalCode: rawCell(),
    city: softCell(parseText),
    country: softCell(parseCountry),
    birthYear: softCell(birthYear(o.now)),
    language: softCell(parseLanguage),
    // An unreadable consent is not consent; it is reported, the spectator is still imported.
    consentEmail: softCell(parseBoolean),
    consentSms: softCell(parseBoolean),
    consentPhone: softCell(parseBoolean),
    consentPost: softCell(parseBoolean),
  });
}

export function validateSpectator(schema: ReturnType<typeof spectatorSchema>, row: Record<string, string | undefined>, o: ResolvedOptions): RowResult<SpectatorRow> {
  if (!present(row.reference) && !present(row.email) && !present(row.phone)) {
    return { ok: false, issues: [{ code: "spectator.unidentified", field: "reference" }] };
  }
  const parsed = schema.safeParse(row);
  if (!parsed.success) return { ok: false, issues: collectIssues(parsed.error) };
  const warnings: RowIssue[] = [];
  const { postalCode, ...rest } = unwrapSoft(parsed.data, warnings);
  const country = rest.country ?? o.defaultCountry;
  return { ok: true, warnings, row: { ...rest, country, postalCode: postalCodeOf(postalCode ?? undefined, country, warnings) } };
}
