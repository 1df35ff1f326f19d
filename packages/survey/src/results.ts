// Aggregates responses for the staff results page: NPS (with its margin), per-question figures,
// drop-off, trend and breakdowns. Pure: the web app loads the rows, this computes. Every group
// below the minimum number of responses is suppressed (no figure that could single someone out).
import { evaluateLogic, type TAnswers, type TMultipleAnswer } from "./answers";
import { allQuestions, type TSurveyDefinition } from "./definition";
import { average, distribution, summariseNps, type NpsSummary } from "./nps";

export interface ResultRow {
  answers: TAnswers;
  nps: number | null;
  completed: boolean;
  currentPage: number;
  answeredAt: Date;
  performanceId: string;
  performanceLabel: string;
  showTitle: string;
  priceCategory: string | null;
  salesChannel: string | null;
  firstTimer: boolean;
}

export interface QuestionFigures {
  id: string;
  type: string;
  seen: number;
  answered: number;
  average?: number | null;
  distribution?: { value: number; count: number }[];
  rows?: { id: string; average: number | null; count: number }[];
  counts?: { id: string; count: number }[];
}

export interface GroupNps {
  key: string;
  label: string;
  summary: NpsSummary;
}

export interface SurveyResults {
  responses: number;
  completed: number;
  nps: NpsSummary;
  npsDistribution: { value: number; count: number }[];
  questions: QuestionFigures[];
  trend: GroupNps[];
  byPerformance: GroupNps[];
  byShow: GroupNps[];
  byPriceCategory: GroupNps[];
  bySalesChannel: GroupNps[];
  byFirstTime: GroupNps[];
}

function groupNps(rows: readonly ResultRow[], keyOf: (r: ResultRow) => [string, string] | null, min: number): GroupNps[] {
  const groups = new Map<string, { label: string; scores: number[] }>();
  for (const r of rows) {
    const k = keyOf(r);
    if (!k || r.nps === null) continue;
    const g = groups.get(k[0]) ?? { label: k[1], scores: [] };
    g.scores.push(r.nps);
    groups.set(k[0], g);
  }
  return [...groups.entries()]
    .map(([key, g]) => ({ key, label: g.label, summary: summariseNps(g.scores, { minResponses: min }) }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

const monthOf = (d: Date) => new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit" }).format(d);

export function aggregateResults(def: Pick<TSurveyDefinition, "pages">, rows: readonly ResultRow[], minResponses: number): SurveyResults {
  const scores = rows.flatMap((r) => (r.nps === null ? [] : [r.nps]));
  const suppressed = rows.length < minResponses;
  const questions: QuestionFigures[] = [];
  def.pages.forEach((page, pageIndex) => {
    for (const q of page.questions) {
      // Seen: reached this page (or finished) and the question's logic held for their answers.
      const seenRows = rows.filter(
        (r) => (r.completed || r.currentPage >= pageIndex) && evaluateLogic(page.showIf, r.answers) && evaluateLogic(q.showIf, r.answers),
      );
      const values = seenRows.map((r) => r.answers[q.id]).filter((v) => v !== undefined);
      const figures: QuestionFigures = { id: q.id, type: q.type, seen: seenRows.length, answered: values.length };
      if (!suppressed) {
        if (q.type === "nps" || q.type === "rating") {
          const nums = values.filter((v): v is number => typeof v === "number");
          figures.average = average(nums);
          figures.distribution = q.type === "nps" ? distribution(nums, 0, 10) : distribution(nums, 1, q.scale);
        } else if (q.type === "matrix") {
          figures.rows = q.rows.map((row) => {
            const nums = values.map((v) => (v as Record<string, number>)[row.id]).filter((n): n is number => typeof n === "number");
            return { id: row.id, average: average(nums), count: nums.length };
          });
        } else if (q.type === "single_choice" || q.type === "multiple_choice") {
          const picked = values.flatMap((v) => (typeof v === "string" ? [v] : ((v as TMultipleAnswer).selected ?? [])));
          figures.counts = q.options.map((o) => ({ id: o.id, count: picked.filter((p) => p === o.id).length }));
          if (q.type === "multiple_choice" && q.allowOther)
            figures.counts.push({ id: "__other", count: values.filter((v) => (v as TMultipleAnswer).other !== undefined).length });
        } else if (q.type === "yes_no") {
          figures.counts = [
            { id: "yes", count: values.filter((v) => v === true).length },
            { id: "no", count: values.filter((v) => v === false).length },
          ];
        }
      }
      questions.push(figures);
    }
  });
  return {
    responses: rows.length,
    completed: rows.filter((r) => r.completed).length,
    nps: summariseNps(scores, { minResponses }),
    npsDistribution: suppressed ? [] : distribution(scores, 0, 10),
    questions,
    trend: groupNps(rows, (r) => [monthOf(r.answeredAt), monthOf(r.answeredAt)], minResponses),
    byPerformance: groupNps(rows, (r) => [r.performanceId, r.performanceLabel], minResponses),
    byShow: groupNps(rows, (r) => [r.showTitle, r.showTitle], minResponses),
    byPriceCategory: groupNps(rows, (r) => (r.priceCategory ? [r.priceCategory, r.priceCategory] : null), minResponses),
    bySalesChannel: groupNps(rows, (r) => (r.salesChannel ? [r.salesChannel, r.salesChannel] : null), minResponses),
    byFirstTime: groupNps(rows, (r) => (r.firstTimer ? ["first", "first"] : ["returning", "returning"]), minResponses),
  };
}

/** Question ids in definition order (for exports' columns). */
export function questionColumns(def: Pick<TSurveyDefinition, "pages">): string[] {
  return allQuestions(def).flatMap((q) => (q.type === "matrix" ? q.rows.map((r) => `${q.id}.${r.id}`) : [q.id]));
}
