// The builder's preview: a survey page rendered exactly as spectators see it (same components),
// from the saved definition, without a token and without a form that submits anywhere.
import { withTenant } from "@rappel/db";
import { localise, type TLocale } from "@rappel/survey";
import { requireTenantPermission } from "@/server/guard";
import { getDb } from "@/server/db";
import { labelsFor } from "./public/answer-page";
import { PublicShell } from "./public/public-shell";
import { QuestionField } from "./public/question-field";
import { loadSurvey } from "./lib/queries";
import { notFound } from "next/navigation";

export async function SurveyPreviewPage({ params, searchParams }: { params: Promise<{ tenantSlug: string; surveyId: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { tenantSlug, surveyId } = await params;
  const query = await searchParams;
  const ctx = await requireTenantPermission(tenantSlug, "satisfaction.surveys.manage", `/t/${tenantSlug}/satisfaction/surveys/${surveyId}`);
  const loaded = await withTenant(getDb(), ctx.tenant.tenantId, (tx) => loadSurvey(tx, ctx.tenant.tenantId, surveyId.length === 36 ? surveyId : "00000000-0000-0000-0000-000000000000"));
  if (!loaded) notFound();
  const locale: TLocale = query.lang === "en" ? "en" : "fr";
  const def = loaded.definition;
  return (
    <PublicShell locale={locale} venue={ctx.tenant.name} colour={def.branding.colour} title={localise(def.title, locale)}>
      {await Promise.all(def.pages.map(async (page, i) => (
        <section key={page.id} className="mb-8" aria-label={`Page ${i + 1}`}>
          {page.title ? <h2 className="mb-3 text-xl font-semibold">{localise(page.title, locale)}</h2> : null}
          <div className="flex flex-col gap-5">
            {await Promise.all(
              // All questions are shown, whatever their display logic, so staff see everything.
              page.questions.map(async (q) => (
                <QuestionField key={q.id} question={q} value={undefined} locale={locale} labels={await labelsFor(locale, q)} />
              )),
            )}
          </div>
        </section>
      )))}
    </PublicShell>
  );
}
