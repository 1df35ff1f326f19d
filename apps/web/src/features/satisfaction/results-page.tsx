// /t/[slug]/satisfaction: NPS with its margin of error, distributions, per-question figures and
// drop-off, trend and breakdowns (performance, show, price category, channel, first visit),
// filtered by survey, show, venue, genre and period. Aggregates only; nothing below the minimum.
import { getLocale, getTranslations } from "next-intl/server";
import { aggregateResults, localise, parseSurveyDefinition, type GroupNps, type TSurveyDefinition } from "@rappel/survey";
import { Card, DataTable, EmptyState, PageHeader } from "@rappel/ui";
import { withTenant } from "@rappel/db";
import { tenantRoleCan } from "@rappel/access";
import { requireTenantPermission } from "@/server/guard";
import { getDb } from "@/server/db";
import { SatisfactionNav } from "./components/satisfaction-nav";
import { FilterForm, parseFilters, filterQuery, type SatisfactionPageProps } from "./components/filters";
import { countDelivered, listSurveys, loadFilterOptions, loadResponses } from "./lib/queries";
import { createCoreSurveyAction } from "./actions";

function NpsTable({ title, groups, labels }: { title: string; groups: GroupNps[]; labels: { group: string; nps: string; responses: string; hidden: string } }) {
  if (!groups.length) return null;
  return (
    <Card title={title}>
      <DataTable
        caption={title}
        hideCaption
        rows={groups}
        rowKey={(g) => g.key}
        columns={[
          { header: labels.group, cell: (g) => <span className="font-normal">{g.label}</span> },
          {
            header: labels.nps,
            numeric: true,
            cell: (g) => (g.summary.nps === null ? <span title={labels.hidden}>—</span> : <span className="font-semibold">{`${g.summary.nps} ± ${g.summary.marginOfError}`}</span>),
          },
          { header: labels.responses, numeric: true, cell: (g) => g.summary.responses },
        ]}
      />
    </Card>
  );
}

