/** @jsxImportSource preact */
// /s/{link}: the spectator's survey page. One plain <form method="post"> per page (works without
// JavaScript), in the spectator's language, in the venue's colour. A pure view: the route handler
// (page-routes.ts) reads the invitation and decides which page to show.
import { findQuestion, localise, visibleQuestions } from "@rappel/survey";
import type { OpenInvitation } from "./invitation";
import { PublicShell } from "./public-shell";
import { formatPerformanceDate, labelsFor, publicText, type FieldError } from "./public-text";
import { QuestionField } from "./question-field";

export interface AnswerPageProps {
  link: string;
  state: OpenInvitation;
  pageIndex: number;
  /** The visible pages' indexes, in order. */
  visible: number[];
  errors: Map<string, FieldError>;
}

export function AnswerPage({ link, state, pageIndex, visible, errors }: AnswerPageProps) {
  const locale = state.language;
  const t = publicText(locale);
  const page = state.definition.pages[pageIndex]!;
  const questions = visibleQuestions(page, state.answers);
  const position = visible.indexOf(pageIndex) + 1;
  const isLast = position === visible.length;
  return (
    <PublicShell venue={state.tenantName} title={localise(state.definition.title, locale)}>
      {position === 1 ? (
        <section aria-label={t("attended")} class="sv-attended">
          <ul>
            {state.performances.map((p, i) => (
              <li key={i}>
                <strong>{p.showTitle}</strong> — {p.venueName}, {formatPerformanceDate(locale, p.startsAt)}
              </li>
            ))}
          </ul>
          {state.definition.intro ? <p>{localise(state.definition.intro, locale)}</p> : null}
        </section>
      ) : null}
      <p class="sv-small sv-progress-text" aria-live="polite">
        {t("progress", { current: position, total: visible.length })}
      </p>
      <progress class="sv-progress" max={visible.length} value={position} aria-hidden="true" />
      {page.title ? <h2 class="sv-page-title">{localise(page.title, locale)}</h2> : null}
      {errors.size ? (
        <div role="alert" class="sv-alert">
          <p>{t("errorsTitle")}</p>
          <ul>
            {[...errors.keys()].map((id) => (
              <li key={id}>
                <a href={`#question-${id}`}>{localise(findQuestion(state.definition, id)!.title, locale)}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="post" action={`/s/${link}/answer`} class="sv-form" noValidate>
        <input type="hidden" name="page" value={String(pageIndex)} />
        <input type="hidden" name="shown" value={questions.map((q) => q.id).join(",")} />
        {questions.map((q) => (
          <div key={q.id} id={`question-${q.id}`}>
            <QuestionField question={q} value={state.answers[q.id]} locale={locale} labels={labelsFor(locale, q, errors.get(q.id))} />
          </div>
        ))}
        <div class="sv-actions">
          {position > 1 ? (
            <button type="submit" name="nav" value="back" class="sv-btn sv-btn-secondary">
              {t("previous")}
            </button>
          ) : null}
          <button type="submit" name="nav" value="next" class="sv-btn sv-btn-primary">
            {isLast ? t("submit") : t("next")}
          </button>
        </div>
      </form>
      <p class="sv-footer">
        <a href={`/s/${link}/preferences`}>{t("preferencesLink")}</a>
      </p>
    </PublicShell>
  );
}
