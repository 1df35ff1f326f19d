// The pace needed to reach the target fill rate, against the pace of the last 7 days.
import { getLocale, getTranslations } from "next-intl/server";
import type { RequiredPace } from "@rappel/ignition-analytics";
import { cx } from "@rappel/ui";
import { formatCount } from "../lib/format";

export async function PacePanel({ pace, target }: { pace: RequiredPace; target: number }) {
  const [t, locale] = await Promise.all([getTranslations("ignition.pace"), getLocale()]);
  const perDay = (v: number) => t("perDay", { value: new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(v) });
  const status =
    pace.remainingTickets === 0 ? "reached" : pace.daysLeft === 0 ? "past" : pace.onTrack ? "onTrack" : "behind";
  const rows: [string, string][] = [
    [t("sold"), formatCount(pace.sold, locale)],
    [t("targetTickets", { target, sellable: formatCount(pace.sellable, locale) }), formatCount(pace.targetTickets, locale)],
    [t("remaining"), formatCount(pace.remainingTickets, locale)],
    [t("daysLeft"), formatCount(pace.daysLeft, locale)],
    [t("required"), pace.requiredPerDay === null ? "—" : perDay(pace.requiredPerDay)],
    [t("recent"), perDay(pace.recentPerDay)],
  ];
  return (
    <section aria-labelledby="pace-title" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
      <h2 id="pace-title" className="mb-3 text-base font-semibold text-slate-900">
        {t("title")}
      </h2>
      <dl className="grid grid-cols-1 gap-y-2" data-testid="pace">
        {rows.map(([label, value]) => (
          <div key={label} className="flex items-baseline justify-between gap-3 border-b border-slate-100 pb-1">
            <dt className="text-sm text-slate-700">{label}</dt>
            <dd className="text-right font-semibold text-slate-900 tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      <p
        className={cx(
          "mt-3 rounded-md px-3 py-2 text-sm font-medium",
          status === "behind" ? "bg-amber-50 text-amber-900" : status === "past" ? "bg-slate-100 text-slate-800" : "bg-emerald-50 text-emerald-900",
        )}
      >
        {t(status)}
      </p>
    </section>
  );
}
