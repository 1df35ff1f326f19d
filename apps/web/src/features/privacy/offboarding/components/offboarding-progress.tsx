// The offboarding's steps as an ordered list: done, current (announced), still to come.
import type { TenantOffboarding } from "@rappel/db";
import type { getTranslations } from "next-intl/server";
import { Card } from "@rappel/ui";

type T = Awaited<ReturnType<typeof getTranslations<"privacy.offboarding">>>;

const STEPS = ["requested", "exporting", "exported", "client_confirmed", "destroying", "destroyed"] as const;

function reached(record: TenantOffboarding): number {
  if (record.status !== "failed") return STEPS.indexOf(record.status as (typeof STEPS)[number]);
  return record.failedStep === "destroy" ? STEPS.indexOf("destroying") : STEPS.indexOf("exporting");
}

export function OffboardingProgress({ record, t, when }: { record: TenantOffboarding; t: T; when: (d: Date | null) => string }) {
  const current = reached(record);
  const dates: Record<(typeof STEPS)[number], Date | null> = {
    requested: record.requestedAt,
    exporting: record.exportStartedAt,
    exported: record.exportedAt,
    client_confirmed: record.confirmedAt,
    destroying: record.destroyStartedAt,
    destroyed: record.destroyedAt,
  };
  return (
    <Card id="offboarding-progress" title={t("progress.title")} className="mb-6">
      <p className="mb-3 text-sm text-slate-700">
        {t("progress.contract", { reference: record.contractReference })} · {t("progress.status")}{" "}
        <strong data-testid="offboarding-status">{t(`status.${record.status}` as "status.requested")}</strong>
      </p>
      <ol className="grid gap-2 sm:grid-cols-3">
        {STEPS.map((step, i) => {
          const state = i < current || (i === current && record.status === step && (step === "exported" || step === "client_confirmed" || step === "destroyed" || step === "requested")) ? "done" : i === current ? (record.status === "failed" ? "failed" : "current") : "todo";
          const tone = state === "done" ? "border-emerald-300 bg-emerald-50" : state === "current" ? "border-indigo-400 bg-indigo-50" : state === "failed" ? "border-red-400 bg-red-50" : "border-slate-200 bg-white";
          return (
            <li key={step} className={`rounded-md border px-3 py-2 text-sm ${tone}`} aria-current={state === "current" || state === "failed" ? "step" : undefined}>
              <span className="block font-medium">{i + 1}. {t(`steps.${step}`)}</span>
              <span className="block text-slate-700">{t(`stepState.${state}`)} {dates[step] ? `· ${when(dates[step])}` : ""}</span>
            </li>
          );
        })}
      </ol>
    </Card>
  );
}
