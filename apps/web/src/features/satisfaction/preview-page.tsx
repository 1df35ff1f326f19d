// The builder's preview: a survey page rendered exactly as spectators see it (the public pages'
// own markup and stylesheet: public/survey-preview.tsx), from the saved definition, without a
// token and without a form that submits anywhere.
import { notFound } from "next/navigation";
import { withTenant } from "@rappel/db";
import type { TLocale } from "@rappel/survey";
import { requireTenantPermission } from "@/server/guard";
import { getDb } from "@/server/db";
import { renderSurveyPreview } from "./public/survey-preview";
import { loadSurvey } from "./lib/queries";

export async function SurveyPreviewPage({ params, searchParams }: { params: Promise<{ tenantSlug: string; surveyId: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { tenantSlug, surveyId } = await params;
  const query = await searchParams;
  const ctx = await requireTenantPermission(tenantSlug, "satisfaction.surveys.manage", `/t/${tenantSlug}/satisfaction/surveys/${surveyId}`);
  const loaded = await withTenant(getDb(), ctx.tenant.tenantId, (tx) => loadSurvey(tx, ctx.tenant.tenantId, surveyId.length === 36 ? surveyId : "00000000-0000-0000-0000-000000000000"));
  if (!loaded) notFound();
  const locale: TLocale = query.lang === "en" ? "en" : "fr";
  const preview = renderSurveyPreview(loaded.definition, locale, ctx.tenant.name);
  return (
    <div lang={locale}>
      <style dangerouslySetInnerHTML={{ __html: preview.css }} />
      <div dangerouslySetInnerHTML={{ __html: preview.html }} />
    </div>
  );
}
