// Activation home: the sender identity, saved segments and campaigns.
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { z } from "zod";
import { tenantRoleCan } from "@rappel/access";
import { SCHEDULE_TIME_ZONE } from "@rappel/campaigns";
import { loadEnv } from "@rappel/config";
import { masterKeyFromEnv } from "@rappel/personal-data";
import { Button, Card, EmptyState, Field, PageHeader, buttonClasses } from "@rappel/ui";
import { getDb } from "@/server/db";
import { requireTenantPermission } from "@/server/guard";
import { createCampaignAction, saveSenderAction } from "./actions";
import { DkimCard } from "./components/dkim-card";
import { SmtpRelayCard } from "./components/smtp-relay-card";
import { getSenderIdentity, listCampaigns } from "./lib/campaigns";
import { getDkimSettings } from "./lib/dkim";
import { getSmtpRelay } from "./lib/smtp-relay";
import { listSegments } from "./lib/segments";
import { getSmsSettingsSummary } from "./lib/sms-campaigns";
import { SmsSettingsForm } from "./components/sms-settings-form";

export interface ActivationPageProps {
  params: Promise<{ tenantSlug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function ActivationOverviewPage({ params, searchParams }: ActivationPageProps) {
  const { tenantSlug } = await params;
  const { user, tenant } = await requireTenantPermission(tenantSlug, "activation.reports.view", `/t/${tenantSlug}/activation`);
  const search = z.object({ sender: z.enum(["saved", "invalid"]).optional().catch(undefined) }).parse(await searchParams);
  const scope = { tenantId: tenant.tenantId, userId: user.id };
  const [segments, campaigns, sender, smsSettings, t, format] = await Promise.all([
    listSegments(getDb(), scope), listCampaigns(getDb(), scope), getSenderIdentity(getDb(), scope), getSmsSettingsSummary(getDb(), scope), getTranslations("activation"), getFormatter(),
  ]);
  const base = `/t/${tenant.slug}/activation`;
  const canManage = tenantRoleCan(tenant.role, "activation.campaigns.manage");
  const canSegment = tenantRoleCan(tenant.role, "activation.segments.manage");
  const dkim = canManage && sender ? await getDkimSettings(getDb(), scope, masterKeyFromEnv(loadEnv())) : null;
  const relay = canManage ? await getSmtpRelay(getDb(), scope) : null;
  return (
    <>
      <PageHeader eyebrow={tenant.name} title={t("title")} description={t("description")} />
      {sender?.pausedAt ? <p role="alert" className="mb-4 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">{t("sender.paused", { reason: sender.pauseReason ?? "" })}</p> : null}
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={t("segments.title")}>
          {segments.length === 0 ? <EmptyState title={t("segments.emptyTitle")} description={t("segments.emptyBody")} /> : (
            <ul className="divide-y divide-slate-200">
              {segments.map((s) => (
                <li key={s.id} className="flex items-center justify-between py-2">
                  <Link href={`${base}/segments/${s.id}`} className="font-medium text-indigo-800 underline">{s.name}</Link>
                  <span className="text-xs text-slate-600">{format.dateTime(s.updatedAt, { dateStyle: "medium" })}</span>
                </li>
              ))}
            </ul>
          )}
          {canSegment ? <Link href={`${base}/segments/new`} className={buttonClasses("secondary", "mt-4")}>{t("segments.new")}</Link> : null}
        </Card>
        <Card title={t("campaigns.title")}>
          {campaigns.length === 0 ? <EmptyState title={t("campaigns.emptyTitle")} description={t("campaigns.emptyBody")} /> : (
            <ul className="divide-y divide-slate-200">
              {campaigns.map((c) => (
                <li key={c.id} className="flex items-center justify-between gap-2 py-2">
                  <Link href={c.status === "draft" || c.status === "scheduled" ? `${base}/campaigns/${c.id}` : `${base}/campaigns/${c.id}/report`} className="font-medium text-indigo-800 underline">{c.name}</Link>
                  <span className="text-xs text-slate-700" data-testid={`campaign-status-${c.id}`}>
                    {c.channel === "sms" ? "SMS · " : ""}
                    {c.status === "scheduled" && c.scheduledAt
                      ? t("campaigns.scheduledFor", { when: format.dateTime(c.scheduledAt, { dateStyle: "medium", timeStyle: "short", timeZone: SCHEDULE_TIME_ZONE }) })
                      : t(`campaigns.status.${c.status}`)}
                    {c.segment ? ` · ${c.segment.name}` : ""}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {canManage ? (
            <form action={createCampaignAction} className="mt-4 flex flex-wrap items-end gap-3">
              <input type="hidden" name="tenantSlug" value={tenant.slug} />
              <Field id="new-campaign-name" name="name" label={t("campaigns.newName")} required defaultValue={t("campaigns.defaultName")} />
              <span className="flex flex-col gap-1">
                <label htmlFor="new-campaign-channel" className="text-sm font-medium text-slate-900">{t("campaigns.channel")}</label>
                <select id="new-campaign-channel" name="channel" defaultValue="email" className="min-h-11 rounded-md border border-slate-400 bg-white px-3 py-2 text-base">
                  <option value="email">{t("campaigns.channels.email")}</option>
                  <option value="sms">{t("campaigns.channels.sms")}</option>
                </select>
              </span>
              <Button type="submit">{t("campaigns.new")}</Button>
            </form>
          ) : null}
        </Card>
        {canManage ? (
          <Card title={t("sender.title")}>
            {search.sender ? <p role="status" className="mb-3 text-sm">{t(`sender.${search.sender}`)}</p> : null}
            <form action={saveSenderAction} className="grid gap-3">
              <input type="hidden" name="tenantSlug" value={tenant.slug} />
              <Field id="sender-name" name="fromName" label={t("sender.fromName")} defaultValue={sender?.fromName ?? tenant.name} required />
              <Field id="sender-email" name="fromEmail" type="email" label={t("sender.fromEmail")} defaultValue={sender?.fromEmail ?? ""} required />
              <Field id="sender-reply" name="replyTo" type="email" label={t("sender.replyTo")} defaultValue={sender?.replyTo ?? ""} />
              <div><Button type="submit" variant="secondary">{t("sender.save")}</Button></div>
            </form>
          </Card>
        ) : null}
        {canManage ? <DkimCard tenantSlug={tenant.slug} settings={dkim} hasSender={Boolean(sender)} /> : null}
        {canManage ? <SmtpRelayCard tenantSlug={tenant.slug} relay={relay} /> : null}
        {canManage ? (
          <Card title={t("smsSettings.title")}>
            <SmsSettingsForm tenantSlug={tenant.slug} settings={smsSettings} />
          </Card>
        ) : null}
      </div>
    </>
  );
}
