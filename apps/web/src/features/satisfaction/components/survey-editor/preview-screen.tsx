/** @jsxImportSource preact */
// What the live preview's iframe shows: the draft as a spectator sees it, with the public page's
// own Preact components (frame, page view, question fields). Preact owns the iframe's content;
// the React editor re-renders it on every change (preview-frame.tsx). Answers typed here are read
// with the public page's own form parser and drive the display logic, page by page.
import { useMemo, useState } from "preact/hooks";
import { localise, parsePageForm, visiblePageIndexes, type TAnswers, type TLocale, type TSurveyDefinition } from "@rappel/survey/schema";
import { PublicShell } from "../../public/public-shell";
import { publicTranslator, type PublicMessages } from "../../public/public-words";
import { SurveyPageView } from "../../public/survey-page-view";

export interface PreviewScreenProps {
  definition: TSurveyDefinition;
  venue: string;
  locale: TLocale;
  /** The public pages' wording in this language (`satisfaction.public`). */
  messages: PublicMessages;
  /** After the last page: what the preview says, and its button to start again. */
  endText: string;
  restartText: string;
}

const NO_ERRORS = new Map<string, never>();

export function PreviewScreen({ definition, venue, locale, messages, endText, restartText }: PreviewScreenProps) {
  const t = useMemo(() => publicTranslator(locale, messages), [locale, messages]);
  const [answers, setAnswers] = useState<TAnswers>({});
  const [current, setCurrent] = useState(0);
  const [ended, setEnded] = useState(false);
  const visible = visiblePageIndexes(definition, answers);
  const pageIndex = visible.includes(current) ? current : (visible.find((i) => i > current) ?? visible.at(-1) ?? 0);
  const page = definition.pages[pageIndex];
  const title = localise(definition.title, locale);

  // This page's answers come from its form, read exactly as the public page reads a submission.
  const readPage = (form: HTMLFormElement) => {
    if (!page) return;
    // The form lives in the iframe's document: use that window's FormData.
    const FormDataOfFrame = form.ownerDocument.defaultView?.FormData ?? FormData;
    const others = Object.fromEntries(Object.entries(answers).filter(([id]) => !page.questions.some((q) => q.id === id)));
    setAnswers({ ...others, ...parsePageForm(page, new FormDataOfFrame(form), others).answers });
  };
  const navigate = (nav: "back" | "next") => {
    const next = visible[visible.indexOf(pageIndex) + (nav === "next" ? 1 : -1)];
    if (next === undefined) setEnded(nav === "next");
    else setCurrent(next);
  };
  const restart = () => {
    setAnswers({});
    setCurrent(0);
    setEnded(false);
  };

  if (ended || !page) {
    return (
      <PublicShell venue={venue} title={title}>
        <p class="sv-lead">{endText}</p>
        <p class="sv-links">
          <button type="button" class="sv-btn sv-btn-primary" onClick={restart}>
            {restartText}
          </button>
        </p>
      </PublicShell>
    );
  }
  return (
    <PublicShell venue={venue} title={title}>
      {/* Keyed by page: a new page starts with fresh form controls. */}
      <SurveyPageView
        key={pageIndex}
        definition={definition}
        locale={locale}
        t={t}
        pageIndex={pageIndex}
        visible={visible}
        answers={answers}
        errors={NO_ERRORS}
        performances={[]}
        onAnswersInput={readPage}
        onNavigate={navigate}
      />
    </PublicShell>
  );
}