function Bars({ items, label }: { items: { label: string; count: number }[]; label: string }) {
  const max = Math.max(1, ...items.map((i) => i.count));
  return (
    <table className="w-full text-sm" aria-label={label}>
      <tbody>
        {items.map((i) => (
          <tr key={i.label}>
            <th scope="row" className="w-40 py-0.5 pr-2 text-left font-normal">{i.label}</th>
            <td className="py-0.5">
              <div className="h-3 rounded bg-indigo-700" style={{ width: `${(i.count / max) * 100}%`, minWidth: i.count ? 4 : 0 }} aria-hidden="true" />
            </td>
            <td className="w-12 py-0.5 text-right tabular-nums">{i.count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export async function SatisfactionResultsPage(props: SatisfactionPageProps) {
  const { tenantSlug } = await props.params;
  const ctx = await requireTenantPermission(tenantSlug, "satisfaction.results.view", `/t/${tenantSlug}/satisfaction`);
  const tenantId = ctx.tenant.tenantId;
  const filters = parseFilters(await props.searchParams);
  const t = await getTranslations("satisfaction.results");
  const data = await withTenant(getDb(), tenantId, async (tx) => {
    const surveys = await listSurveys(tx, tenantId);
    const surveyId = filters.surveyId && surveys.some((s) => s.id === filters.surveyId) ? filters.surveyId : surveys[0]?.id;
    if (!surveyId) return { surveys, survey: null } as const;
    const survey = surveys.find((s) => s.id === surveyId)!;
    const version = await tx.surveyVersion.findUniqueOrThrow({ where: { tenantId_surveyId_version: { tenantId, surveyId, version: survey.currentVersion } } });
    const scoped = { ...filters, surveyId };
    const [rows, delivered, options] = await Promise.all([loadResponses(tx, tenantId, scoped), countDelivered(tx, tenantId, scoped), loadFilterOptions(tx, tenantId)]);
    return { surveys, survey, definition: parseSurveyDefinition(version.definition), rows, delivered, options, surveyId } as const;
  }, { userId: ctx.user.id });

  const canManage = tenantRoleCan(ctx.tenant.role, "satisfaction.surveys.manage");
  if (!data.survey) {
    return (
      <>
        <PageHeader eyebrow={ctx.tenant.name} title={t("title")} description={t("description")} />
        <SatisfactionNav tenantSlug={tenantSlug} current="overview" />
        <EmptyState title={t("noSurvey")} description={t("noSurveyBody")} />
        {canManage ? (
          <form action={createCoreSurveyAction} className="mt-4">
            <input type="hidden" name="tenantSlug" value={tenantSlug} />
            <button className="rounded-md bg-indigo-700 px-4 py-2 font-medium text-white">{t("createCore")}</button>
          </form>
        ) : null}
      </>
    );
  }
  const def: TSurveyDefinition = data.definition;
  const lang = (await getLocale()) === "en" ? "en" : "fr";
  const questionOf = (id: string) => def.pages.flatMap((p) => p.questions).find((x) => x.id === id)!;
  const results = aggregateResults(def, data.rows, data.survey.minResponses);
  const rate = data.delivered ? Math.round((results.responses / data.delivered) * 1000) / 10 : null;
  const hidden = t("belowThreshold", { min: data.survey.minResponses });
  const tableLabels = { group: t("group"), nps: t("nps"), responses: t("responses"), hidden };
  const query = filterQuery({ ...filters, surveyId: data.surveyId });

  return (
    <>
      <PageHeader
        eyebrow={ctx.tenant.name}
        title={t("title")}
        description={t("description")}
        actions={
          <div className="flex gap-2 text-sm">
            <a className="rounded-md border px-3 py-2" href={`/t/${tenantSlug}/satisfaction/export?format=csv&${query}`}>{t("exportCsv")}</a>
            <a className="rounded-md border px-3 py-2" href={`/t/${tenantSlug}/satisfaction/export?format=xlsx&${query}`}>{t("exportXlsx")}</a>
          </div>
        }
      />
      <SatisfactionNav tenantSlug={tenantSlug} current="overview" />
      <FilterForm tenantSlug={tenantSlug} path="" filters={{ ...filters, surveyId: data.surveyId }} surveys={data.surveys} options={data.options} />
      <div className="mt-4 grid gap-4 md:grid-cols-3">
        <Card title={t("nps")}>
          <p className="text-4xl font-bold tabular-nums" data-testid="nps-value">{results.nps.nps ?? "—"}</p>
          {results.nps.marginOfError !== null ? <p className="text-sm text-slate-700">{t("margin", { value: results.nps.marginOfError })}</p> : <p className="text-sm text-slate-700">{hidden}</p>}
          <p className="mt-1 text-xs text-slate-600">{t("npsHelp")}</p>
        </Card>
        <Card title={t("responses")}>
          <p className="text-4xl font-bold tabular-nums" data-testid="responses-count">{results.responses}</p>
          <p className="text-sm text-slate-700">{t("invited")} : {data.delivered} · {t("responseRate")} : {rate === null ? "—" : `${rate} %`}</p>
        </Card>
        <Card title={`${t("promoters")} / ${t("passives")} / ${t("detractors")}`}>
          {results.nps.suppressed ? <p className="text-sm">{hidden}</p> : (
            <Bars label={t("nps")} items={[
              { label: t("promoters"), count: results.nps.promoters },
              { label: t("passives"), count: results.nps.passives },
              { label: t("detractors"), count: results.nps.detractors },
            ]} />
          )}
        </Card>
      </div>
      {results.responses === 0 ? <p className="mt-6">{t("empty")}</p> : null}
      <div className="mt-4 grid gap-4 md:grid-cols-2">
        {results.npsDistribution.length ? (
          <Card title={t("distribution")}>
            <Bars label={t("distribution")} items={results.npsDistribution.map((d) => ({ label: String(d.value), count: d.count }))} />
          </Card>
        ) : null}
        <Card title={t("dropOff")}>
          <DataTable
            caption={t("dropOff")}
            hideCaption
            rows={results.questions}
            rowKey={(q) => q.id}
            columns={[
              { header: t("question"), cell: (q) => <span className="font-normal">{localise(questionOf(q.id).title, lang)}</span> },
              { header: t("seen"), numeric: true, cell: (q) => q.seen },
              { header: t("answered"), numeric: true, cell: (q) => q.answered },
            ]}
          />
        </Card>
        {results.questions.filter((q) => q.rows || q.counts || (q.type === "rating" && q.distribution)).map((q) => {
          const question = questionOf(q.id);
          const title = localise(question.title, lang);
          if (q.rows && question.type === "matrix")
            return (
              <Card key={q.id} title={`${t("ratings")} — ${title}`}>
                <DataTable
                  caption={`${t("ratings")} — ${title}`}
                  hideCaption
                  rows={q.rows}
                  rowKey={(r) => r.id}
                  columns={[
                    { header: t("question"), cell: (r) => <span className="font-normal">{localise(question.rows.find((x) => x.id === r.id)!.label, lang)}</span> },
                    { header: t("average"), numeric: true, cell: (r) => `${r.average ?? "—"} / ${question.scale}` },
                    { header: t("responses"), numeric: true, className: "text-slate-600", cell: (r) => `n=${r.count}` },
                  ]}
                />
              </Card>
            );
          if (q.counts)
            return (
              <Card key={q.id} title={`${t("choices")} — ${title}`}>
                <Bars label={title} items={q.counts.map((c) => ({
                  label: question.type === "single_choice" || question.type === "multiple_choice"
                    ? (c.id === "__other" ? t("other") : localise(question.options.find((o) => o.id === c.id)?.label, lang))
                    : c.id === "yes" ? t("yes") : t("no"),
                  count: c.count,
                }))} />
              </Card>
            );
          return (
            <Card key={q.id} title={`${title} — ${t("average")} ${q.average ?? "—"}`}>
              <Bars label={title} items={(q.distribution ?? []).map((d) => ({ label: String(d.value), count: d.count }))} />
            </Card>
          );
        })}
        <NpsTable title={t("trend")} groups={results.trend} labels={tableLabels} />
        <NpsTable title={t("byPerformance")} groups={results.byPerformance} labels={tableLabels} />
        <NpsTable title={t("byShow")} groups={results.byShow} labels={tableLabels} />
        <NpsTable title={t("byPriceCategory")} groups={results.byPriceCategory} labels={tableLabels} />
        <NpsTable title={t("bySalesChannel")} groups={results.bySalesChannel} labels={tableLabels} />
        <NpsTable
          title={t("byFirstTime")}
          groups={results.byFirstTime.map((g) => ({ ...g, label: g.key === "first" ? t("firstTimer") : t("returning") }))}
          labels={tableLabels}
        />
      </div>
    </>
  );
}
