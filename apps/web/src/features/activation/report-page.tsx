// Campaign report: counts and rates per outcome, the opens/clicks timeline, and attribution.
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { z } from "zod";
import { tenantRoleCan } from "@rappel/access";
import { SCHEDULE_TIME_ZONE, instantToParisWallClock } from "@rappel/campaigns";
import { Card, PageHeader } from "@rappel/ui";
import { getDb } from "@/server/db";
import { requireTenantPermission } from "@/server/guard";
import type { AbDecisionFormProps } from "./components/ab-decision-form";
import { AbVariantTable } from "./components/ab-variant-table";
import { abDecisionBounds } from "./lib/ab-decision-time";
import { ReportTimeline } from "./components/report-timeline";
import { CampaignError, getCampaign } from "./lib/campaigns";
import { getCampaignReport } from "./lib/report";
import { getSmsCounts } from "./lib/sms-report";
import { getAbReport } from "./lib/report-variants";

/** The worker records stop reasons in English; the known ones are shown in the reader's language. */
function stopReasonText(reason: string, t: (key: string, values?: Record<string, number>) => string): string {
  if (reason === "the promoted performance was cancelled") return t("stopReasons.cancelled");
  const soldOut = /^the promoted performance is sold out \((\d+) tickets for (\d+) seats\)$/.exec(reason);
  if (soldOut) return t("stopReasons.soldOut", { sold: Number(soldOut[1]), capacity: Number(soldOut[2]) });
  return reason;
}

export async function CampaignReportPage({ params }: { params: Promise<{ tenantSlug: string; campaignId: string }> }) {
  const { tenantSlug, campaignId } = await params;
  const { user, tenant } = await requireTenantPermission(tenantSlug, "activation.reports.view", `/t/${tenantSlug}/activation/campaigns/${campaignId}/report`);
  if (!z.uuid().safeParse(campaignId).success) notFound();
  const scope = { tenantId: tenant.tenantId, userId: user.id };
  let campaign;
  try {
    campaign = await getCampaign(getDb(), scope, campaignId);
  } catch (error) {
    if (error instanceof CampaignError && error.code === "not_found") notFound();
    throw error;
  }
  const [report, abReport, sms, t, tc, format] = await Promise.all([
    getCampaignReport(getDb(), scope, campaignId, campaign.attributionDays), getAbReport(getDb(), scope, campaignId),
    campaign.channel === "sms" ? getSmsCounts(getDb(), scope, campaignId) : null,
    getTranslations("activation.report"), getTranslations("activation.campaigns"), getFormatter(),
  ]);
  const rate = (n: number, d: number) => (d > 0 ? format.number(n / d, { style: "percent", maximumFractionDigits: 1 }) : "—");
  const delivered = report.sent;
  const stats: [string, number, string][] = sms ? [
    ["targeted", report.targeted, ""],
    ["sent", sms.sent, rate(sms.sent, report.targeted - report.holdout)],
    ["delivered", sms.delivered, rate(sms.delivered, sms.sent)],
    ["failed", sms.failed, rate(sms.failed, sms.sent)],
    ["unsubscribed", sms.unsubscribed, rate(sms.unsubscribed, sms.sent)],
    ["skipped", report.skipped, rate(report.skipped, report.targeted)],
    ["pending", report.pending, ""],
  ] : [
    ["targeted", report.targeted, ""],
    ["sent", report.sent, rate(report.sent, report.targeted - report.holdout)],
    ["opened", report.opened, rate(report.opened, delivered)],
    ["machineOpened", report.machineOpened, rate(report.machineOpened, delivered)],
    ["clicked", report.clicked, rate(report.clicked, delivered)],
    ["bounced", report.bounced, rate(report.bounced, report.sent + report.bounced)],
    ["softBounced", report.softBounced, rate(report.softBounced, report.sent + report.bounced)],
    ["complaints", report.complaints, rate(report.complaints, report.sent + report.bounced)],
    ["failed", report.failed, rate(report.failed, report.targeted)],
    ["skipped", report.skipped, rate(report.skipped, report.targeted)],
    ["unsubscribed", report.unsubscribed, rate(report.unsubscribed, delivered)],
    ["pending", report.pending, ""],
  ];
  const a = report.attribution;
  const paris = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short", timeZone: SCHEDULE_TIME_ZONE });
  // A running test's decision time may move until the winner is chosen (lib/ab-decision-time.ts).
  const pendingDecision = abReport && !abReport.winner && (campaign.status === "sending" || campaign.status === "paused") ? abReport.decideAt : null;
  const bounds = pendingDecision && campaign.startedAt && tenantRoleCan(tenant.role, "activation.campaigns.send") ? abDecisionBounds(campaign.startedAt) : null;
  const moveDecision: AbDecisionFormProps | undefined = pendingDecision && bounds ? {
    tenantSlug: tenant.slug, campaignId, current: instantToParisWallClock(pendingDecision),
    bounds: { earliest: paris(bounds.earliest), latest: paris(bounds.latest) },
  } : undefined;
  return (
    <>
      <PageHeader eyebrow={tenant.name} title={campaign.name} description={t("status", { status: tc(`status.${campaign.status}`) })} />
      {campaign.stopReason ? <p role="status" className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950" data-testid="stop-reason">{t("stopped", { reason: stopReasonText(campaign.stopReason, t) })}</p> : null}
      {campaign.pauseReason ? <p role="alert" className="mb-4 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">{campaign.pauseReason}</p> : null}
      <dl className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-5" data-testid="report-stats">
        {stats.map(([key, value, r]) => (
          <div key={key} className="rounded-lg border border-slate-200 bg-white p-3" data-stat={key}>
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-600">{t(`stats.${key}`)}</dt>
            <dd className="text-2xl font-semibold text-slate-900">{format.number(value)}</dd>
            {r ? <dd className="text-sm text-slate-700">{r}</dd> : null}
          </div>
        ))}
      </dl>
      {abReport ? <div className="mb-6"><AbVariantTable report={abReport} move={moveDecision} /></div> : null}
      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <Card title={t("timeline")}>
          {report.timeline.length === 0 ? <p className="text-sm text-slate-600">{t("noEvents")}</p> : <ReportTimeline data={report.timeline.map((h) => ({ ...h, label: format.dateTime(new Date(h.hour), { timeZone: SCHEDULE_TIME_ZONE, day: "2-digit", month: "2-digit", hour: "2-digit" }) }))} labels={{ opens: t("stats.opened"), clicks: t("stats.clicked") }} />}
        </Card>
        <Card title={t("attribution", { days: campaign.attributionDays })}>
          <dl className="grid gap-2 text-sm">
            <div><dt className="font-medium">{t("buyers")}</dt><dd>{format.number(a.buyers)} ({rate(a.buyers, report.sent)})</dd></div>
            <div><dt className="font-medium">{t("orders")}</dt><dd>{format.number(a.orders)}</dd></div>
            <div><dt className="font-medium">{t("revenue")}</dt><dd>{format.number(a.revenueCents / 100, { style: "currency", currency: "EUR" })}</dd></div>
            {a.holdoutSize > 0 ? <div><dt className="font-medium">{t("holdout")}</dt><dd>{format.number(a.holdoutBuyers)} / {format.number(a.holdoutSize)} ({rate(a.holdoutBuyers, a.holdoutSize)})</dd></div> : null}
          </dl>
        </Card>
      </div>
    </>
  );
}
