// The report's A/B table: each subject variant's sample results, the winner (or when it will be
// chosen, with a form to move that time while undecided), and the rest of the audience sent with
// the winning subject. Times in Paris.
import { getFormatter, getTranslations } from "next-intl/server";
import { SCHEDULE_TIME_ZONE } from "@rappel/campaigns";
import { Card } from "@rappel/ui";
import type { AbReport } from "../lib/report-variants";
import { AbDecisionForm, type AbDecisionFormProps } from "./ab-decision-form";

/** `move`: present when the viewer may move the pending decision. */
export async function AbVariantTable({ report, move }: { report: AbReport; move?: AbDecisionFormProps }) {
  const [t, format] = await Promise.all([getTranslations("activation.report.ab"), getFormatter()]);
  const rate = (n: number, d: number) => (d > 0 ? format.number(n / d, { style: "percent", maximumFractionDigits: 1 }) : "—");
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short", timeZone: SCHEDULE_TIME_ZONE });
  const cell = "px-3 py-2 text-left";
  const num = "px-3 py-2 text-right tabular-nums";
  return (
    <Card title={t("title")}>
      <p className="mb-3 text-sm text-slate-800" data-testid="ab-decision">
        {report.winner
          ? t("decided", { winner: report.winner, metric: t(`metrics.${report.metric}`), when: report.decidedAt ? when(report.decidedAt) : "—" })
          : report.decideAt
            ? t("pending", { metric: t(`metrics.${report.metric}`), when: when(report.decideAt) })
            : t("notStarted", { metric: t(`metrics.${report.metric}`) })}
      </p>
      {move ? <AbDecisionForm {...move} /> : null}
      <div className="overflow-x-auto">
        <table className="w-full min-w-[36rem] border-collapse text-sm" data-testid="ab-variants">
          <caption className="sr-only">{t("caption", { percent: report.samplePercent })}</caption>
          <thead className="border-b border-slate-300 text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className={cell}>{t("variant")}</th>
              <th scope="col" className={cell}>{t("subject")}</th>
              <th scope="col" className={num}>{t("sent")}</th>
              <th scope="col" className={num}>{t("opens")}</th>
              <th scope="col" className={num}>{t("clicks")}</th>
            </tr>
          </thead>
          <tbody>
            {report.variants.map((v) => (
              <tr key={v.variant} className={`border-b border-slate-200 ${report.winner === v.variant ? "bg-emerald-50" : ""}`} data-variant={v.variant}>
                <th scope="row" className={`${cell} font-semibold`}>
                  {v.variant}
                  {report.winner === v.variant ? <span className="ml-2 rounded bg-emerald-700 px-1.5 py-0.5 text-xs font-medium text-white">{t("winner")}</span> : null}
                </th>
                <td className={`${cell} max-w-xs break-words`}>{v.subject}</td>
                <td className={num}>{format.number(v.sent)}</td>
                <td className={num}>{format.number(v.humanOpens)} <span className="text-slate-600">({rate(v.humanOpens, v.sent)})</span></td>
                <td className={num}>{format.number(v.clicks)} <span className="text-slate-600">({rate(v.clicks, v.sent)})</span></td>
              </tr>
            ))}
            <tr data-variant="rest">
              <th scope="row" className={`${cell} font-semibold`}>{t("rest")}</th>
              <td className={cell}>{report.winner ? t("restSubject", { winner: report.winner }) : t("restWaiting", { count: format.number(report.remainder.waiting) })}</td>
              <td className={num}>{format.number(report.remainder.sent)} / {format.number(report.remainder.total)}</td>
              <td className={num}>—</td>
              <td className={num}>—</td>
            </tr>
          </tbody>
        </table>
      </div>
      <p className="mt-3 text-xs text-slate-600">{t("note")}</p>
    </Card>
  );
}
