// One announced change: every client's notice (proof of sending) and objection. Each tenant's row
// is read on the audited platform path.
import { getFormatter, getTranslations } from "next-intl/server";
import { Card } from "@rappel/ui";
import { withPlatformAccess } from "@rappel/db";
import { getDb } from "@/server/db";

export async function ChangeNotices(props: { changeId: string; description: string; announced: string; end: string; actorUserId: string }) {
  const db = getDb();
  const [t, format] = await Promise.all([getTranslations("dpo.subprocessors"), getFormatter()]);
  const tenants = await db.tenant.findMany({ where: { status: { not: "closed" } }, select: { id: true, name: true }, orderBy: { name: "asc" } });
  const rows = [];
  for (const tenant of tenants) {
    const notice = await withPlatformAccess(db, { userId: props.actorUserId, role: "dpo" }, { tenantId: tenant.id, reason: "DPO: sub-processor notices (read)" }, (tx) =>
      tx.dpoSubprocessorNotice.findUnique({ where: { tenantId_changeId: { tenantId: tenant.id, changeId: props.changeId } } }),
    );
    if (notice) rows.push({ tenant, notice });
  }
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Paris" });
  return (
    <Card padding="none" className="mb-4 overflow-x-auto">
      <p className="px-4 pt-3 text-sm text-slate-800">{props.description}</p>
      <p className="px-4 pb-2 text-xs text-slate-600">{t("announcedAt", { date: props.announced, end: props.end })}</p>
      <table className="w-full min-w-[48rem] text-left text-sm">
        <caption className="sr-only">{t("changeCaption")}</caption>
        <thead className="border-y border-slate-200 bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className="px-4 py-2 font-semibold">{t("tenant")}</th>
            <th scope="col" className="px-4 py-2 font-semibold">{t("sentAt")}</th>
            <th scope="col" className="px-4 py-2 font-semibold">{t("proof")}</th>
            <th scope="col" className="px-4 py-2 font-semibold">{t("objection")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">
          {rows.map(({ tenant, notice }) => (
            <tr key={tenant.id}>
              <th scope="row" className="px-4 py-2 font-medium text-slate-900">{tenant.name}</th>
              <td className="px-4 py-2 text-slate-700">{notice.sentAt ? when(notice.sentAt) : notice.sendError ? t("sendError", { error: notice.sendError }) : t("notSent")}</td>
              <td className="px-4 py-2 font-mono text-xs break-all text-slate-700">{notice.messageId ? `${notice.messageId} — ${notice.smtpResponse ?? ""}` : "—"}</td>
              <td className="px-4 py-2 text-slate-700">{notice.objectedAt ? `${when(notice.objectedAt)} : ${notice.objectionReason ?? ""}` : t("noObjection")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
