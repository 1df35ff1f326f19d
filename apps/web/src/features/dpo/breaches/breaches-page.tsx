// The breach register: every breach, with its two clocks at a glance.
import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card, EmptyState, PageHeader, buttonClasses } from "@rappel/ui";
import { computeClientClocks, computeCnilClock, listBreaches } from "@rappel/dpo-records";
import { getDb } from "@/server/db";
import { requirePlatformPermission } from "@/server/guard";
import { DpoTabs } from "../components/dpo-tabs";
import { ClockBadge } from "./clock-badge";

export async function BreachesPage() {
  await requirePlatformPermission("platform.privacy.manage", "/admin/dpo/breaches");
  const [breaches, t, format] = await Promise.all([listBreaches(getDb()), getTranslations("dpo.breaches"), getFormatter()]);
  const now = new Date();
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} actions={<a href="/admin/dpo/breaches/new" className={buttonClasses("primary")}>{t("new")}</a>} />
      <DpoTabs current="breaches" />
      {breaches.length === 0 ? (
        <EmptyState title={t("empty")} />
      ) : (
        <Card padding="none" className="overflow-x-auto">
          <table className="w-full min-w-[44rem] text-left text-sm">
            <caption className="sr-only">{t("caption")}</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-3 font-semibold">{t("reference")}</th>
                <th scope="col" className="px-4 py-3 font-semibold">{t("titleCol")}</th>
                <th scope="col" className="px-4 py-3 font-semibold">{t("awareAt")}</th>
                <th scope="col" className="px-4 py-3 font-semibold">{t("cnil")}</th>
                <th scope="col" className="px-4 py-3 font-semibold">{t("clients")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {breaches.map((b) => {
                const cnil = computeCnilClock(b.content, now);
                const clients = computeClientClocks(b.content, now);
                return (
                  <tr key={b.id}>
                    <td className="px-4 py-3 font-mono text-slate-700">{b.reference}</td>
                    <th scope="row" className="px-4 py-3 font-medium">
                      <a href={`/admin/dpo/breaches/${b.id}`} className="text-indigo-800 underline-offset-2 hover:underline">{b.title}</a>
                    </th>
                    <td className="px-4 py-3 whitespace-nowrap text-slate-700">{format.dateTime(new Date(b.content.awareAt), { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Paris" })}</td>
                    <td className="px-4 py-3"><ClockBadge status={cnil.status}>{t(`cnilStatus.${cnil.status}`)}</ClockBadge></td>
                    <td className="px-4 py-3 text-slate-700">
                      {t("clientsCount", { notified: clients.filter((c) => c.status.startsWith("notified")).length, total: clients.length })}
                      {clients.some((c) => c.status === "late") ? <> <ClockBadge status="late">{t("clientStatus.late")}</ClockBadge></> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </Card>
      )}
    </>
  );
}

export async function breachesMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dpo.breaches"))("title") };
}
