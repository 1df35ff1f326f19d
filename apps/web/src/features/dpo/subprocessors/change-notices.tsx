// One announced change: every client's notice (proof of sending) and objection. Each tenant's row
// is read on the audited platform path.
import { getFormatter, getTranslations } from "next-intl/server";
import { Card, DataTable } from "@rappel/ui";
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
    <Card padding="none" className="mb-4">
      <p className="px-4 pt-3 text-sm text-slate-800">{props.description}</p>
      <p className="px-4 pb-2 text-xs text-slate-600">{t("announcedAt", { date: props.announced, end: props.end })}</p>
      <DataTable
        caption={t("changeCaption")}
        hideCaption
        tableClassName="min-w-[48rem]"
        rows={rows}
        rowKey={({ tenant }) => tenant.id}
        columns={[
          { header: t("tenant"), cell: ({ tenant }) => tenant.name },
          {
            header: t("sentAt"),
            cell: ({ notice }) => (notice.sentAt ? when(notice.sentAt) : notice.sendError ? t("sendError", { error: notice.sendError }) : t("notSent")),
          },
          {
            header: t("proof"),
            className: "font-mono text-xs break-all",
            cell: ({ notice }) => (notice.messageId ? `${notice.messageId} — ${notice.smtpResponse ?? ""}` : "—"),
          },
          {
            header: t("objection"),
            cell: ({ notice }) => (notice.objectedAt ? `${when(notice.objectedAt)} : ${notice.objectionReason ?? ""}` : t("noObjection")),
          },
        ]}
      />
    </Card>
  );
}
