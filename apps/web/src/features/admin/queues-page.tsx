import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import type { QueueCounts } from "@rappel/jobs";
import { Card, DataTable, EmptyState, PageHeader } from "@rappel/ui";
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
          <Card padding="none">
            <DataTable
              caption={t("caption")}
              hideCaption
              density="comfortable"
              tableClassName="min-w-[44rem]"
              rows={states.queues}
              rowKey={(q) => q.name}
              columns={[
                {
                  header: t("queue"),
                  cell: (q) => (
                    <>
                      <span className="font-mono font-medium text-slate-900">{q.name}</span>
                      {q.isPaused ? <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-900">{t("isPaused")}</span> : null}
                      <span className="block text-xs font-normal text-slate-600">{t.has(`purposes.${q.name}`) ? t(`purposes.${q.name}`) : q.purpose}</span>
                    </>
                  ),
                },
                ...COUNT_COLUMNS.map((c) => ({
                  header: t(c),
                  numeric: true,
                  cell: (q: (typeof states.queues)[number]) =>
                    c === "failed" && q.counts.failed > 0 ? <span className="font-semibold text-red-700">{format.number(q.counts[c])}</span> : format.number(q.counts[c]),
                })),
                { header: t("workers"), numeric: true, cell: (q) => q.workerCount ?? t("unknown") },
              ]}
            />
          </Card>
          <Card id="recent-failures" title={t("recentFailures")}>
            {states.queues.every((q) => q.recentFailures.length === 0) ? (
              <p className="text-sm text-slate-700">{t("noFailures")}</p>
            ) : (
              states.queues
                .filter((q) => q.recentFailures.length > 0)
                .map((q) => (
                  <div key={q.name} className="mb-4">
                    <DataTable
                      caption={t("failureCaption", { queue: q.name })}
                      tableClassName="min-w-[36rem]"
                      rows={q.recentFailures}
                      rowKey={(f) => f.id}
                      columns={[
                        { header: t("job"), className: "font-mono", cell: (f) => `${f.name} #${f.id}` },
                        { header: t("reason"), className: "break-words", cell: (f) => f.failedReason },
                        { header: t("attempts"), numeric: true, cell: (f) => f.attemptsMade },
                        { header: t("when"), cell: (f) => (f.finishedOn ? format.dateTime(f.finishedOn, { dateStyle: "short", timeStyle: "medium" }) : "—") },
                      ]}
                    />
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
