// Pieces shared by the three row schemas.
import { z } from "zod";
import { parseDateTime, type ParsedDateTime } from "../fields/dates";
import { fail, ok, type FieldResult } from "../fields/result";
import { parsePostalCode, parseText } from "../fields/scalars";
import type { RowIssue } from "../messages";
import { remembered, type CellParser } from "./row-schema";

export type { RowResult } from "./row-schema";

export interface ResolvedOptions {
  zone: string;
  /** Country assumed for rows without one; null when unknown (postal codes then stay loose). */
  defaultCountry: string | null;
  defaultCurrency: string;
  now: Date;
}

/** Text that must not be empty once trimmed (reference, title…). */
export const text = (v: string): FieldResult<string> => {
  const r = parseText(v);
  if (!r.ok) return r;
  return r.value === null ? fail("required") : ok(r.value);
};

/** Optional free text: trimmed, white space collapsed. */
export const looseText = (v: string): FieldResult<string | null> => parseText(v);

const email = z.email();
/** An e-mail is checked but never dropped: a broken address is reported, the person still exists. */
export const checkEmail = (v: string): FieldResult<string> => {
  const trimmed = v.trim();
  return email.safeParse(trimmed).success ? ok(trimmed) : fail("email.invalid");
};

/**
 * A date column, with the optional separate time column `timeField` read from the same row;
 * `recent`: see `remembered`.
 */
export function dateTime(zone: string, options: { timeField?: string; recent?: boolean } = {}): CellParser<ParsedDateTime> {
  const { timeField } = options;
  return remembered((date, cells) => {
    const time = timeField ? cells[timeField] : undefined;
    const r = parseDateTime(date, { zone, time });
    if (r.ok || time === undefined || time.trim() === "") return r;
    return { ...r, value: `${date} ${time}` };
  }, { alsoReads: timeField, recent: options.recent });
}

export const present = (v: string | undefined) => v !== undefined && v.trim() !== "";

/** Postal code checked against the row's country (or the default), as a warning when wrong. */
export function postalCodeOf(raw: string | null, country: string | null, warnings: RowIssue[]): string | null {
  if (raw === null) return null;
  const r = parsePostalCode(raw, country);
  if (r.ok) return r.value;
  warnings.push({ code: r.code, field: "postalCode", value: raw });
  return null;
}

/** A cell kept as trimmed text, for fields checked later against another one (postal code). */
export const keep = (v: string): FieldResult<string> => ok(v.trim());
