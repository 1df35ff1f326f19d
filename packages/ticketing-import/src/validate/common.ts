// Pieces shared by the three row schemas.
import { z } from "zod";
import { parseDateTime, type ParsedDateTime } from "../fields/dates";
import { ok, fail, type FieldResult } from "../fields/result";
import { parsePostalCode, parseText } from "../fields/scalars";
import type { RowIssue } from "../messages";

export interface ResolvedOptions {
  zone: string;
  /** Country assumed for rows without one; null when unknown (postal codes then stay loose). */
  defaultCountry: string | null;
  defaultCurrency: string;
  now: Date;
}

export type RowResult<T> = { ok: true; row: T; warnings: RowIssue[] } | { ok: false; issues: RowIssue[] };

/** Text that must not be empty once trimmed (reference, title…). */
export const text = (v: string): FieldResult<string> => {
  const r = parseText(v);
  if (!r.ok) return r;
  return r.value === null ? fail("required") : ok(r.value);
};

const email = z.email();
/** An e-mail is checked but never dropped: a broken address is reported, the person still exists. */
export const checkEmail = (v: string): FieldResult<string> => {
  const trimmed = v.trim();
  return email.safeParse(trimmed).success ? ok(trimmed) : fail("email.invalid");
};

/**
 * A date column with an optional separate time column. Its input is { date, time } so that
 * a problem is reported once, on the date field, with both cells.
 */
export function dateTimeCell(zone: string, required: true): z.ZodType<ParsedDateTime, { date?: string; time?: string }>;
export function dateTimeCell(zone: string, required: false): z.ZodType<ParsedDateTime | null, { date?: string; time?: string }>;
export function dateTimeCell(zone: string, required: boolean): z.ZodType<ParsedDateTime | null, { date?: string; time?: string }> {
  return z.object({ date: z.string().optional(), time: z.string().optional() }).transform((v, ctx): ParsedDateTime | null => {
    const shown = [v.date, v.time].filter((s) => s !== undefined && s.trim() !== "").join(" ");
    if (v.date === undefined || v.date.trim() === "") {
      if (!required) return null;
      ctx.addIssue({ code: "custom", message: "required", params: { issueCode: "required", value: shown || undefined } });
      return z.NEVER;
    }
    const r = parseDateTime(v.date, { zone, time: v.time });
    if (r.ok) return r.value;
    ctx.addIssue({ code: "custom", message: r.code, params: { issueCode: r.code, value: shown } });
    return z.NEVER;
  });
}

const present = (v: string | undefined) => v !== undefined && v.trim() !== "";
export { present };

/** Postal code checked against the row's country (or the default), as a warning when wrong. */
export function postalCodeOf(raw: string | undefined, country: string | null, warnings: RowIssue[]): string | null {
  if (!present(raw)) return null;
  const r = parsePostalCode(raw!, country);
  if (r.ok) return r.value;
  warnings.push({ code: r.code, field: "postalCode", value: raw! });
  return null;
}
