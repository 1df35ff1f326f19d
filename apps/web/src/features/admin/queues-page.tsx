import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import type { QueueCounts } from "@rappel/jobs";
import { Card, EmptyState, PageHeader } from "@rappel/ui";
import { requirePlatformPermission } from "@/server/guard";
import { WARNING_ICON } from "../areas/area-icons";
import { readQueueStates } from "./lib/queue-states";

const COUNT_COLUMNS: Array<keyof QueueCounts> = ["waiting", "active", "delayed", "failed", "completed", "paused"];

export async function QueuesPage() {
  await requirePlatformPermission("platform.queues.view", "/admin/queues");
  const [states, t, format] = await Promise.all([readQueueStates(), getTranslations("admin.queues"), getFormatter()]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {!states.available ? (
        <EmptyState icon={WARNING_ICON} title={t("unavailableTitle")} description={t("unavailableBody")} />
      ) : (
        <div className="flex flex-col gap-6">
          <Card padding="none" className="overflow-x-auto">
            <table className="w-full min-w-[44rem] text-left text-sm">
              <caption className="sr-only">{t("caption")}</caption>
              <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
                <tr>
                  <th scope="col" className="px-4 py-3 font-semibold">{t("queue")}</th>
                  {COUNT_COLUMNS.map((c) => (
                    <th key={c} scope="col" className="px-3 py-3 text-right font-semibold">{t(c)}</th>
                  ))}
                  <th scope="col" className="px-4 py-3 text-right font-semibold">{t("workers")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {states.queues.map((q) => (
                  <tr key={q.name} data-queue={q.name}>
                    <th scope="row" className="px-4 py-3 font-normal">
                      <span className="font-mono font-medium text-slate-900">{q.name}</span>
                      {q.isPaused ? <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-900">{t("isPaused")}</span> : null}
                      <span className="block text-xs text-slate-600">{t.has(`purposes.${q.name}`) ? t(`purposes.${q.name}`) : q.purpose}</span>
                    </th>
                    {COUNT_COLUMNS.map((c) => (
                      <td key={c} className={`px-3 py-3 text-right tabular-nums ${c === "failed" && q.counts.failed > 0 ? "font-semibold text-red-700" : "text-slate-800"}`}>
                        {format.number(q.counts[c])}
                      </td>
                    ))}
                    <td className="px-4 py-3 text-right text-slate-800 tabular-nums">{q.workerCount ?? t("unknown")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
          <Card id="recent-failures" title={t("recentFailures")}>
            {states.queues.every((q) => q.recentFailures.length === 0) ? (
              <p className="text-sm text-slate-700">{t("noFailures")}</p>
            ) : (
              states.queues
                .filter((q) => q.recentFailures.length > 0)
                .map((q) => (
                  <div key={q.name} className="overflow-x-auto">
                    <table className="mb-4 w-full min-w-[36rem] text-left text-sm">
                      <caption className="pb-2 text-left font-mono font-medium text-slate-900">{t("failureCaption", { queue: q.name })}</caption>
                      <thead className="text-slate-700">
                        <tr>
                          <th scope="col" className="py-2 pr-3 font-semibold">{t("job")}</th>
                          <th scope="col" className="py-2 pr-3 font-semibold">{t("reason")}</th>
                          <th scope="col" className="py-2 pr-3 text-right font-semibold">{t("attempts")}</th>
                          <th scope="col" className="py-2 font-semibold">{t("when")}</th>
                        </tr>
                      </thead>
                      <tbody className="divide-y divide-slate-100">
                        {q.recentFailures.map((f) => (
                          <tr key={f.id}>
                            <td className="py-2 pr-3 font-mono text-slate-800">{f.name} #{f.id}</td>
                            <td className="py-2 pr-3 break-words text-slate-800">{f.failedReason}</td>
                            <td className="py-2 pr-3 text-right tabular-nums">{f.attemptsMade}</td>
                            <td className="py-2 text-slate-700">{f.finishedOn ? format.dateTime(f.finishedOn, { dateStyle: "short", timeStyle: "medium" }) : "—"}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                ))
            )}
          </Card>
        </div>
      )}
    </>
  );
}

export async function queuesMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.queues"))("title") };
}
