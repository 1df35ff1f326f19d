// Side-by-side comparison of groups of responses: survey versions, performances of one show, or
// shows. Pure: the web app loads each group's rows (and its own definition, since versions differ),
// this computes. Each group keeps the minimum-responses rule of the results page, and each NPS is
// tested against the first group (the reference) — see docs/decisions/0013.
import { allQuestions, type TQuestion, type TSurveyDefinition } from "./definition";
import type { NpsSummary } from "./nps";
import { aggregateResults, type QuestionFigures, type ResultRow } from "./results";

export interface NpsDifference {
  /** This group's NPS minus the reference's, in points (1 decimal). */
  difference: number;
  /** ± points at 95 % around the difference. */
  marginOfError: number;
  /** The difference over its standard error. */
  z: number;
  /** |z| > 1.96: the difference is unlikely (< 5 %) to come from sampling alone. */
  significant: boolean;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const Z95 = 1.96;

/**
 * Two-sample z-test on the difference of two NPS. Each answer is a score of +1, 0 or −1, so an NPS
 * is a mean × 100 and its per-answer variance is p₊ + p₋ − (p₊ − p₋)²; the difference of two
 * independent means has variance v₁/n₁ + v₂/n₂. No finite-population correction here: it would
 * make the test less conservative. Null when either group is suppressed (below the minimum).
 */
export function compareNps(reference: NpsSummary, other: NpsSummary): NpsDifference | null {
  if (reference.suppressed || other.suppressed || !reference.responses || !other.responses) return null;
  const stats = (s: NpsSummary) => {
    const pP = s.promoters / s.responses;
    const pD = s.detractors / s.responses;
    return { mean: pP - pD, variance: pP + pD - (pP - pD) ** 2, n: s.responses };
  };
  const a = stats(reference);
  const b = stats(other);
  const difference = (b.mean - a.mean) * 100;
  const standardError = Math.sqrt(a.variance / a.n + b.variance / b.n) * 100;
  // Both groups unanimous (zero variance): any difference is certain, none is no difference.
  const z = standardError === 0 ? (difference === 0 ? 0 : Math.sign(difference) * Infinity) : difference / standardError;
  return { difference: round1(difference), marginOfError: round1(Z95 * standardError), z: Math.round(z * 100) / 100, significant: Math.abs(z) > Z95 };
}

export interface ComparisonGroupInput {
  key: string;
  label: string;
  /** The definition the group's answers were given to (each survey version has its own). */
  definition: Pick<TSurveyDefinition, "pages">;
  rows: readonly ResultRow[];
  /** Invitations that reached someone, for the response rate; null when unknown. */
  delivered: number | null;
}

export interface ComparedGroup {
  key: string;
  label: string;
  responses: number;
  delivered: number | null;
  /** Percent with 1 decimal; null when nothing was delivered. */
  responseRate: number | null;
  nps: NpsSummary;
  /** Null for the reference itself and for suppressed groups. */
  versusReference: NpsDifference | null;
}

export type ComparedCell =
  | { present: false }
  | {
      present: true;
      answered: number;
      /** Below the minimum number of responses: only the count may be shown. */
      suppressed: boolean;
      average?: number | null;
      rows?: { id: string; average: number | null }[];
      /** Share of those who answered the question, in percent (multiple choice may sum past 100). */
      shares?: { id: string; count: number; share: number | null }[];
    };

export interface ComparedQuestion {
  /** The question as the first group that has it asked it (titles, options, rows, scale). */
  question: TQuestion;
  cells: ComparedCell[];
}

export interface Comparison {
  minResponses: number;
  groups: ComparedGroup[];
  questions: ComparedQuestion[];
}

const COMPARABLE = new Set<TQuestion["type"]>(["nps", "rating", "matrix", "single_choice", "multiple_choice", "yes_no"]);
/** Question types a comparison shows figures for (free texts are read in the verbatims). */
export const isComparableType = (type: TQuestion["type"]) => COMPARABLE.has(type);

function cellOf(figures: QuestionFigures | undefined, suppressed: boolean): ComparedCell {
  if (!figures) return { present: false };
  const cell: ComparedCell = { present: true, answered: figures.answered, suppressed };
  if (suppressed) return cell;
  if (figures.average !== undefined) cell.average = figures.average;
  if (figures.rows) cell.rows = figures.rows.map((r) => ({ id: r.id, average: r.average }));
  if (figures.counts)
    cell.shares = figures.counts.map((c) => ({ id: c.id, count: c.count, share: figures.answered ? round1((c.count / figures.answered) * 100) : null }));
  return cell;
}

/** Compares groups side by side; the first group is the reference of the NPS tests. */
export function compareResults(groups: readonly ComparisonGroupInput[], minResponses: number): Comparison {
  const computed = groups.map((g) => ({ input: g, results: aggregateResults(g.definition, g.rows, minResponses) }));
  const reference = computed[0]?.results.nps;
  const comparedGroups: ComparedGroup[] = computed.map(({ input, results }, index) => ({
    key: input.key,
    label: input.label,
    responses: results.responses,
    delivered: input.delivered,
    responseRate: input.delivered ? round1((results.responses / input.delivered) * 100) : null,
    nps: results.nps,
    versusReference: index === 0 || !reference ? null : compareNps(reference, results.nps),
  }));
  // Questions are matched by their stable id; one a version dropped (or retyped) is absent there.
  const order: TQuestion[] = [];
  const seen = new Set<string>();
  for (const g of groups)
    for (const q of allQuestions(g.definition))
      if (COMPARABLE.has(q.type) && !seen.has(q.id)) {
        seen.add(q.id);
        order.push(q);
      }
  const questions = order.map((question) => ({
    question,
    cells: computed.map(({ input, results }) => {
      const same = allQuestions(input.definition).find((q) => q.id === question.id && q.type === question.type);
      if (!same) return { present: false } as const;
      return cellOf(results.questions.find((f) => f.id === question.id), results.responses < minResponses);
    }),
  }));
  return { minResponses, groups: comparedGroups, questions };
}
