// /s/{token}/thanks: after the last page. The response stays editable until the survey closes.
import { getDb } from "@/server/db";
import { resolveInvitation } from "./invitation";
import { StatusMessage } from "./status-message";
import { getTranslations } from "next-intl/server";
import type { PublicPageProps } from "./answer-page";

export async function SurveyThanksPage({ params }: Pick<PublicPageProps, "params">) {
  const { token } = await params;
  const state = await resolveInvitation(getDb(), token);
  if (state.kind === "unknown") return <StatusMessage kind="unknown" locale="fr" />;
  if (state.kind === "closed") return <StatusMessage kind="closed" locale={state.language} venue={state.tenantName} />;
  const t = await getTranslations({ locale: state.language, namespace: "satisfaction.public" });
  return (
    <StatusMessage kind="thanks" locale={state.language} venue={state.tenantName}>
      <p className="mt-6 flex flex-wrap gap-4">
        <a className="font-medium underline" href={`/s/${token}?p=0`}>
          {t("thanksEdit")}
        </a>
        <a className="text-slate-700 underline" href={`/s/${token}/preferences`}>
          {t("preferencesLink")}
        </a>
      </p>
    </StatusMessage>
  );
}
