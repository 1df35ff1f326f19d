/** @jsxImportSource preact */
// One page of a survey as spectators see it: what they attended and the intro (first page), the
// progress, the page's visible questions in one plain <form method="post">, previous/next. The
// public answer page renders it to a string (the form posts to `action`); the builder's live
// preview renders the very same markup in its iframe and handles the form in the browser
// (`onAnswersInput`, `onNavigate`), so both always show one markup.
import { findQuestion, localise, visibleQuestions, type TAnswers, type TLocale, type TSurveyDefinition } from "@rappel/survey/schema";
import { formatPerformanceDate, labelsFor, type FieldError, type PublicText } from "./public-words";
import { QuestionField } from "./question-field";

export interface AttendedPerformance {
  showTitle: string;
  venueName: string;
  startsAt: Date;
}

export interface SurveyPageViewProps {
  definition: TSurveyDefinition;
  locale: TLocale;
  t: PublicText;
  pageIndex: number;
  /** The visible pages' indexes, in order. */
  visible: number[];
  answers: TAnswers;
  errors: Map<string, FieldError>;
  performances: AttendedPerformance[];
  /** Where the form posts (the public page); absent in the preview, which never submits. */
  action?: string;
  /** The preview: the form changed (a click, a keystroke). */
  onAnswersInput?: (form: HTMLFormElement) => void;
  /** The preview: previous or next was pressed (the submission itself is cancelled). */
  onNavigate?: (nav: "back" | "next") => void;
}

export function SurveyPageView({ definition, locale, t, pageIndex, visible, answers, errors, performances, action, onAnswersInput, onNavigate }: SurveyPageViewProps) {
  const page = definition.pages[pageIndex]!;
  const questions = visibleQuestions(page, answers);
  const position = visible.indexOf(pageIndex) + 1;
  const isLast = position === visible.length;
  const input = onAnswersInput && ((event: Event) => onAnswersInput(event.currentTarget as HTMLFormElement));
  const submit =
    onNavigate &&
    ((event: SubmitEvent) => {
      event.preventDefault();
      onNavigate((event.submitter as HTMLButtonElement | null)?.value === "back" ? "back" : "next");
    });
  return (
    <>
      {position === 1 && (performances.length || definition.intro) ? (
        <section aria-label={t("attended")} class="sv-attended">
          {performances.length ? (
            <ul>
              {performances.map((p, i) => (
                <li key={i}>
                  <strong>{p.showTitle}</strong> — {p.venueName}, {formatPerformanceDate(locale, p.startsAt)}
                </li>
              ))}
            </ul>
          ) : null}
          {definition.intro ? <p>{localise(definition.intro, locale)}</p> : null}
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
                <a href={`#question-${id}`}>{localise(findQuestion(definition, id)!.title, locale)}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="post" action={action} class="sv-form" noValidate onInput={input} onChange={input} onSubmit={submit}>
        <input type="hidden" name="page" value={String(pageIndex)} />
        <input type="hidden" name="shown" value={questions.map((q) => q.id).join(",")} />
        {questions.map((q) => (
          <div key={`${q.id}-${q.type}`} id={`question-${q.id}`}>
            <QuestionField question={q} value={answers[q.id]} locale={locale} labels={labelsFor(t, q, errors.get(q.id))} />
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
    </>
  );
}
