// /t/[slug]/satisfaction/surveys/[id]: the survey builder. The questionnaire is one JSON document
// (validated by the shared schema on save: types, logic, cycles, impossible conditions), plus a
// question bank, the brand colour with its contrast check, the dispatch rule, alerts, status, and
// a preview at phone and desktop sizes. Saving a survey that has responses creates a version.
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { withTenant } from "@rappel/db";
import { QUESTION_BANK, TOPICS, contrastRatio, localise, meetsAaWithWhite } from "@rappel/survey";
import { Card, PageHeader } from "@rappel/ui";
import { requireTenantPermission } from "@/server/guard";
import { getDb } from "@/server/db";
import { SatisfactionNav } from "./components/satisfaction-nav";
import { loadFilterOptions, loadSurvey } from "./lib/queries";
import { saveRuleAction, saveSurveyAction, setSurveyStatusAction } from "./actions";

const input = "mt-1 block w-full rounded-md border border-slate-400 px-2 py-1.5";
const label = "block text-sm font-medium text-slate-800";

export async function SurveyBuilderPage({ params, searchParams }: { params: Promise<{ tenantSlug: string; surveyId: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { tenantSlug, surveyId } = await params;
  const query = await searchParams;
  const ctx = await requireTenantPermission(tenantSlug, "satisfaction.surveys.manage", `/t/${tenantSlug}/satisfaction/surveys/${surveyId}`);
  const tenantId = ctx.tenant.tenantId;
  if (!/^[0-9a-f-]{36}$/i.test(surveyId)) notFound();
  const data = await withTenant(getDb(), tenantId, async (tx) => {
    const loaded = await loadSurvey(tx, tenantId, surveyId);
    return loaded ? { ...loaded, options: await loadFilterOptions(tx, tenantId) } : null;
  }, { userId: ctx.user.id });
  if (!data) notFound();
  const t = await getTranslations("satisfaction.builder");
  const tTopics = await getTranslations("satisfaction.topics");
  const { survey, rule, definition, options } = data;
  const colour = definition.branding.colour;
  const ratio = contrastRatio(colour, "#ffffff");
  const alerts = ((survey.settings as { alerts?: { recipients?: string[]; npsBelow?: number | null; detractorTopics?: string[] } }).alerts) ?? {};
  // Outside the staff layout, so the frame shows exactly what a spectator sees.
  const preview = `/preview/survey/${tenantSlug}/${surveyId}`;

  return (
    <>
      <PageHeader eyebrow={ctx.tenant.name} title={survey.name} description={`${t(`status_${survey.status}`)} · ${t("version", { n: survey.currentVersion })}`}
        actions={
          <form action={setSurveyStatusAction} className="flex gap-2">
            <input type="hidden" name="tenantSlug" value={tenantSlug} />
            <input type="hidden" name="surveyId" value={surveyId} />
            {survey.status !== "active" ? <button name="status" value="active" className="rounded-md bg-green-800 px-4 py-2 font-medium text-white">{t("activate")}</button> : null}
            {survey.status === "active" ? <button name="status" value="closed" className="rounded-md border border-slate-400 px-4 py-2">{t("close")}</button> : null}
          </form>
        }
      />
      <SatisfactionNav tenantSlug={tenantSlug} current="surveys" />
      {query.error ? <div role="alert" className="mt-4 rounded-md border border-red-700 bg-red-50 p-3 text-red-900"><strong>{t("invalid")}</strong> {query.error}</div> : null}
      {query.saved ? <p role="status" className="mt-4 rounded-md border border-green-800 bg-green-50 p-3 text-green-950">{t("saved")}</p> : null}
      {data.responses > 0 ? <p className="mt-4 text-sm text-slate-700">{t("newVersion", { n: survey.currentVersion + 1 })}</p> : null}
      <div className="mt-4 grid gap-4 xl:grid-cols-2">
        <Card title={t("edit")}>
          <form action={saveSurveyAction} className="flex flex-col gap-3">
            <input type="hidden" name="tenantSlug" value={tenantSlug} />
            <input type="hidden" name="surveyId" value={surveyId} />
            <label className={label}>{t("name")}<input name="name" defaultValue={survey.name} required className={input} /></label>
            <label className={label}>{t("branding")}<input type="color" name="colour" defaultValue={colour} className="mt-1 h-10 w-20" /></label>
            <p className={meetsAaWithWhite(colour) ? "text-sm text-green-900" : "text-sm font-medium text-red-800"} role="status">
              {meetsAaWithWhite(colour) ? t("contrastOk", { ratio }) : t("contrastBad", { ratio })}
            </p>
            <label className={label}>{t("addFromBank")}
              <select name="bankQuestion" className={input} defaultValue="">
                <option value="">—</option>
                {QUESTION_BANK.filter((q) => !definition.pages.some((p) => p.questions.some((x) => x.id === q.id))).map((q) => (
                  <option key={q.id} value={q.id}>{localise(q.title, "fr")} ({q.type})</option>
                ))}
              </select>
            </label>
            <label className={label} htmlFor="definition">{t("definition")}</label>
            <p id="definition-help" className="text-xs text-slate-700">{t("definitionHelp")}</p>
            <textarea id="definition" name="definition" aria-describedby="definition-help" rows={22} spellCheck={false} defaultValue={JSON.stringify(definition, null, 2)} className="w-full rounded-md border border-slate-400 p-2 font-mono text-xs" />
            <div className="grid gap-3 sm:grid-cols-2">
              <label className={label}>{t("minResponses")}<input type="number" min={1} name="minResponses" defaultValue={survey.minResponses} className={input} /></label>
              <label className={label}>{t("closesAt")}<input type="date" name="closesAt" defaultValue={survey.closesAt?.toISOString().slice(0, 10) ?? ""} className={input} /></label>
            </div>
            <fieldset className="rounded-md border border-slate-300 p-3">
              <legend className="px-1 font-medium">{t("alerts")}</legend>
              <label className={label}>{t("alertRecipients")}<input name="alertRecipients" defaultValue={(alerts.recipients ?? []).join(", ")} className={input} /></label>
              <label className={`${label} mt-2`}>{t("alertNpsBelow")}<input type="number" min={-100} max={100} name="alertNpsBelow" defaultValue={alerts.npsBelow ?? ""} className={input} /></label>
              <fieldset className="mt-2"><legend className={label}>{t("alertTopics")}</legend>
                <div className="mt-1 flex flex-wrap gap-3">
                  {TOPICS.map((topic) => (
                    <label key={topic} className="flex items-center gap-1 text-sm"><input type="checkbox" name="alertTopics" value={topic} defaultChecked={alerts.detractorTopics?.includes(topic)} />{tTopics(topic)}</label>
                  ))}
                </div>
              </fieldset>
            </fieldset>
            <button className="self-start rounded-md bg-indigo-700 px-4 py-2 font-medium text-white">{t("save")}</button>
          </form>
        </Card>
        <div className="flex flex-col gap-4">
          <Card title={t("preview")}>
            <div className="flex flex-wrap items-start gap-4">
              <figure>
                <figcaption className="mb-1 text-sm">{t("previewPhone")} (375 px)</figcaption>
                <iframe title={`${t("preview")} — ${t("previewPhone")}`} src={preview} className="h-[560px] w-[375px] rounded-xl border-4 border-slate-800" />
              </figure>
              <figure className="hidden 2xl:block">
                <figcaption className="mb-1 text-sm">{t("previewDesktop")} (1024 px)</figcaption>
                <div className="h-[400px] w-[512px] overflow-hidden rounded border">
                  <iframe title={`${t("preview")} — ${t("previewDesktop")}`} src={preview} className="h-[800px] w-[1024px] origin-top-left scale-50" />
                </div>
              </figure>
            </div>
            <p className="mt-2 text-sm"><a className="underline" href={`${preview}?lang=en`}>English</a> · <a className="underline" href={preview}>Français</a></p>
          </Card>
          <Card title={t("dispatch")}>
            <form action={saveRuleAction} className="grid gap-3 sm:grid-cols-2">
              <input type="hidden" name="tenantSlug" value={tenantSlug} />
              <input type="hidden" name="surveyId" value={surveyId} />
              <label className={label}>{t("delayHours")}<input type="number" step="0.5" min={0} name="delayHours" defaultValue={(rule?.delayMinutes ?? 180) / 60} className={input} /></label>
              <label className={label}>{t("reminderDays")}<input type="number" min={1} name="reminderAfterDays" defaultValue={rule?.reminderAfterDays ?? ""} className={input} /></label>
              <label className={label}>{t("fatigueDays")}<input type="number" min={0} name="fatigueDays" defaultValue={rule?.fatigueDays ?? 30} className={input} /></label>
              <label className={label}>{t("sampleEvery")}<input type="number" min={1} name="sampleEvery" defaultValue={rule?.sampleEvery ?? 1} className={input} /></label>
              <label className={label}>{t("festivalHours")}<input type="number" min={0} name="festivalWindowHours" defaultValue={rule?.festivalWindowHours ?? 0} className={input} /></label>
              <fieldset className="sm:col-span-2"><legend className={label}>{t("quietHours")}</legend>
                <div className="flex gap-3">
                  <label className="text-sm">De / From<input type="number" min={0} max={23} name="quietStartHour" defaultValue={rule?.quietStartHour ?? 21} className={input} /></label>
                  <label className="text-sm">À / To<input type="number" min={0} max={23} name="quietEndHour" defaultValue={rule?.quietEndHour ?? 9} className={input} /></label>
                </div>
              </fieldset>
              <label className={label}>Spectacles / Shows
                <select multiple name="showIds" defaultValue={rule?.showIds ?? []} className={`${input} h-32`}>
                  {options.shows.map((s) => <option key={s.id} value={s.id}>{s.title}</option>)}
                </select>
              </label>
              <label className={label}>Salles / Venues
                <select multiple name="venueIds" defaultValue={rule?.venueIds ?? []} className={`${input} h-32`}>
                  {options.venues.map((v) => <option key={v.id} value={v.id}>{v.name}</option>)}
                </select>
              </label>
              <label className={label}>Genres
                <select multiple name="genres" defaultValue={rule?.genres ?? []} className={`${input} h-24`}>
                  {options.genres.map((g) => <option key={g} value={g}>{g}</option>)}
                </select>
              </label>
              <label className="flex items-center gap-2 text-sm"><input type="checkbox" name="excludeComplimentary" defaultChecked={rule?.excludeComplimentary ?? false} />{t("excludeComplimentary")}</label>
              <button className="self-start rounded-md bg-indigo-700 px-4 py-2 font-medium text-white sm:col-span-2">{t("save")}</button>
            </form>
          </Card>
        </div>
      </div>
    </>
  );
}
