// Campaign editor page (drafts); a campaign waiting for its start time shows when, with
// reschedule/unschedule; a campaign already started shows its report instead.
import { notFound, redirect } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { z } from "zod";
import { tenantRoleCan } from "@rappel/access";
import { SCHEDULE_TIME_ZONE, ZAbTestConfig, instantToParisWallClock } from "@rappel/campaigns";
import { withTenant } from "@rappel/db";
import { PageHeader } from "@rappel/ui";
import { getDb } from "@/server/db";
import { requireTenantPermission } from "@/server/guard";
import { CampaignEditor } from "./components/campaign-editor";
import { ScheduledCampaignPanel } from "./components/scheduled-campaign-panel";
import { CampaignError, getCampaign } from "./lib/campaigns";
import { listSegments } from "./lib/segments";
import { promotedPerformanceOptions } from "./promoted-performance-options";
import { SmsCampaignScreen } from "./sms-campaign-screen";

export interface CampaignPageProps {
  params: Promise<{ tenantSlug: string; campaignId: string }>;
}

export async function CampaignPage({ params }: CampaignPageProps) {
  const { tenantSlug, campaignId } = await params;
  const { user, tenant } = await requireTenantPermission(tenantSlug, "activation.campaigns.manage", `/t/${tenantSlug}/activation/campaigns/${campaignId}`);
  if (!z.uuid().safeParse(campaignId).success) notFound();
  const scope = { tenantId: tenant.tenantId, userId: user.id };
  let campaign;
  try {
    campaign = await getCampaign(getDb(), scope, campaignId);
  } catch (error) {
    if (error instanceof CampaignError && error.code === "not_found") notFound();
    throw error;
  }
  const canSend = tenantRoleCan(tenant.role, "activation.campaigns.send");
  // Still waiting for its time (send-now campaigns are launched within seconds: their report).
  if (campaign.status === "scheduled" && campaign.scheduledAt && campaign.scheduledAt.getTime() > Date.now()) {
    const [t, format] = await Promise.all([getTranslations("activation.scheduled"), getFormatter()]);
    return (
      <>
        <PageHeader eyebrow={tenant.name} title={campaign.name} description={t("description")} />
        <ScheduledCampaignPanel
          tenantSlug={tenant.slug} campaignId={campaign.id} canSend={canSend} current={instantToParisWallClock(campaign.scheduledAt)}
          scheduledLabel={format.dateTime(campaign.scheduledAt, { dateStyle: "full", timeStyle: "short", timeZone: SCHEDULE_TIME_ZONE })}
        />
      </>
    );
  }
  if (campaign.status !== "draft") redirect(`/t/${tenant.slug}/activation/campaigns/${campaignId}/report`);
  if (campaign.channel === "sms") return <SmsCampaignScreen tenant={tenant} userId={user.id} campaignId={campaignId} />;
  const [segments, shows, performances, t] = await Promise.all([
    listSegments(getDb(), scope),
    withTenant(getDb(), tenant.tenantId, (tx) => tx.show.findMany({ where: { tenantId: tenant.tenantId }, select: { id: true, title: true }, orderBy: { title: "asc" }, take: 300 }), { userId: user.id }),
    promotedPerformanceOptions(scope, campaign.promotedPerformanceId),
    getTranslations("activation.editor"),
  ]);
  return (
    <>
      <PageHeader eyebrow={tenant.name} title={campaign.name} description={t("description")} />
      <CampaignEditor
        tenantSlug={tenant.slug}
        campaign={{
          id: campaign.id, name: campaign.name, segmentId: campaign.segmentId, subject: campaign.subject, preheader: campaign.preheader,
          blocks: campaign.content.blocks, holdoutPercent: campaign.holdoutPercent, attributionDays: campaign.attributionDays,
          abTest: ZAbTestConfig.safeParse(campaign.abTest).data ?? null, promotedPerformanceId: campaign.promotedPerformanceId,
        }}
        performances={performances}
        scheduleDefaultDate={instantToParisWallClock(new Date(Date.now() + 24 * 3600_000)).date}
        segments={segments.map((s) => ({ value: s.id, label: s.name }))}
        shows={shows.map((s) => ({ value: s.id, label: s.title }))}
        canSend={canSend}
      />
    </>
  );
}
