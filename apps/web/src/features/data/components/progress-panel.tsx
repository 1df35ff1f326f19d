// An import's progress: a bar (with its value for assistive technology), rows read, accepted and
// rejected, the share done and the time left; the outcome once finished.
import { getFormatter, getTranslations } from "next-intl/server";
import { Card, cx } from "@rappel/ui";
import type { ImportStatusView } from "../lib/import-status";
import { formatDuration } from "../lib/format";

function Stat({ label, value, tone }: { label: string; value: string; tone?: "good" | "bad" }) {
  return (
    <div className="flex flex-col rounded-md border border-slate-200 bg-slate-50 px-3 py-2">
      <dt className="text-xs font-medium text-slate-700">{label}</dt>
      <dd className={cx("text-xl font-semibold tabular-nums", tone === "good" ? "text-emerald-800" : tone === "bad" ? "text-red-800" : "text-slate-900")}>
        {value}
      </dd>
    </div>
  );
}

export async function ProgressPanel({ view }: { view: ImportStatusView }) {
  const [t, format] = await Promise.all([getTranslations("imports.progress"), getFormatter()]);
  const percent = view.fraction === null ? null : Math.round(view.fraction * 100);
  const n = (v: number) => format.number(v);
  const running = view.status === "running";
  const headline =
    view.status === "queued"
      ? t("queued")
      : running
        ? view.cancelRequested
          ? t("cancelling")
          : t("running")
        : view.status === "completed"
          ? t("completed", { accepted: n(view.rowsAccepted), rejected: n(view.rowsRejected) })
          : view.status === "cancelled"
            ? t("cancelled", { accepted: n(view.rowsAccepted) })
            : t("failed");

  return (
    <Card title={t("title")} id="import-progress">
      <p aria-live="polite" className="mb-4 text-base text-slate-800">
        {headline}
      </p>
      {view.status === "failed" && view.errorMessage ? (
        <p className="mb-4 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">{view.errorMessage}</p>
      ) : null}
      <div className="mb-1 flex items-baseline justify-between text-sm text-slate-700">
        <span id="import-progress-label">{t("barLabel")}</span>
        <span className="tabular-nums">{percent === null ? "—" : `${percent} %`}</span>
      </div>
      <div
        role="progressbar"
        aria-labelledby="import-progress-label"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={percent === null ? t("unknownShare") : `${percent} %`}
        className="h-3 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div
          className={cx("h-full rounded-full", view.status === "failed" ? "bg-red-600" : view.status === "completed" ? "bg-emerald-600" : "bg-indigo-600")}
          style={{ width: `${percent ?? 0}%` }}
        />
      </div>
      <dl className="mt-5 grid grid-cols-1 gap-3 sm:grid-cols-3">
        <Stat label={t("rowsRead")} value={n(view.rowsRead)} />
        <Stat label={t("rowsAccepted")} value={n(view.rowsAccepted)} tone="good" />
        <Stat label={t("rowsRejected")} value={n(view.rowsRejected)} tone={view.rowsRejected > 0 ? "bad" : undefined} />
      </dl>
      <dl className="mt-4 grid grid-cols-1 gap-x-6 gap-y-1 text-sm text-slate-700 sm:grid-cols-2">
        {running ? (
          <div className="flex gap-2">
            <dt>{t("eta")}</dt>
            <dd className="font-medium text-slate-900">{view.etaSeconds === null ? t("etaUnknown") : t("etaValue", { duration: formatDuration(view.etaSeconds) })}</dd>
          </div>
        ) : null}
        {view.rowsPerSecond !== null ? (
          <div className="flex gap-2">
            <dt>{t("speed")}</dt>
            <dd className="font-medium text-slate-900">{t("speedValue", { rows: n(view.rowsPerSecond) })}</dd>
          </div>
        ) : null}
        {view.estimatedTotalRows !== null && running ? (
          <div className="flex gap-2">
            <dt>{t("estimatedTotal")}</dt>
            <dd className="font-medium text-slate-900">{n(view.estimatedTotalRows)}</dd>
          </div>
        ) : null}
        {view.warnings > 0 ? (
          <div className="flex gap-2">
            <dt>{t("warnings")}</dt>
            <dd className="font-medium text-slate-900">{t("warningsValue", { count: n(view.warnings) })}</dd>
          </div>
        ) : null}
        {view.finishedAt ? (
          <div className="flex gap-2">
            <dt>{t("finishedAt")}</dt>
            <dd className="font-medium text-slate-900">{format.dateTime(view.finishedAt, { dateStyle: "medium", timeStyle: "medium" })}</dd>
          </div>
        ) : null}
      </dl>
    </Card>
  );
}
