// The two clocks of a request: the vendor's (from its receipt) and, once the request has been
// forwarded to the client, the client's own (from the forward), with the forward's proof; and
// whether the person was told of an extension.
import { getFormatter, getTranslations } from "next-intl/server";
import type { DataSubjectRequest, DataSubjectRequestForward } from "@rappel/db";
import { computeDeadline } from "@rappel/privacy";

export async function RequestClocks({ request, forward }: { request: DataSubjectRequest; forward: DataSubjectRequestForward | null }) {
  const [t, format] = await Promise.all([getTranslations("privacy"), getFormatter()]);
  const deadline = computeDeadline(request);
  // Received by the organisation itself: one clock, its own.
  const label = forward ? t("forward.vendorDue") : t("requests.due");
  return (
    <>
      <dt className="font-medium text-slate-900">{label}</dt>
      <dd className="text-slate-700" data-testid="request-due">
        {deadline.paused ? t("requests.paused") : format.dateTime(deadline.dueAt, { dateStyle: "long" })}
        {request.extensionMonths ? ` — ${t("request.extended", { count: request.extensionMonths })} : ${request.extensionReason ?? ""}` : null}
      </dd>
      {request.extensionNoticeStatus ? (
        <>
          <dt className="font-medium text-slate-900">{t("request.extensionNotice.title")}</dt>
          <dd className="text-slate-700" data-testid="extension-notice">
            {t(`request.extensionNotice.${request.extensionNoticeStatus}` as "request.extensionNotice.sent")}
            {request.extensionNoticeSentAt ? ` — ${format.dateTime(request.extensionNoticeSentAt, { dateStyle: "long", timeStyle: "short" })}` : null}
            {request.extensionNoticeMessageId ? <span className="block font-mono text-xs break-all text-slate-600">{request.extensionNoticeMessageId}</span> : null}
            {request.extensionNoticeStatus !== "sent" && request.extensionNoticeError ? <span className="block text-sm text-red-800">{request.extensionNoticeError}</span> : null}
          </dd>
        </>
      ) : null}
      {forward ? (
        <>
          <dt className="font-medium text-slate-900">{t("forward.clientDue")}</dt>
          <dd className="text-slate-700" data-testid="client-due">
            {forward.clientDueAt ? format.dateTime(forward.clientDueAt, { dateStyle: "long" }) : t("forward.startsWhenSent")}
          </dd>
          <dt className="font-medium text-slate-900">{t("forward.title")}</dt>
          <dd className="text-slate-700" data-testid="forward-status">
            {t(`forward.status.${forward.status}` as "forward.status.sent")}
            {forward.sentAt ? ` — ${format.dateTime(forward.sentAt, { dateStyle: "long", timeStyle: "short" })}, ${t("forward.recipients", { count: forward.recipients })}` : null}
            {forward.messageId ? <span className="block font-mono text-xs break-all text-slate-600">{forward.messageId} — {forward.smtpResponse}</span> : null}
            {forward.status !== "sent" && forward.lastError ? <span className="block text-sm text-red-800">{forward.lastError}</span> : null}
          </dd>
        </>
      ) : null}
    </>
  );
}
