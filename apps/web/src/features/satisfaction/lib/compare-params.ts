// The comparison form's query string (a GET form: shareable, works without JavaScript), validated
// with zod. Problems come back as message keys next to what the user chose, so nothing is lost.
import { z } from "zod";
import { COMPARE_MODES, MAX_COMPARED, type TCompareMode } from "./compare-queries";

export type TCompareProblem = "tooFew" | "tooMany" | "badFrom" | "badTo" | "badPeriod";

export interface CompareParams {
  surveyId?: string;
  mode: TCompareMode;
  showId?: string;
  items: string[];
  from?: Date;
  to?: Date;
  /** The raw dates as typed, to refill the form. */
  fromText?: string;
  toText?: string;
  /** Set once the user pressed the button (the first visit shows a hint, not an error). */
  submitted: boolean;
  problems: TCompareProblem[];
}

const ZItem = z.union([z.uuid(), z.string().regex(/^\d{1,6}$/)]);
const ZDate = z.iso.date();

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
const all = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export function parseCompareParams(query: Record<string, string | string[] | undefined>): CompareParams {
  const mode = z.enum(COMPARE_MODES).catch("performances").parse(first(query.mode));
  const surveyId = z.uuid().optional().catch(undefined).parse(first(query.survey));
  const showId = z.uuid().optional().catch(undefined).parse(first(query.show));
  const items = [...new Set(all(query.item).filter((i) => ZItem.safeParse(i).success))];
  const problems: TCompareProblem[] = [];
  const submitted = first(query.go) !== undefined;
  if (submitted && items.length < 2) problems.push("tooFew");
  if (items.length > MAX_COMPARED) problems.push("tooMany");
  const fromText = first(query.from);
  const toText = first(query.to);
  const from = fromText && ZDate.safeParse(fromText).success ? new Date(`${fromText}T00:00:00Z`) : undefined;
  const to = toText && ZDate.safeParse(toText).success ? new Date(`${toText}T00:00:00Z`) : undefined;
  if (fromText && !from) problems.push("badFrom");
  if (toText && !to) problems.push("badTo");
  if (from && to && to <= from) problems.push("badPeriod");
  return {
    mode, items, submitted, problems,
    ...(surveyId ? { surveyId } : {}),
    ...(showId ? { showId } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(fromText ? { fromText } : {}),
    ...(toText ? { toText } : {}),
  };
}
