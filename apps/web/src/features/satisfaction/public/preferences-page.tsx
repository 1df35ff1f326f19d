/** @jsxImportSource preact */
// /s/{link}/preferences: stop surveys, or every message, from this venue. Reachable after the
// survey closed: opting out must always be possible.
import type { TLocale } from "@rappel/survey";
import { PublicShell } from "./public-shell";
import { publicText } from "./public-text";

export function PreferencesPage({ link, locale, venue, done, surveyOpen }: { link: string; locale: TLocale; venue: string; done: "surveys" | "all" | null; surveyOpen: boolean }) {
  const t = publicText(locale);
  return (
    <PublicShell venue={venue} title={t("preferencesTitle")}>
      {done ? (
        <p role="status" class="sv-done">
          {t("preferencesDone", { what: done === "all" ? t("preferencesDoneAll") : t("preferencesDoneSurveys"), venue })}
        </p>
      ) : null}
      <form method="post" action={`/s/${link}/preferences/save`} class="sv-form">
        <fieldset class="sv-q">
          <legend>{t("preferencesIntro", { venue })}</legend>
          <div class="sv-options">
            <label class="sv-option">
              <input type="radio" name="choice" value="surveys" checked />
              {t("preferencesSurveys")}
            </label>
            <label class="sv-option">
              <input type="radio" name="choice" value="all" />
              {t("preferencesAll")}
            </label>
          </div>
        </fieldset>
        <div class="sv-actions">
          <button type="submit" class="sv-btn sv-btn-primary">
            {t("preferencesSubmit")}
          </button>
        </div>
      </form>
      {surveyOpen ? (
        <p class="sv-footer">
          <a href={`/s/${link}`}>{t("backToSurvey")}</a>
        </p>
      ) : null}
    </PublicShell>
  );
}
