// /t/[slug]/satisfaction/verbatims: spectators' comments, searchable and filterable by score and
// topic; topics come from the rule-based tagger and staff can correct them. Comments are personal
// data (opened from their sealed form): each view is written to the audit log. React escapes them.
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { appendAuditEntry, withTenant } from "@rappel/db";
import { TOPICS, isTopic } from "@rappel/survey";
import { Card, PageHeader } from "@rappel/ui";
import { requireTenantPermission } from "@/server/guard";
import { getDb } from "@/server/db";
import { SatisfactionNav } from "./components/satisfaction-nav";
import { FilterForm, filterQuery, parseFilters, type SatisfactionPageProps } from "./components/filters";
import { listSurveys, loadFilterOptions, loadResponses, openTexts } from "./lib/queries";
import { updateTopicsAction } from "./actions";

const ZScore = z.enum(["all", "detractors", "passives", "promoters"]).catch("all");

export async function VerbatimsPage(props: SatisfactionPageProps) {
  const { tenantSlug } = await props.params;
  const query = await props.searchParams;
  const ctx = await requireTenantPermission(tenantSlug, "satisfaction.surveys.manage", `/t/${tenantSlug}/satisfaction/verbatims`);
  const tenantId = ctx.tenant.tenantId;
  const filters = parseFilters(query);
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const search = (one(query.q) ?? "").trim().slice(0, 200);
  const score = ZScore.parse(one(query.score));
  const topic = one(query.topic);
  const t = await getTranslations("satisfaction.verbatims");
  const tTopics = await getTranslations("satisfaction.topics");
  const data = await withTenant(getDb(), tenantId, async (tx) => {
    const surveys = await listSurveys(tx, tenantId);
    const surveyId = filters.surveyId ?? surveys[0]?.id;
    const options = await loadFilterOptions(tx, tenantId);
    if (!surveyId) return { surveys, options, items: [], surveyId };
    const rows = (await loadResponses(tx, tenantId, { ...filters, surveyId })).filter((r) => r.textsEnc);
    const scored = rows.filter((r) =>
      score === "all" ? true : r.nps === null ? false : score === "detractors" ? r.nps <= 6 : score === "passives" ? r.nps <= 8 && r.nps >= 7 : r.nps >= 9,
    );
    const topical = topic && isTopic(topic) ? scored.filter((r) => r.topics.includes(topic)) : scored;
    const opened = await openTexts(tx, tenantId, topical);
    const byId = new Map(topical.map((r) => [r.id, r]));
    const needle = search.toLocaleLowerCase("fr");
    const items = opened
      .map((o) => ({ row: byId.get(o.id)!, texts: Object.values(o.texts) }))
      .filter((i) => !needle || i.texts.some((x) => x.toLocaleLowerCase("fr").includes(needle)))
      .slice(0, 200);
    await appendAuditEntry(tx, tenantId, {
      actorUserId: ctx.user.id, actorKind: "staff", action: "survey.verbatims.read", targetType: "survey", targetId: surveyId,
      details: { shown: items.length },
    });
    return { surveys, options, items, surveyId };
  }, { userId: ctx.user.id });
  const back = `/t/${tenantSlug}/satisfaction/verbatims?${filterQuery({ ...filters, surveyId: data.surveyId })}&score=${score}${topic ? `&topic=${topic}` : ""}${search ? `&q=${encodeURIComponent(search)}` : ""}`;
  const select = "mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5";
  return (
    <>
      <PageHeader eyebrow={ctx.tenant.name} title={t("title")} />
      <SatisfactionNav tenantSlug={tenantSlug} current="verbatims" />
      <FilterForm
        tenantSlug={tenantSlug}
        path="/verbatims"
        filters={{ ...filters, surveyId: data.surveyId }}
        surveys={data.surveys}
        options={data.options}
        extra={
          <>
            <label className="text-sm">{t("search")}<input type="search" name="q" defaultValue={search} className={select} /></label>
            <label className="text-sm">{t("score")}
              <select name="score" defaultValue={score} className={select}>
                <option value="all">{t("scoreAll")}</option>
                <option value="detractors">{t("scoreDetractors")}</option>
                <option value="passives">{t("scorePassives")}</option>
                <option value="promoters">{t("scorePromoters")}</option>
              </select>
            </label>
            <label className="text-sm">{t("topic")}
              <select name="topic" defaultValue={topic ?? ""} className={select}>
                <option value="">—</option>
                {TOPICS.map((x) => <option key={x} value={x}>{tTopics(x)}</option>)}
              </select>
            </label>
          </>
        }
      />
      {data.items.length === 0 ? <p className="mt-6">{t("none")}</p> : null}
      <ul className="mt-4 flex flex-col gap-3">
        {data.items.map(({ row, texts }) => (
          <li key={row.id}>
            <Card>
              <p className="text-sm text-slate-700">{row.performanceLabel} · NPS {row.nps ?? "—"} · {row.priceCategory ?? ""}</p>
              {texts.map((text, i) => <blockquote key={i} className="mt-2 border-l-4 border-slate-300 pl-3 whitespace-pre-wrap" data-testid="verbatim">{text}</blockquote>)}
              <form action={updateTopicsAction} className="mt-3">
                <input type="hidden" name="tenantSlug" value={tenantSlug} />
                <input type="hidden" name="responseId" value={row.id} />
                <input type="hidden" name="back" value={back} />
                <fieldset>
                  <legend className="text-sm font-medium">{t("topics")}</legend>
                  <div className="mt-1 flex flex-wrap gap-3">
                    {TOPICS.map((x) => (
                      <label key={x} className="flex items-center gap-1 text-sm"><input type="checkbox" name="topics" value={x} defaultChecked={row.topics.includes(x)} />{tTopics(x)}</label>
                    ))}
                  </div>
                </fieldset>
                <button className="mt-2 rounded-md border border-slate-400 px-3 py-1 text-sm">{t("saveTopics")}</button>
              </form>
            </Card>
          </li>
        ))}
      </ul>
    </>
  );
}
