/** @jsxImportSource preact */
// The builder's preview: every page of a survey in the spectators' markup (same components, same
// stylesheet), all questions shown whatever their display logic so staff see everything, and no
// form that submits anywhere.
import { renderToString } from "preact-render-to-string";
import { localise, type TLocale, type TSurveyDefinition } from "@rappel/survey";
import { PUBLIC_STYLES } from "./public-styles";
import { PublicShell } from "./public-shell";
import { labelsFor } from "./public-text";
import { QuestionField } from "./question-field";

export interface SurveyPreview {
  /** The stylesheet, for a <style> element (the brand colour is validated as #rrggbb by the schema). */
  css: string;
  /** The page's markup, every text escaped by Preact. */
  html: string;
}

export function renderSurveyPreview(definition: TSurveyDefinition, locale: TLocale, venue: string): SurveyPreview {
  const html = renderToString(
    <PublicShell venue={venue} title={localise(definition.title, locale)}>
      {definition.pages.map((page, i) => (
        <section key={page.id} class="sv-form" style="margin-bottom:32px" aria-label={`Page ${i + 1}`}>
          {page.title ? <h2 class="sv-page-title">{localise(page.title, locale)}</h2> : null}
          {page.questions.map((q) => (
            <QuestionField key={q.id} question={q} value={undefined} locale={locale} labels={labelsFor(locale, q)} />
          ))}
        </section>
      ))}
    </PublicShell>,
  );
  return { css: `:root{--brand:${definition.branding.colour}}${PUBLIC_STYLES}`, html };
}
