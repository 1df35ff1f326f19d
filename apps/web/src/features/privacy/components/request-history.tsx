// The request's status history (from the tenant's audit chain) and its rectification history.
import { getFormatter, getTranslations } from "next-intl/server";
import { Card } from "@rappel/ui";
import type { RectificationEntry, RequestEvent } from "@rappel/privacy";

const th = "px-3 py-2 font-semibold";
const td = "px-3 py-2 text-slate-700";

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
      <div className="overflow-x-auto">
        <table
          className="w-full min-w-[36rem] text-left text-sm"
          data-testid="rectification-history"
        >
          <caption className="sr-only">{t("rectify.historyTitle")}</caption>
          <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" className={th}>
                {t("rectify.when")}
              </th>
              <th scope="col" className={th}>
                {t("rectify.field")}
              </th>
              <th scope="col" className={th}>
                {t("rectify.old")}
              </th>
              <th scope="col" className={th}>
                {t("rectify.new")}
              </th>
              <th scope="col" className={th}>
                {t("rectify.by")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {entries.map((e) => (
              <tr key={e.id}>
                <td className={td}>
                  {format.dateTime(e.changedAt, { dateStyle: "medium", timeStyle: "short" })}
                </td>
                <th scope="row" className="px-3 py-2 font-medium">
                  {t(`rectify.fields.${e.field}` as "rectify.fields.email")}
                </th>
                <td className={td}>{e.oldValue ?? "—"}</td>
                <td className={td}>{e.newValue ?? "—"}</td>
                <td className={td}>
                  {t(`history.actors.${e.actorKind}` as "history.actors.staff")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
