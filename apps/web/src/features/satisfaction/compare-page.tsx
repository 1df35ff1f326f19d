// /t/[slug]/satisfaction/compare: survey versions, performances of one show, or shows side by side
// — response count and rate, NPS with its margin and a significance test against the first group,
// averages and choice shares per question (performances and shows on the current version's
// questions, saying which ones older responses were not asked). Aggregates only; nothing below the
// minimum responses.
import { getLocale, getTranslations } from "next-intl/server";
import { compareResults, type Comparison, type NotComparableQuestion, type TLocale } from "@rappel/survey";
import { Card, EmptyState, PageHeader } from "@rappel/ui";
import { withTenant } from "@rappel/db";
import { requireTenantPermission } from "@/server/guard";
import { getDb } from "@/server/db";
import { SatisfactionNav } from "./components/satisfaction-nav";
import { CompareForm } from "./components/compare-form";
import { ComparisonChart } from "./components/comparison-chart";
import { ComparisonOverview, ComparisonQuestions } from "./components/comparison-tables";
import { NotComparableNote } from "./components/not-comparable-note";
import type { SatisfactionPageProps } from "./components/filters";
import { parseCompareParams } from "./lib/compare-params";
import { loadComparisonChoices, loadComparisonGroups } from "./lib/compare-queries";
import { listSurveys, loadFilterOptions } from "./lib/queries";

export async function SatisfactionComparePage(props: SatisfactionPageProps) {
  const { tenantSlug } = await props.params;
  const ctx = await requireTenantPermission(tenantSlug, "satisfaction.results.view", `/t/${tenantSlug}/satisfaction/compare`);
  const tenantId = ctx.tenant.tenantId;
  const params = parseCompareParams(await props.searchParams);
  const [t, locale] = await Promise.all([getTranslations("satisfaction.compare"), getLocale()]);
  const data = await withTenant(getDb(), tenantId, async (tx) => {
    const surveys = await listSurveys(tx, tenantId);
    // A survey id of another tenant (or none) falls back to this tenant's first survey.
    const survey = surveys.find((s) => s.id === params.surveyId) ?? surveys[0];
    if (!survey) return null;
    const [choices, options] = await Promise.all([
      loadComparisonChoices(tx, tenantId, survey.id, params.showId),
      loadFilterOptions(tx, tenantId),
    ]);
    const ready = params.items.length >= 2 && params.problems.length === 0;
    const { groups, notComparable } = ready
      ? await loadComparisonGroups(tx, tenantId, {
          mode: params.mode, surveyId: survey.id, keys: params.items,
          ...(params.showId ? { showId: params.showId } : {}),
          ...(params.from ? { from: params.from } : {}),
          ...(params.to ? { to: params.to } : {}),
        })
      : { groups: [], notComparable: [] };
    const comparison = groups.length >= 2 ? compareResults(groups, survey.minResponses) : null;
    return { surveys, survey, choices, shows: options.shows, comparison, notComparable };
  }, { userId: ctx.user.id });

  const header = (
    <>
      <PageHeader eyebrow={ctx.tenant.name} title={t("title")} description={t("description")} />
      <SatisfactionNav tenantSlug={tenantSlug} current="compare" />
    </>
  );
  if (!data) {
    const r = await getTranslations("satisfaction.results");
    return <>{header}<EmptyState title={r("noSurvey")} description={r("noSurveyBody")} /></>;
  }
  const items = params.mode === "versions" ? data.choices.versions : params.mode === "shows" ? data.choices.shows : data.choices.performances;
  return (
    <>
      {header}
      <CompareForm tenantSlug={tenantSlug} params={{ ...params, surveyId: data.survey.id }} surveys={data.surveys} shows={data.shows} items={items} />
      {data.comparison ? <ComparisonResults comparison={data.comparison} notComparable={data.notComparable} locale={locale === "en" ? "en" : "fr"} /> : (
        params.problems.length === 0 ? <p className="mt-6 text-slate-700">{t("start")}</p> : null
      )}
    </>
  );
}

async function ComparisonResults({ comparison, notComparable, locale }: { comparison: Comparison; notComparable: NotComparableQuestion[]; locale: TLocale }) {
  const t = await getTranslations("satisfaction.compare");
  const r = await getTranslations("satisfaction.results");
  // Hidden groups keep their place on the axis with no bar (recharts also drew no error bar on a
  // chart left with a single bar).
  const points = comparison.groups.map((g, i) => ({ label: g.label, nps: g.nps.nps, margin: g.nps.marginOfError ?? 0, reference: i === 0 }));
  return (
    <div className="mt-4 grid gap-4" data-testid="comparison">
      <Card title={t("chart")}>
        <ComparisonChart points={points} npsLabel={r("nps")} />
        <p className="mt-2 text-xs text-slate-600">{t("chartNote", { min: comparison.minResponses })}</p>
      </Card>
      <ComparisonOverview comparison={comparison} locale={locale} />
      <NotComparableNote questions={notComparable} locale={locale} />
      <ComparisonQuestions comparison={comparison} locale={locale} />
    </div>
  );
}
