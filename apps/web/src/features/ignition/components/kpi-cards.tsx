// The KPI cards: the value, its change against the previous period and against the same period
// last season, and its definition (from the data layer, the one source of the wording) on hover
// and keyboard focus. Unpaid reservations close the list: shown, never counted in the KPIs.
import type { ReactNode } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import { InfoTip, StatChange } from "@rappel/ui";
import {
  COMPARISON_NOTE,
  KPI_DEFINITIONS,
  KPI_KEYS,
  PENDING_RESERVATIONS_DEFINITION,
  type KpiComparison,
  type OverviewKpis,
  type PendingReservations,
} from "@rappel/ignition-analytics";
import { changeTone, computeChange, formatChange, formatCount, formatEuros, formatKpiValue, kpiPolarity } from "../lib/format";
import type { Labels } from "../lib/labels";

type Translator = Awaited<ReturnType<typeof getTranslations<"ignition.kpis">>>;

function ChangeLine({ kpi, against, caption, sentence, t, locale }: {
  kpi: KpiComparison;
  against: number | null;
  caption: string;
  sentence: string;
  t: Translator;
  locale: string;
}) {
  const change = computeChange(kpi.current, against, kpi.unit);
  if (!change) {
    return (
      <span className="text-sm text-slate-600">
        <span aria-hidden="true">— {caption}</span>
        <span className="sr-only">
          {t("none")} {sentence}
        </span>
      </span>
    );
  }
  const text = formatChange(change, locale, t("points"));
  const words = change.direction === "flat" ? t("flat") : t(change.direction, { value: text.replace(/^[+\u2212]/, "") });
  return (
    <StatChange
      direction={change.direction}
      tone={changeTone(change, kpiPolarity(kpi.key))}
      text={text}
      caption={caption}
      description={`${words} ${sentence}`}
    />
  );
}

function PendingCard({ pending, t, locale, lang }: { pending: PendingReservations; t: Translator; locale: string; lang: "fr" | "en" }) {
  const label = t("pending.label");
  return (
    <li className="relative min-w-0 rounded-lg border border-dashed border-amber-500 bg-amber-50 p-3 shadow-sm sm:p-4">
      <div className="flex items-start justify-between gap-2">
        <h3 id="kpi-pendingReservations-label" className="text-sm font-medium text-slate-700">
          {label}
        </h3>
        <InfoTip label={t("definition", { kpi: label })}>{PENDING_RESERVATIONS_DEFINITION[lang]}</InfoTip>
      </div>
      <p className="mt-1 text-xl font-bold text-slate-900 tabular-nums sm:text-2xl" data-testid="kpi-pendingReservations" aria-describedby="kpi-pendingReservations-label">
        {formatCount(pending.tickets, locale)}
      </p>
      <p className="mt-2 text-sm text-slate-700">{t("pending.detail", { orders: pending.orders, amount: formatEuros(pending.amountCents, locale) })}</p>
      <p className="text-sm text-slate-600">{t("pending.snapshot")}</p>
    </li>
  );
}

export async function KpiCards({ overview, pending, labels, csvLink }: {
  overview: OverviewKpis;
  pending?: PendingReservations;
  labels: Labels;
  csvLink?: ReactNode;
}) {
  const [t, locale] = await Promise.all([getTranslations("ignition.kpis"), getLocale()]);
  const lang = locale === "en" ? "en" : "fr";
  const { previous, lastSeason } = overview.periods;
  const previousSentence = t("previousSentence", { from: labels.day(previous.from), to: labels.day(previous.to) });
  const lastSeasonSentence = t("lastSeasonSentence", { from: labels.day(lastSeason.from), to: labels.day(lastSeason.to) });
  const units = { days: t("days"), km: t("km") };
  return (
    <section aria-labelledby="kpis-title" className="mb-8">
      <div className="relative mb-3 flex items-center gap-2">
        <h2 id="kpis-title" className="text-lg font-semibold text-slate-900">
          {t("title")}
        </h2>
        <InfoTip label={t("comparisonNote")}>{COMPARISON_NOTE[lang]}</InfoTip>
        {csvLink ? <div className="ml-auto">{csvLink}</div> : null}
      </div>
      <ul className="grid grid-cols-2 gap-2 sm:gap-3 lg:grid-cols-3 2xl:grid-cols-4">
        {KPI_KEYS.map((key) => {
          const kpi = overview.kpis[key];
          const label = t(`labels.${key}`);
          return (
            <li key={key} className="relative min-w-0 rounded-lg border border-slate-200 bg-white p-3 shadow-sm sm:p-4">
              <div className="flex items-start justify-between gap-2">
                <h3 id={`kpi-${key}-label`} className="text-sm font-medium text-slate-700">
                  {label}
                </h3>
                <InfoTip label={t("definition", { kpi: label })}>{KPI_DEFINITIONS[key][lang]}</InfoTip>
              </div>
              <p className="mt-1 text-xl font-bold text-slate-900 tabular-nums sm:text-2xl" data-testid={`kpi-${key}`} aria-describedby={`kpi-${key}-label`}>
                {formatKpiValue(kpi.current, kpi.unit, locale, units, key)}
              </p>
              <ul className="mt-2 flex flex-col gap-1">
                <li>
                  <ChangeLine kpi={kpi} against={kpi.previous} caption={t("vsPrevious")} sentence={previousSentence} t={t} locale={locale} />
                </li>
                <li>
                  <ChangeLine kpi={kpi} against={kpi.lastSeason} caption={t("vsLastSeason")} sentence={lastSeasonSentence} t={t} locale={locale} />
                </li>
              </ul>
            </li>
          );
        })}
        {pending ? <PendingCard pending={pending} t={t} locale={locale} lang={lang} /> : null}
      </ul>
    </section>
  );
}
