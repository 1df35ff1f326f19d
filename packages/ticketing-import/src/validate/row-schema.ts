// Builds the zod schema of one kind of row from a table of cell specs. The schema is one object
// of optional strings (the mapped cells) with a single transform that runs the field parsers and
// the cross-field rules, reporting each problem as a zod issue on the field's path. One
// transform per row rather than one per cell: a first version with a transform per cell spent
// most of an import in zod's per-cell allocations (26 µs/row; this is ~4x faster).
import { z } from "zod";
import { BoundedMemo } from "../bounded-memo";
import type { FieldResult } from "../fields/result";
import type { IssueCode, RowIssue } from "../messages";

export type Cells = Readonly<Record<string, string | undefined>>;
/** A parser sees its cell and, for fields fed by two columns (date + time), the whole row. */
export type CellParser<T> = (text: string, cells: Cells) => FieldResult<T>;

interface RequiredSpec<T> {
  mode: "required";
  parse: CellParser<T>;
}
interface OptionalSpec<T> {
  mode: "optional";
  parse: CellParser<T>;
}
/** Problems do not cost the row (contact details): the value becomes null, or is kept as text. */
interface SoftSpec<T> {
  mode: "soft";
  parse: CellParser<T>;
  keepInvalidText: boolean;
}
type CellSpec = RequiredSpec<unknown> | OptionalSpec<unknown> | SoftSpec<unknown>;

/**
 * The same parser, remembering its answers by cell text (and by the one other cell it reads):
 * exports repeat the same dates, prices and labels row after row, and a look-up is far cheaper
 * than a parse. One memo per validator, so per file. Answers are shared between rows, so nothing
 * downstream may mutate a parsed value (Dates included).
 *
 * `recent` is for cells that repeat only on neighbouring rows (an order's date and buyer's e-mail
 * on its few lines): a few answers suffice, where ten thousand would be kept long enough to be
 * promoted to the old generation, then dropped — churn the garbage collector pays for.
 */
export function remembered<T>(parse: CellParser<T>, options: { alsoReads?: string; recent?: boolean } = {}): CellParser<T> {
  const memo = new BoundedMemo<FieldResult<T>>(options.recent ? RECENT_CELLS : REMEMBERED_CELLS);
  const alsoReads = options.alsoReads;
  if (!alsoReads) return (text, cells) => memo.get(text, () => parse(text, cells));
  return (text, cells) => memo.get(`${text}\u0000${cells[alsoReads] ?? ""}`, () => parse(text, cells));
}
const REMEMBERED_CELLS = 10_000;
const RECENT_CELLS = 64;

export const required = <T>(parse: CellParser<T>): RequiredSpec<T> => ({ mode: "required", parse });
export const optional = <T>(parse: CellParser<T>): OptionalSpec<T> => ({ mode: "optional", parse });
export const soft = <T>(parse: CellParser<T>, keepInvalidText = false): SoftSpec<T> => ({ mode: "soft", parse, keepInvalidText });

type ValueOf<S> = S extends RequiredSpec<infer T> ? T : S extends OptionalSpec<infer T> ? T | null : S extends SoftSpec<infer T> ? T | null : never;
export type ParsedCells<Specs> = { [K in keyof Specs]: ValueOf<Specs[K]> };

/** Cross-field rules: run on the parsed values when every cell was readable. */
export type RowRule<Specs> = (values: ParsedCells<Specs>, cells: Cells, report: (issue: RowIssue) => void) => void;

export interface ParsedRow<Specs> {
  values: ParsedCells<Specs>;
  warnings: RowIssue[];
}

const isEmpty = (v: string | undefined): v is undefined => v === undefined || v.trim() === "";

export function rowSchema<Specs extends Record<string, CellSpec>>(
  specs: Specs,
  options: {
    /** Mapped cells read by parsers but not fields themselves (a separate time column). */
    extraCells?: readonly string[];
    /** Rules on presence alone, checked even when a cell is unreadable so all reasons show at once. */
    presence?: (cells: Cells) => RowIssue[];
    rules?: RowRule<Specs>;
  } = {},
): z.ZodType<ParsedRow<Specs>, Cells> {
  const shape: Record<string, z.ZodOptional<z.ZodString>> = {};
  for (const key of [...Object.keys(specs), ...(options.extraCells ?? [])]) shape[key] = z.string().optional();
  const entries = Object.entries(specs);

  return z.object(shape).transform((cells, ctx): ParsedRow<Specs> => {
    const report = (issue: RowIssue) =>
      ctx.addIssue({ code: "custom", path: [issue.field], message: issue.code, params: { issueCode: issue.code, value: issue.value, allowed: issue.allowed } });
    let failed = false;
    for (const issue of options.presence?.(cells) ?? []) {
      report(issue);
      failed = true;
    }
    const values: Record<string, unknown> = {};
    const warnings: RowIssue[] = [];
    for (const [field, spec] of entries) {
      const cell = cells[field];
      if (isEmpty(cell)) {
        if (spec.mode === "required") {
          report({ code: "required", field });
          failed = true;
        }
        values[field] = null;
        continue;
      }
      const r = spec.parse(cell, cells);
      if (r.ok) {
        values[field] = r.value;
      } else if (spec.mode === "soft") {
        warnings.push({ code: r.code, field, value: r.value ?? cell });
        values[field] = spec.keepInvalidText ? cell.trim() : null;
      } else {
        report(withAllowed({ code: r.code, field, value: r.value ?? cell }, r.allowed));
        failed = true;
      }
    }
    if (failed) return z.NEVER;
    options.rules?.(values as ParsedCells<Specs>, cells, report);
    return { values: values as ParsedCells<Specs>, warnings };
  });
}

function withAllowed(issue: RowIssue, allowed: readonly string[] | undefined): RowIssue {
  return allowed ? { ...issue, allowed } : issue;
}

/** A failed parse back to the reasons a person reads. */
export function collectIssues(error: z.ZodError): RowIssue[] {
  return error.issues.map((issue) => {
    const params = (issue as { params?: { issueCode?: IssueCode; value?: string; allowed?: readonly string[] } }).params;
    const result: RowIssue = { code: params?.issueCode ?? "required", field: String(issue.path[0] ?? "") };
    if (params?.value !== undefined) result.value = params.value;
    if (params?.allowed) result.allowed = params.allowed;
    return result;
  });
}

export type RowResult<T> = { ok: true; row: T; warnings: RowIssue[] } | { ok: false; issues: RowIssue[] };

/** Runs a row schema and shapes its output. */
export function runRowSchema<Specs, T>(schema: z.ZodType<ParsedRow<Specs>, Cells>, cells: Cells, shape: (values: ParsedCells<Specs>, warnings: RowIssue[]) => T): RowResult<T> {
  const parsed = schema.safeParse(cells);
  if (!parsed.success) return { ok: false, issues: collectIssues(parsed.error) };
  const warnings = parsed.data.warnings;
  return { ok: true, row: shape(parsed.data.values, warnings), warnings };
}
