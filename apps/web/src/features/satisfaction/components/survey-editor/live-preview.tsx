"use client";
// The live preview: the draft as a spectator sees it, redrawn on every keystroke, with the public
// page's own components (frame and question fields) in the brand colour, in French or English,
// on a phone or a desktop. Answers given in the preview are read with the public page's own form
// parser and drive the display logic (shared evaluation functions), page by page.
import { useRef, useState } from "react";
import { useTranslations } from "next-intl";
import {
  localise,
  parsePageForm,
  visibleQuestions,
  visiblePageIndexes,
  type TAnswers,
  type TLocale,
  type TQuestion,
  type TSurveyDefinition,
} from "@rappel/survey/schema";
import { PublicShell } from "../../public/public-shell";
import { QuestionField, type QuestionLabels } from "../../public/question-field";
import { PreviewFrame } from "./preview-frame";

/** The public page's wording, per language (templates keep their {placeholders}). */
export type PreviewLabels = Omit<QuestionLabels, "error"> & { progress: string; next: string; previous: string; submit: string; end: string; restart: string };

const fill = (template: string, values: Record<string, number>) => template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ""));

function labelsFor(labels: PreviewLabels, q: TQuestion): QuestionLabels {
  const max = q.type === "matrix" || q.type === "rating" ? q.scale : 10;
  return { ...labels, matrixScale: fill(labels.matrixScale, { max }) };
}

const DEVICES = { phone: { width: 375, height: 640 }, desktop: { width: 1024, height: 1000 } } as const;
type Device = keyof typeof DEVICES;

function toggleClass(on: boolean) {
  return `min-h-9 rounded-md border px-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-indigo-600 ${on ? "border-indigo-700 bg-indigo-700 text-white" : "border-slate-400 bg-white text-slate-800"}`;
}

function SurveyScreen({ definition, venue, labels, locale }: { definition: TSurveyDefinition; venue: string; labels: PreviewLabels; locale: TLocale }) {
  const [answers, setAnswers] = useState<TAnswers>({});
  const [current, setCurrent] = useState(0);
  const [ended, setEnded] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const visible = visiblePageIndexes(definition, answers);
  const pageIndex = visible.includes(current) ? current : (visible.find((i) => i > current) ?? visible.at(-1) ?? 0);
  const page = definition.pages[pageIndex];
  const position = visible.indexOf(pageIndex) + 1;
  const title = localise(definition.title, locale);

  // Answers of this page come from its form, read exactly as the public page reads a submission.
  const readPage = () => {
    const element = form.current;
    if (!element || !page) return;
    const FormDataOfFrame = element.ownerDocument.defaultView?.FormData ?? FormData;
    const others = Object.fromEntries(Object.entries(answers).filter(([id]) => !page.questions.some((q) => q.id === id)));
    setAnswers({ ...others, ...parsePageForm(page, new FormDataOfFrame(element), others).answers });
  };
  const go = (by: -1 | 1) => {
    const next = visible[visible.indexOf(pageIndex) + by];
    if (next === undefined) setEnded(by === 1);
    else setCurrent(next);
  };
  const restart = () => {
    setAnswers({});
    setCurrent(0);
    setEnded(false);
  };
  const button = "min-h-11 rounded-md px-5 font-semibold focus-visible:outline focus-visible:outline-3 focus-visible:outline-offset-2";

  if (ended || !page) {
    return (
      <PublicShell locale={locale} venue={venue} colour={definition.branding.colour} title={title}>
        <p className="mb-4 text-lg">{labels.end}</p>
        <button type="button" onClick={restart} className={`${button} bg-[var(--brand)] text-white`}>{labels.restart}</button>
      </PublicShell>
    );
  }
  return (
    <PublicShell locale={locale} venue={venue} colour={definition.branding.colour} title={title}>
      {position === 1 && definition.intro ? <p className="mb-4 rounded-lg bg-slate-100 p-3 text-slate-800">{localise(definition.intro, locale)}</p> : null}
      <p className="mb-3 text-sm text-slate-700">{fill(labels.progress, { current: position, total: visible.length })}</p>
      <progress className="mb-4 h-2 w-full" max={visible.length} value={position} aria-hidden="true" />
      {page.title ? <h2 className="mb-3 text-xl font-semibold">{localise(page.title, locale)}</h2> : null}
      <form key={pageIndex} ref={form} onChange={readPage} onInput={readPage} onSubmit={(e) => e.preventDefault()} className="flex flex-col gap-5" noValidate>
        {visibleQuestions(page, answers).map((q) => (
          <QuestionField key={`${q.id}-${q.type}`} question={q} value={answers[q.id]} locale={locale} labels={labelsFor(labels, q)} />
        ))}
        <div className="flex flex-wrap gap-3">
          {position > 1 ? (
            <button type="button" onClick={() => go(-1)} className={`${button} border border-slate-500 bg-white text-slate-900`}>{labels.previous}</button>
          ) : null}
          <button type="button" onClick={() => go(1)} className={`${button} flex-1 bg-[var(--brand)] text-white`}>
            {position === visible.length ? labels.submit : labels.next}
          </button>
        </div>
      </form>
    </PublicShell>
  );
}

export function LivePreview({ definition, venue, labels }: { definition: TSurveyDefinition; venue: string; labels: Record<TLocale, PreviewLabels> }) {
  const t = useTranslations("satisfaction.editor");
  const [locale, setLocale] = useState<TLocale>("fr");
  const [device, setDevice] = useState<Device>("phone");
  const size = DEVICES[device];
  return (
    <section aria-labelledby="survey-preview-heading" className="flex flex-col gap-2">
      <h2 id="survey-preview-heading" className="text-lg font-semibold text-slate-900">{t("livePreview")}</h2>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <div role="group" aria-label={t("previewDevice")} className="flex gap-1">
          {(Object.keys(DEVICES) as Device[]).map((d) => (
            <button key={d} type="button" aria-pressed={device === d} className={toggleClass(device === d)} onClick={() => setDevice(d)}>
              {t(`device_${d}`, { width: DEVICES[d].width })}
            </button>
          ))}
        </div>
        <div role="group" aria-label={t("previewLanguage")} className="flex gap-1">
          {(["fr", "en"] as const).map((l) => (
            <button key={l} type="button" aria-pressed={locale === l} className={toggleClass(locale === l)} onClick={() => setLocale(l)}>
              {l === "fr" ? "Français" : "English"}
            </button>
          ))}
        </div>
      </div>
      <p className="text-xs text-slate-700">{t("previewHelp")}</p>
      {/* Remounted per device: each frame has its own document. */}
      <PreviewFrame key={device} title={t("previewFrameTitle", { device: t(`device_${device}`, { width: size.width }) })} width={size.width} height={size.height}>
        <SurveyScreen definition={definition} venue={venue} labels={labels[locale]} locale={locale} />
      </PreviewFrame>
    </section>
  );
}
