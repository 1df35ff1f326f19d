// The SMS campaign draft screen (rendered by the campaign page for SMS campaigns).
import { getTranslations } from "next-intl/server";
import { tenantRoleCan, type TenantRole } from "@rappel/access";
import { parseSegmentRules } from "@rappel/segments";
import { PageHeader } from "@rappel/ui";
import { getDb } from "@/server/db";
import { SmsEditor } from "./components/sms-editor";
import { listSegments, countSegmentRules } from "./lib/segments";
import { promotedPerformanceOptions } from "./promoted-performance-options";
import { SMS_SETTINGS_FALLBACK, getSmsCampaign, getSmsSettingsSummary } from "./lib/sms-campaigns";

/** Live counts for the cost estimate: only the first segments (the list is short in practice). */
const COUNTED_SEGMENTS = 20;

export async function SmsCampaignScreen({ tenant, userId, campaignId }: { tenant: { tenantId: string; slug: string; name: string; role: TenantRole }; userId: string; campaignId: string }) {
  const scope = { tenantId: tenant.tenantId, userId };
  const [campaign, segments, settings, t] = await Promise.all([
    getSmsCampaign(getDb(), scope, campaignId), listSegments(getDb(), scope), getSmsSettingsSummary(getDb(), scope), getTranslations("activation.sms"),
  ]);
  const performances = await promotedPerformanceOptions(scope, campaign.promotedPerformanceId);
  const counted = await Promise.all(
    segments.slice(0, COUNTED_SEGMENTS).map(async (s) => ({ value: s.id, label: s.name, count: await countSegmentRules(getDb(), scope, parseSegmentRules(s.rules)).catch(() => 0) })),
  );
  return (
    <>
      <PageHeader eyebrow={tenant.name} title={campaign.name} description={t("description")} />
      <SmsEditor
        tenantSlug={tenant.slug}
        campaign={{
          id: campaign.id, name: campaign.name, segmentId: campaign.segmentId, text: campaign.content.text, senderId: campaign.content.senderId,
          testPhone: campaign.content.testPhone ?? "", holdoutPercent: campaign.holdoutPercent, attributionDays: campaign.attributionDays,
          promotedPerformanceId: campaign.promotedPerformanceId,
        }}
        segments={counted}
        performances={performances}
        settings={{ ...(settings ?? SMS_SETTINGS_FALLBACK), configured: settings !== null }}
        canSend={tenantRoleCan(tenant.role, "activation.campaigns.send")}
      />
    </>
  );
}
