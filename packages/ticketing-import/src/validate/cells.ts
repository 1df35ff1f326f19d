// zod building blocks that run a field parser on one mapped cell. Cells are strings, or
// undefined when the column is not mapped. Issues carry our message key and the cell, so
// `collectIssues` can turn a ZodError back into reasons a person reads.
import { z } from "zod";
import type { FieldResult } from "../fields/result";
import type { IssueCode, RowIssue } from "../messages";

type Parser<T> = (text: string) => FieldResult<T>;

const cell = z.string().optional();
const isEmpty = (v: string | undefined): v is undefined => v === undefined || v.trim() === "";

function report(ctx: z.RefinementCtx, code: IssueCode, value: string | undefined, allowed?: readonly string[]): never {
  ctx.addIssue({ code: "custom", message: code, params: { issueCode: code, value, allowed } });
  return z.NEVER as never;
}

/** A cell that must be present and readable. */
export function requiredCell<T>(parse: Parser<T>) {
  return cell.transform((v, ctx): T => {
    if (isEmpty(v)) return report(ctx, "required", v);
    const r = parse(v);
    return r.ok ? r.value : report(ctx, r.code, v, r.allowed);
  });
}

/** A cell that may be empty (→ null) but, when present, must be readable. */
export function optionalCell<T>(parse: Parser<T>) {
  return cell.transform((v, ctx): T | null => {
    if (isEmpty(v)) return null;
    const r = parse(v);
    return r.ok ? r.value : report(ctx, r.code, v, r.allowed);
  });
}

/**
 * A cell whose problems must not cost the row: contact details of a spectator on a ticket. The
 * parse goes on with `null` (or the kept text) and the problem becomes a warning.
 */
export interface SoftCell<T> {
  value: T | null;
  warning?: { code: IssueCode; value: string };
}

export function softCell<T>(parse: Parser<T>, keepInvalidText = false) {
  return cell.transform((v): SoftCell<T> => {
    if (isEmpty(v)) return { value: null };
    const r = parse(v);
    if (r.ok) return { value: r.value };
    return { value: keepInvalidText ? (v.trim() as T) : null, warning: { code: r.code, value: v } };
  });
}

/** Plain text cell: optional, trimmed, empty → null. */
export function rawCell() {
  return cell.transform((v) => (isEmpty(v) ? null : v.trim()));
}

export function collectIssues(error: z.ZodError): RowIssue[] {
  return error.issues.map((issue) => {
    const params = (issue as { params?: { issueCode?: IssueCode; value?: string; allowed?: readonly string[] } }).params;
    const field = String(issue.path[0] ?? "");
    const result: RowIssue = { code: params?.issueCode ?? "required", field };
    if (params?.value !== undefined) result.value = params.value;
    if (params?.allowed) result.allowed = params.allowed;
    return result;
  });
}

/** Replaces every SoftCell in a parsed row by its value, moving warnings to `warnings`. */
export function unwrapSoft<T extends Record<string, unknown>>(parsed: T, warnings: RowIssue[]): { [K in keyof T]: T[K] extends SoftCell<infer V> ? V | null : T[K] } {
  const row: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (value !== null && typeof value === "object" && "value" in value && !(value instanceof Date)) {
      const soft = value as SoftCell<unknown>;
      if (soft.warning) warnings.push({ code: soft.warning.code, field: key, value: soft.warning.value });
      row[key] = soft.value;
    } else {
      row[key] = value;
    }
  }
  return row as { [K in keyof T]: T[K] extends SoftCell<infer V> ? V | null : T[K] };
}
