// /s/{token}/preferences: stop surveys, or every message, from this venue. A plain form; the
// choice is recorded by the route handler (consent withdrawn + exclusion list), no sign-in.
import { getTranslations } from "next-intl/server";
import { getDb } from "@/server/db";
import { resolveInvitation } from "./invitation";
import { PublicShell } from "./public-shell";
import { StatusMessage } from "./status-message";
import type { PublicPageProps } from "./answer-page";

export async function SurveyPreferencesPage({ params, searchParams }: PublicPageProps) {
  const { token } = await params;
  const done = (await searchParams).done;
  const state = await resolveInvitation(getDb(), token);
  if (state.kind === "unknown") return <StatusMessage kind="unknown" locale="fr" />;
  // Preferences stay reachable after the survey closed: opting out must always be possible.
  const locale = state.language;
  const venue = state.tenantName;
  const t = await getTranslations({ locale, namespace: "satisfaction.public" });
  return (
    <PublicShell locale={locale} venue={venue} colour="#1f3a68" title={t("preferencesTitle")}>
      {done === "surveys" || done === "all" ? (
        <p role="status" className="mb-6 rounded-md border border-green-800 bg-green-50 p-3 text-green-950">
          {t("preferencesDone", { what: done === "all" ? t("preferencesDoneAll") : t("preferencesDoneSurveys"), venue })}
        </p>
      ) : null}
      <form method="post" action={`/s/${token}/preferences/save`} className="flex flex-col gap-4">
        <fieldset className="rounded-lg border border-slate-300 p-4">
          <legend className="mb-2 text-lg font-semibold">{t("preferencesIntro", { venue })}</legend>
          <label className="flex min-h-11 items-center gap-3">
            <input type="radio" name="choice" value="surveys" defaultChecked className="size-5" />
            {t("preferencesSurveys")}
          </label>
          <label className="flex min-h-11 items-center gap-3">
            <input type="radio" name="choice" value="all" className="size-5" />
            {t("preferencesAll")}
          </label>
        </fieldset>
        <button type="submit" className="min-h-11 rounded-md bg-slate-900 px-5 font-semibold text-white focus-visible:outline focus-visible:outline-3 focus-visible:outline-offset-2">
          {t("preferencesSubmit")}
        </button>
      </form>
      {state.kind === "open" ? (
        <p className="mt-6">
          <a className="underline" href={`/s/${token}`}>
            {t("backToSurvey")}
          </a>
        </p>
      ) : null}
    </PublicShell>
  );
}
