// /t/[slug]/satisfaction/surveys/[id]: the survey builder. The questionnaire (one JSON document)
// is edited visually or as JSON by a client editor that validates it with the shared schema on
// every change and shows it live at phone and desktop sizes; the page adds the survey's other
// settings, the dispatch rule and the status. Saving a survey that has responses creates a version.
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { withTenant } from "@rappel/db";
import { createHash } from "node:crypto";
import { TOPICS, type TLocale } from "@rappel/survey";
import { Card, PageHeader } from "@rappel/ui";
import { requireTenantPermission } from "@/server/guard";
import { getDb } from "@/server/db";
import { SatisfactionNav } from "./components/satisfaction-nav";
import { loadFilterOptions, loadSurvey } from "./lib/queries";
import { saveRuleAction, setSurveyStatusAction } from "./actions";
import { SurveyEditor } from "./components/survey-editor/survey-editor";
import type { PreviewWording } from "./components/survey-editor/live-preview";
import { messagesFor } from "@/i18n/messages";

const input = "mt-1 block w-full rounded-md border border-slate-400 px-2 py-1.5";
const label = "block text-sm font-medium text-slate-800";

/** The public pages' wording in one language (only that namespace goes to the browser), for the live preview. */
async function previewWording(locale: TLocale): Promise<PreviewWording> {
  const tEditor = await getTranslations({ locale, namespace: "satisfaction.editor" });
  return { messages: messagesFor(locale).satisfaction.public, end: tEditor("previewEnd"), restart: tEditor("previewRestart") };
}

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
  const alerts = ((survey.settings as { alerts?: { recipients?: string[]; npsBelow?: number | null; detractorTopics?: string[] } }).alerts) ?? {};

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
      <div className="mt-4">
        <SurveyEditor
          key={createHash("sha256").update(JSON.stringify(definition)).digest("hex")}
          tenantSlug={tenantSlug}
          surveyId={surveyId}
          venue={ctx.tenant.name}
          name={survey.name}
          definition={definition}
          previewWording={{ fr: await previewWording("fr"), en: await previewWording("en") }}
        >
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
        </SurveyEditor>
      </div>
      <div className="mt-6">
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
    </>
  );
}
