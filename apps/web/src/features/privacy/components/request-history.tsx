// The request's status history (from the tenant's audit chain) and its rectification history.
import { getFormatter, getTranslations } from "next-intl/server";
import { Card, DataTable } from "@rappel/ui";
import type { RectificationEntry, RequestEvent } from "@rappel/privacy";

export async function RequestHistory({ events }: { events: RequestEvent[] }) {
  const [t, format] = await Promise.all([getTranslations("privacy"), getFormatter()]);
  return (
    <Card title={t("history.title")} id="history" className="mb-6">
      <ol className="space-y-1 text-sm text-slate-700" data-testid="request-history">
        {events.map((e) => (
          <li key={e.seq}>
            <time dateTime={e.occurredAt.toISOString()} className="tabular-nums">
              {format.dateTime(e.occurredAt, { dateStyle: "medium", timeStyle: "short" })}
            </time>
            {" — "}
            {/* Message keys cannot hold dots: "privacy.request.received" → "privacy_request_received". */}
            {t.has(`history.actions.${e.action.replaceAll(".", "_")}` as "history.title")
              ? t(`history.actions.${e.action.replaceAll(".", "_")}` as "history.title")
              : e.action}
            <span className="text-slate-600">
              {" "}
              ({t(`history.actors.${e.actorKind}` as "history.actors.staff")})
            </span>
          </li>
        ))}
      </ol>
    </Card>
  );
}

export async function RectificationHistory({ entries }: { entries: RectificationEntry[] }) {
  const [t, format] = await Promise.all([getTranslations("privacy"), getFormatter()]);
  if (entries.length === 0) return null;
  return (
    <Card title={t("rectify.historyTitle")} id="rectifications" className="mb-6">
      <DataTable
        caption={t("rectify.historyTitle")}
        hideCaption
        tableClassName="min-w-[36rem]"
        testId="rectification-history"
        rows={entries}
        rowKey={(e) => e.id}
        rowHeaderColumn={1}
        columns={[
          { header: t("rectify.when"), cell: (e) => format.dateTime(e.changedAt, { dateStyle: "medium", timeStyle: "short" }) },
          { header: t("rectify.field"), cell: (e) => t(`rectify.fields.${e.field}` as "rectify.fields.email") },
          { header: t("rectify.old"), cell: (e) => e.oldValue ?? "—" },
          { header: t("rectify.new"), cell: (e) => e.newValue ?? "—" },
          { header: t("rectify.by"), cell: (e) => t(`history.actors.${e.actorKind}` as "history.actors.staff") },
        ]}
      />
    </Card>
  );
}
