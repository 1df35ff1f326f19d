// The comparison as data tables, one column per group: the overview (responses, rate, NPS with its
// margin and the test against the reference, NPS categories) and the figures question by question.
// Groups below the minimum show their count and nothing else.
import { getTranslations } from "next-intl/server";
import { localise, type ComparedCell, type Comparison, type TLocale, type TQuestion } from "@rappel/survey";
import { Card } from "@rappel/ui";

const formatter = (locale: TLocale) => {
  const f = new Intl.NumberFormat(locale === "en" ? "en-GB" : "fr-FR", { maximumFractionDigits: 1 });
  return (n: number) => f.format(n);
};

function Header({ comparison, first, reference }: { comparison: Comparison; first: string; reference: string }) {
  return (
    <thead>
      <tr className="border-b align-bottom">
        <th scope="col" className="py-1 pr-2 text-left">{first}</th>
        {comparison.groups.map((g, i) => (
          <th key={g.key} scope="col" className="py-1 pl-2 text-right">
            {g.label}
            {i === 0 ? <span className="block text-xs font-normal text-slate-600">({reference})</span> : null}
          </th>
        ))}
      </tr>
    </thead>
  );
}

export async function ComparisonOverview({ comparison, locale }: { comparison: Comparison; locale: TLocale }) {
  const num = formatter(locale);
  const t = await getTranslations("satisfaction.compare");
  const r = await getTranslations("satisfaction.results");
  const hidden = t("hidden", { min: comparison.minResponses });
  const dash = <span title={hidden}>—<span className="sr-only"> ({hidden})</span></span>;
  const pct = (count: number, total: number) => `${num((count / total) * 100)} %`;
  const rows: { label: string; cells: React.ReactNode[] }[] = [
    { label: r("responses"), cells: comparison.groups.map((g) => num(g.responses)) },
    { label: r("invited"), cells: comparison.groups.map((g) => (g.delivered === null ? "—" : num(g.delivered))) },
    { label: r("responseRate"), cells: comparison.groups.map((g) => (g.responseRate === null ? "—" : t("share", { value: num(g.responseRate) }))) },
    {
      label: r("nps"),
      cells: comparison.groups.map((g) => (g.nps.nps === null ? dash : <strong>{`${num(g.nps.nps)} ± ${num(g.nps.marginOfError ?? 0)}`}</strong>)),
    },
    {
      label: t("difference"),
      cells: comparison.groups.map((g, i) =>
        i === 0 ? "—" : g.versusReference === null ? dash : (
          <span data-testid={`difference-${g.key}`}>
            {`${g.versusReference.difference > 0 ? "+" : ""}${num(g.versusReference.difference)} ± ${num(g.versusReference.marginOfError)}`}
            <span className={`block text-xs ${g.versusReference.significant ? "font-semibold text-indigo-800" : "text-slate-600"}`}>
              {g.versusReference.significant ? t("significant") : t("notSignificant")}
            </span>
          </span>
        ),
      ),
    },
    ...(["promoters", "passives", "detractors"] as const).map((k) => ({
      label: r(k),
      cells: comparison.groups.map((g) => (g.nps.suppressed || !g.nps.responses ? dash : pct(g.nps[k], g.nps.responses))),
    })),
  ];
  return (
    <Card title={t("overview")}>
      <div className="overflow-x-auto">
        <table className="w-full text-sm" data-testid="comparison-overview">
          <Header comparison={comparison} first={t("item")} reference={t("reference")} />
          <tbody>
            {rows.map((row) => (
              <tr key={row.label} className="border-b last:border-0">
                <th scope="row" className="py-1 pr-2 text-left font-normal">{row.label}</th>
                {row.cells.map((c, i) => <td key={comparison.groups[i]!.key} className="py-1 pl-2 text-right tabular-nums">{c}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="mt-2 text-xs text-slate-600">{t("testHelp")}</p>
    </Card>
  );
}

type Line = { label: string; value: (cell: Extract<ComparedCell, { present: true }>) => string | null };

function linesOf(q: TQuestion, locale: TLocale, t: (key: string, values?: Record<string, string | number>) => string): Line[] {
  const num = formatter(locale);
  const share = (id: string) => (c: Extract<ComparedCell, { present: true }>) => {
    const s = c.shares?.find((x) => x.id === id);
    return s?.share == null ? null : `${t("share", { value: num(s.share) })} (${s.count})`;
  };
  switch (q.type) {
    case "nps":
      return [{ label: t("averageOutOf", { scale: 10 }), value: (c) => (c.average == null ? null : num(c.average)) }];
    case "rating":
      return [{ label: t("averageOutOf", { scale: q.scale }), value: (c) => (c.average == null ? null : num(c.average)) }];
    case "matrix":
      return q.rows.map((row) => ({
        label: `${localise(row.label, locale)} (/${q.scale})`,
        value: (c) => {
          const avg = c.rows?.find((x) => x.id === row.id)?.average;
          return avg == null ? null : num(avg);
        },
      }));
    case "single_choice":
    case "multiple_choice":
      return [
        ...q.options.map((o) => ({ label: localise(o.label, locale), value: share(o.id) })),
        ...(q.type === "multiple_choice" && q.allowOther ? [{ label: t("other"), value: share("__other") }] : []),
      ];
    case "yes_no":
      return [{ label: t("yes"), value: share("yes") }, { label: t("no"), value: share("no") }];
    default:
      return [];
  }
}

export async function ComparisonQuestions({ comparison, locale }: { comparison: Comparison; locale: TLocale }) {
  const t = await getTranslations("satisfaction.compare");
  const hidden = t("hidden", { min: comparison.minResponses });
  return (
    <Card title={t("questions")}>
      <div className="overflow-x-auto">
        <table className="w-full text-sm" data-testid="comparison-questions">
          <Header comparison={comparison} first={t("item")} reference={t("reference")} />
          {comparison.questions.map(({ question, cells }) => (
            <tbody key={question.id} className="border-b-2 border-slate-200">
              <tr>
                <th scope="rowgroup" colSpan={cells.length + 1} className="pt-3 pb-1 text-left font-semibold">{localise(question.title, locale)}</th>
              </tr>
              {linesOf(question, locale, t).map((line) => (
                <tr key={line.label} className="border-t border-slate-100">
                  <th scope="row" className="py-1 pr-2 pl-3 text-left font-normal">{line.label}</th>
                  {cells.map((cell, i) => (
                    <td key={comparison.groups[i]!.key} className="py-1 pl-2 text-right tabular-nums">
                      {!cell.present ? <span className="text-slate-600">{t("notAsked")}</span>
                        : cell.suppressed ? <span title={hidden}>—<span className="sr-only"> ({hidden})</span></span>
                        : (line.value(cell) ?? "—")}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </div>
    </Card>
  );
}
