// /s/{token}: the spectator's survey page. Server-rendered, one plain <form method="post"> per
// page (works without JavaScript), in the spectator's language, in the venue's colour.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { findQuestion, localise, visiblePageIndexes, visibleQuestions, type TLocale, type TQuestion } from "@rappel/survey";
import { clientIp } from "@/server/client-ip";
import { getDb } from "@/server/db";
import { resolveInvitation, saveAnswers } from "./invitation";
import { PublicShell } from "./public-shell";
import { StatusMessage } from "./status-message";
import { QuestionField, type QuestionLabels } from "./question-field";
import { allowSurveyRequest } from "./rate-limit";

export interface PublicPageProps {
  params: Promise<{ token: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export async function labelsFor(locale: TLocale, question: TQuestion, error?: string): Promise<QuestionLabels> {
  const t = await getTranslations({ locale, namespace: "satisfaction.public" });
  const max = question.type === "matrix" || question.type === "rating" ? question.scale : 10;
  return {
    required: t("required"), npsLow: t("npsLow"), npsHigh: t("npsHigh"), yes: t("yes"), no: t("no"), other: t("other"),
    otherLabel: t("otherLabel"), matrixScale: t("matrixScale", { max }),
    ...(error ? { error: t(`error_${error}` as "error_required") } : {}),
  };
}

export async function SurveyAnswerPage({ params, searchParams }: PublicPageProps) {
  const { token } = await params;
  const query = await searchParams;
  const ip = clientIp(await headers());
  if (!(await allowSurveyRequest([{ scope: "ip-read", key: ip }]))) return <StatusMessage kind="tooMany" locale="fr" />;
  const db = getDb();
  const state = await resolveInvitation(db, token);
  if (state.kind === "unknown") return <StatusMessage kind="unknown" locale="fr" />;
  if (state.kind === "closed") return <StatusMessage kind="closed" locale={state.language} venue={state.tenantName} />;

  // A score clicked in the e-mail: record it, then show the page without it in the URL (a reload
  // must not record it again, and the address bar should not carry an answer).
  const npsParam = one(query.nps);
  if (npsParam !== undefined) {
    const nps = state.definition.pages[0]?.questions.find((q) => q.type === "nps");
    if (nps && /^(10|[0-9])$/.test(npsParam) && (await allowSurveyRequest([{ scope: "token-write", key: token }]))) {
      await saveAnswers(db, token, { pageIndex: 0, answers: { [nps.id]: Number(npsParam) }, advance: false, replaceQuestionIds: [nps.id] });
    }
    redirect(`/s/${token}`);
  }
  if (state.completed && one(query.p) === undefined) redirect(`/s/${token}/thanks`);

  const visible = visiblePageIndexes(state.definition, state.answers);
  const asked = Number(one(query.p));
  const pageIndex = Number.isInteger(asked) && visible.includes(asked) && (asked <= state.currentPage || state.completed) ? asked : (visible.includes(state.currentPage) ? state.currentPage : visible[0]!);
  const page = state.definition.pages[pageIndex]!;
  const locale = state.language;
  const t = await getTranslations({ locale, namespace: "satisfaction.public" });
  const errors = new Map(
    (one(query.e) ?? "")
      .split(",")
      .filter(Boolean)
      .map((pair) => pair.split(":") as [string, string])
      .filter(([id, code]) => findQuestion(state.definition, id) && ["required", "invalid", "too_long"].includes(code)),
  );
  const questions = visibleQuestions(page, state.answers);
  const position = visible.indexOf(pageIndex) + 1;
  const isLast = position === visible.length;
  const fmt = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "fr-FR", { dateStyle: "full", timeStyle: "short", timeZone: "Europe/Paris" });

  return (
    <PublicShell locale={locale} venue={state.tenantName} colour={state.definition.branding.colour} title={localise(state.definition.title, locale)}>
      {position === 1 ? (
        <section aria-label={t("attended")} className="mb-4 rounded-lg bg-slate-100 p-3 text-slate-800">
          <ul>
            {state.performances.map((p, i) => (
              <li key={i}>
                <strong>{p.showTitle}</strong> — {p.venueName}, {fmt.format(p.startsAt)}
              </li>
            ))}
          </ul>
          {state.definition.intro ? <p className="mt-2">{localise(state.definition.intro, locale)}</p> : null}
        </section>
      ) : null}
      <p className="mb-3 text-sm text-slate-700" aria-live="polite">
        {t("progress", { current: position, total: visible.length })}
      </p>
      <progress className="mb-4 h-2 w-full" max={visible.length} value={position} aria-hidden="true" />
      {page.title ? <h2 className="mb-3 text-xl font-semibold">{localise(page.title, locale)}</h2> : null}
      {errors.size ? (
        <div role="alert" className="mb-4 rounded-md border border-red-700 bg-red-50 p-3 text-red-900">
          <p className="font-semibold">{t("errorsTitle")}</p>
          <ul className="list-disc pl-5">
            {[...errors.keys()].map((id) => (
              <li key={id}>
                <a href={`#question-${id}`} className="underline">
                  {localise(findQuestion(state.definition, id)!.title, locale)}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="post" action={`/s/${token}/answer`} className="flex flex-col gap-5" noValidate>
        <input type="hidden" name="page" value={pageIndex} />
        <input type="hidden" name="shown" value={questions.map((q) => q.id).join(",")} />
        {await Promise.all(
          questions.map(async (q) => (
            <div key={q.id} id={`question-${q.id}`}>
              <QuestionField question={q} value={state.answers[q.id]} locale={locale} labels={await labelsFor(locale, q, errors.get(q.id))} />
            </div>
          )),
        )}
        <div className="flex flex-wrap gap-3">
          {position > 1 ? (
            <button type="submit" name="nav" value="back" className="min-h-11 rounded-md border border-slate-500 bg-white px-5 font-medium text-slate-900 focus-visible:outline focus-visible:outline-3 focus-visible:outline-offset-2">
              {t("previous")}
            </button>
          ) : null}
          <button type="submit" name="nav" value="next" className="min-h-11 flex-1 rounded-md bg-[var(--brand)] px-5 font-semibold text-white focus-visible:outline focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-[var(--brand)]">
            {isLast ? t("submit") : t("next")}
          </button>
        </div>
      </form>
      <p className="mt-8 text-sm">
        <a className="text-slate-700 underline" href={`/s/${token}/preferences`}>
          {t("preferencesLink")}
        </a>
      </p>
    </PublicShell>
  );
}
