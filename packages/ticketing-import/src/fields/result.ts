// Field parsers never throw: a messy cell is an expected outcome, reported to a person with a
// message key (see messages.ts), so they return a small result type instead.
import type { IssueCode } from "../messages";

export type FieldResult<T> =
  | { ok: true; value: T }
  /** `value`: what to show a person when it is not just the cell (a date and its time column). */
  | { ok: false; code: IssueCode; allowed?: readonly string[]; value?: string };

export const ok = <T>(value: T): FieldResult<T> => ({ ok: true, value });
export const fail = <T = never>(code: IssueCode, allowed?: readonly string[]): FieldResult<T> =>
  allowed ? { ok: false, code, allowed } : { ok: false, code };

/** Lower case, accents and surrounding space removed: how labels are compared ("Téléphone" → "telephone"). */
export function foldLabel(value: string): string {
  return value
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .toLowerCase()
    .trim();
}
