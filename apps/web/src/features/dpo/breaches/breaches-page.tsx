// The breach register: every breach, with its two clocks at a glance.
import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card, DataTable, EmptyState, PageHeader, buttonClasses } from "@rappel/ui";
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
        <Card padding="none">
          <DataTable
            caption={t("caption")}
            hideCaption
            density="comfortable"
            tableClassName="min-w-[44rem]"
            rowHeaderColumn={1}
            rows={breaches.map((b) => ({ ...b, cnil: computeCnilClock(b.content, now), clients: computeClientClocks(b.content, now) }))}
            rowKey={(b) => b.id}
            columns={[
              { header: t("reference"), className: "font-mono", cell: (b) => b.reference },
              { header: t("titleCol"), cell: (b) => <a href={`/admin/dpo/breaches/${b.id}`} className="text-indigo-800 underline-offset-2 hover:underline">{b.title}</a> },
              {
                header: t("awareAt"),
                className: "whitespace-nowrap",
                cell: (b) => format.dateTime(new Date(b.content.awareAt), { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Paris" }),
              },
              { header: t("cnil"), cell: (b) => <ClockBadge status={b.cnil.status}>{t(`cnilStatus.${b.cnil.status}`)}</ClockBadge> },
              {
                header: t("clients"),
                cell: (b) => (
                  <>
                    {t("clientsCount", { notified: b.clients.filter((c) => c.status.startsWith("notified")).length, total: b.clients.length })}
                    {b.clients.some((c) => c.status === "late") ? <> <ClockBadge status="late">{t("clientStatus.late")}</ClockBadge></> : null}
                  </>
                ),
              },
            ]}
          />
        </Card>
      )}
    </>
  );
}

export async function breachesMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dpo.breaches"))("title") };
}
